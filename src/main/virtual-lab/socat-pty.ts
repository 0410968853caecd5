// A linked pty pair made by socat (toolchain.md §3): what a USB-serial device looks like to the app,
// without hardware. Used by the virtual lab (scanner, serial terminal) and the terminal tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SocatPtyPair = {
  /** The end the application opens (as if it were /dev/ttyUSB0). */
  readonly appPath: string;
  /** The end the virtual device drives. */
  readonly devicePath: string;
  readonly pid: number | undefined;
  close(): Promise<void>;
};

export class PtyUnavailableError extends Error {
  override readonly name = 'PtyUnavailableError';
  constructor(
    readonly kind: 'no-socat' | 'socat-failed',
    message: string,
  ) {
    super(message);
  }
}

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

export async function createSocatPtyPair(timeoutMs = 5_000): Promise<SocatPtyPair> {
  if (!socatAvailable()) throw new PtyUnavailableError('no-socat', 'socat is not installed (apt-get install socat)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-pty-'));
  const appPath = path.join(dir, 'app');
  const devicePath = path.join(dir, 'device');
  const child: ChildProcess = spawn('socat', ['-d', `pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + timeoutMs;
  while (!(fs.existsSync(appPath) && fs.existsSync(devicePath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new PtyUnavailableError('socat-failed', `socat did not create the pty pair: ${stderr.trim() || 'timeout'}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    appPath,
    devicePath,
    pid: child.pid,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
