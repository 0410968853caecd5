// `sportello node-sim` and `sportello node verify` as real processes (bin/sportello).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES, generatePositions } from '../../src/main/node-sim/simulator';

const BIN = path.resolve(__dirname, '../../bin/sportello');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let child: ChildProcess;
let url: string;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-sim-'));
  const seed = path.join(dir, 'seed.json');
  fs.writeFileSync(seed, JSON.stringify({ positions: [...generatePositions(2, 77), { ...DEMO_NOTICES.plain, status: 'open', dueDate: '2026-12-31' }] }));
  child = spawn(process.execPath, [BIN, 'node-sim', '--port', '0', '--seed', seed, '--subscription-key', 'cli-key'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
  url = first.slice('listening on '.length);
}, 60_000);
afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sportello node-sim + node verify', () => {
  it('verify OK prints the notice details and exits 0', async () => {
    const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.plain.noticeNumber, '--ec', DEMO_NOTICES.plain.fiscalCode, '--node-url', `${url}/nodo-auth/node-for-psp/v1`], {
      SPORTELLO_NODE_SUBSCRIPTION_KEY: 'cli-key',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      outcome: 'OK',
      amountCents: 12_350,
      companyName: 'Comune di Milano',
      description: 'TARI 2026 - rata unica',
      fiscalCode: DEMO_NOTICES.plain.fiscalCode,
      noticeNumber: DEMO_NOTICES.plain.noticeNumber,
      dueDate: '2026-12-31',
      upstream: 'node',
      endpoint: new URL(url).origin,
    });
  });

  it('verify KO (notice not in this seed) prints the category and exits 0', async () => {
    const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.expired.noticeNumber, '--ec', DEMO_NOTICES.expired.fiscalCode, '--node-url', url, '--lang', 'en'], {
      SPORTELLO_NODE_SUBSCRIPTION_KEY: 'cli-key',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'KO', faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO', category: 'unknown-notice' });
  });

  it('secrets given as flags are refused with where to put them, and never echoed (issue #10 §4)', async () => {
    for (const [flag, where] of [
      ['--password', /SPORTELLO_NODE_PASSWORD.*--password-file/],
      ['--subscription-key', /SPORTELLO_NODE_SUBSCRIPTION_KEY.*--subscription-key-file/],
    ] as const) {
      const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.plain.noticeNumber, '--ec', DEMO_NOTICES.plain.fiscalCode, '--node-url', url, flag, 'hunter2hunter2']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(where);
      expect(r.stderr + r.stdout).not.toContain('hunter2');
    }
  });

  it('a wrong subscription key is a one-line reason, exit 1, and the key is not echoed', async () => {
    const pw = path.join(dir, 'password');
    fs.writeFileSync(pw, 'hunter2hunter2\n', { mode: 0o600 });
    const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.plain.noticeNumber, '--ec', DEMO_NOTICES.plain.fiscalCode, '--node-url', url, '--password-file', pw], {
      SPORTELLO_NODE_SUBSCRIPTION_KEY: 'secret-wrong-key',
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unauthorized');
    expect(r.stderr + r.stdout).not.toMatch(/secret-wrong-key|hunter2/);
  });

  it('the admin API of the standalone process answers', async () => {
    const positions = (await (await fetch(`${url}/admin/positions`)).json()) as unknown[];
    expect(positions).toHaveLength(3);
  });

  it('without a node URL the embedded simulator answers with the default seed', async () => {
    const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.alreadyPaid.noticeNumber, '--ec', DEMO_NOTICES.alreadyPaid.fiscalCode]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'KO', faultCode: 'PPT_PAGAMENTO_DUPLICATO', category: 'already-paid' });
  });

  it('bad input exits 2; an unreachable node exits 1', async () => {
    expect((await run(['node', 'verify', '--notice', '123', '--ec', DEMO_NOTICES.plain.fiscalCode])).code).toBe(2);
    const r = await run(['node', 'verify', '--notice', DEMO_NOTICES.plain.noticeNumber, '--ec', DEMO_NOTICES.plain.fiscalCode, '--node-url', 'http://127.0.0.1:1/x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('connection-refused');
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});
