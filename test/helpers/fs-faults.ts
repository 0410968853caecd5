// Real storage faults for tests: a tiny tmpfs that fills up (a real ENOSPC/SQLITE_FULL) and a read-only
// mount. Both need root (CI and this VM run as root); otherwise the helpers say so and the tests fall
// back to SQLite's own limits (max_page_count) or file permissions, which a non-root user can set.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function tryMount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export type MountedDir = { dir: string; real: boolean; cleanup(): void };

/** A directory on a tmpfs of `sizeKb` KiB (real: true), or a plain temp dir when mounting is impossible. */
export function tinyFilesystem(sizeKb: number): MountedDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-tiny-'));
  const real = isRoot && tryMount(['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  return { dir, real, cleanup: () => unmountAndRemove(dir, real) };
}

/** A read-only directory: a read-only tmpfs as root, chmod 0555 otherwise. Contains `seedFiles` copied in first. */
export function readOnlyDir(): MountedDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-ro-'));
  if (isRoot) {
    const real = tryMount(['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]);
    return { dir, real, cleanup: () => unmountAndRemove(dir, real) };
  }
  fs.chmodSync(dir, 0o555);
  return {
    dir,
    real: true,
    cleanup: () => {
      fs.chmodSync(dir, 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function unmountAndRemove(dir: string, mounted: boolean): void {
  if (mounted) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = 'sportello-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
