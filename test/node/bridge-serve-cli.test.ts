// `./bin/sportello serve --port 0` as a real process: first stdout line is the URL with the token,
// the core answers through it, and SIGTERM stops it cleanly.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invoke } from './bridge-helpers';

const root = path.resolve(__dirname, '../..');
let child: ChildProcess | null = null;
let dataDir = '';

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    stream.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      const i = buf.indexOf('\n');
      if (i >= 0) resolve(buf.slice(0, i));
    });
    stream.on('end', () => reject(new Error(`stdout ended before a line: ${JSON.stringify(buf)}`)));
  });
}

describe('sportello serve', () => {
  it('prints the tokenised URL first, serves the core, and exits 0 on SIGTERM', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-serve-'));
    child = spawn(process.execPath, [path.join(root, 'bin/sportello'), 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SPORTELLO_CONFIG: '' },
    });
    const line = await firstLine(child.stdout!);
    const m = /^http:\/\/127\.0\.0\.1:(\d+)\/#sportello-token=([A-Za-z0-9_-]{40,})$/.exec(line);
    expect(m, line).not.toBeNull();
    const port = Number(m![1]);
    const token = m![2]!;
    expect((await invoke(port, null, 'session/state')).status).toBe(401);
    const login = JSON.parse((await invoke(port, token, 'session/login', { operatorId: 'mario', pin: '1234' })).body);
    expect(login).toMatchObject({ ok: true, value: { operator: { id: 'mario', role: 'clerk' } } });
    expect(fs.existsSync(path.join(dataDir, 'sportello.db'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
