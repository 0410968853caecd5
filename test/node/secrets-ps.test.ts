// Issue #10 §4: "`ps` during `sync` with a production config shows no secret". The real CLI (bin/sportello)
// runs `sync` against a node simulator that demands the configured password and subscription key and answers
// slowly, while the test samples every process's arguments (`ps -eo args` and /proc/*/cmdline). A control
// process with a secret in its arguments proves the sampler would catch one.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

const BIN = path.resolve(__dirname, '../../bin/sportello');
const PASSWORD = 'Pw9xQz7kLm';
const KEY = 'subkey-7c1e9a4f2b';

let sim: NodeSimulator;
let dir: string;
beforeAll(async () => {
  // 700 ms per answer: the probe and the queue pass keep `sync` alive long enough to be sampled.
  sim = await startNodeSimulator({ port: 0, subscriptionKey: KEY, identity: { password: PASSWORD }, latencyMs: 700 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-ps-'));
}, 30_000);
afterAll(async () => {
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every process's command line as `ps` and /proc show it to any local user. */
async function processArgs(): Promise<string> {
  const ps = await new Promise<string>((resolve) => execFile('ps', ['-eo', 'pid,args', '--no-headers', '-ww'], (_e, out) => resolve(out)));
  let proc = '';
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      proc += `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}\n`;
    } catch {
      // the process ended meanwhile
    }
  }
  return `${ps}\n${proc}`;
}

/** Samples the process table until `child` exits; resolves with all samples and the child's output. */
async function sampleWhileRunning(child: ChildProcess): Promise<{ samples: string[]; code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let done = false;
  void exited.then(() => (done = true));
  const samples: string[] = [];
  while (!done) {
    samples.push(await processArgs());
    await new Promise((r) => setTimeout(r, 50));
  }
  return { samples, code: await exited, stdout, stderr };
}

describe('no secret on any command line while `sportello sync` runs (issue #10 §4)', () => {
  it('the sampler sees a secret put on a control process command line', async () => {
    const marker = `CONTROL-${KEY}`;
    const control = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)', marker], { stdio: ['ignore', 'pipe', 'pipe'] });
    const r = await sampleWhileRunning(control);
    expect(r.samples.length).toBeGreaterThan(0);
    expect(r.samples.some((s) => s.includes(marker))).toBe(true);
  });

  it('a production config (node URL, password, subscription key): the secrets reach the node, never ps', async () => {
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ terminal: { id: 'PSTEST01' }, node: { url: sim.soapUrl, password: PASSWORD, subscriptionKey: KEY } }), { mode: 0o600 });
    const db = path.join(dir, 'sportello.db');
    const child = spawn(process.execPath, [BIN, 'sync', '--config', config, '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SPORTELLO_CONFIG: '' },
    });
    const r = await sampleWhileRunning(child);
    // The node accepted the password and the key (it refuses others): the secrets were used.
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ online: true, embeddedNode: false });
    // The samples caught the sync process itself, so they were taken while it ran.
    const during = r.samples.filter((s) => s.includes(`sync --config ${config}`));
    expect(during.length).toBeGreaterThan(0);
    for (const s of r.samples) {
      expect(s).not.toContain(PASSWORD);
      expect(s).not.toContain(KEY);
    }
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  }, 60_000);
});
