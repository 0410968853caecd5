// A connected pair of pseudo-terminals made by socat, for serial-device tests (scanner, printer, card
// terminal). Each end is a stable symlink path; `close()` kills socat (an "unplug"), and calling
// createPtyPair again with the same paths "replugs" the device.
//   socat -d -d pty,raw,echo=0,link=<a> pty,raw,echo=0,link=<b>
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type PtyPair = {
  /** Path of one end (a symlink to /dev/pts/N). */
  a: string;
  /** Path of the other end. */
  b: string;
  /** The socat process id. */
  pid: number;
  /** Kills socat (both ends disappear) and waits for it to exit. Idempotent. */
  close(): Promise<void>;
};

export type PtyPairOptions = {
  /** Explicit link paths (to replug a device at the same path); default: a fresh temp dir. */
  a?: string;
  b?: string;
  /** How long to wait for socat to be ready (default 5000 ms). */
  timeoutMs?: number;
};

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

function exited(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => p.once('exit', () => resolve()));
}

export async function createPtyPair(opts: PtyPairOptions = {}): Promise<PtyPair> {
  let tmp: string | null = null;
  if (!opts.a || !opts.b) tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-pty-'));
  const a = opts.a ?? path.join(tmp ?? '', 'a');
  const b = opts.b ?? path.join(tmp ?? '', 'b');
  // A stale link from a killed socat would make the new one fail.
  for (const p of [a, b]) fs.rmSync(p, { force: true });

  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  const timeoutMs = opts.timeoutMs ?? 5000;

  const cleanup = async () => {
    live.delete(child);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited(child);
      clearTimeout(t);
    }
    for (const p of [a, b]) fs.rmSync(p, { force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socat not ready after ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
      const check = () => {
        // socat prints "starting data transfer loop" once both ptys exist; also require both links.
        if (stderr.includes('starting data transfer loop') && fs.existsSync(a) && fs.existsSync(b)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
        check();
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start socat (apt-get install socat): ${e.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited with ${code}: ${stderr.trim()}`));
      });
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  child.stderr?.resume();
  let closing: Promise<void> | null = null;
  return { a, b, pid: child.pid ?? -1, close: () => (closing ??= cleanup()) };
}
