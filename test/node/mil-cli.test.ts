// `sportello node verify` through MIL as a real process (bin/sportello): the embedded MIL simulator in front
// of the embedded node simulator, by tax code + notice number and by QR code; the answer names the upstream.
// The MIL client secret is refused as a flag, read from a file or the environment.
import { execFile, spawn } from 'node:child_process';
import readline from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMilSimulator, type MilSimulator } from '../../src/main/mil-sim/simulator';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { CLERK, seedCliAccounts } from './cli-accounts';

const BIN = path.resolve(__dirname, '../../bin/sportello');

function run(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '', SPORTELLO_MIL_CLIENT_SECRET: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

const plain = DEMO_NOTICES.plain;

describe('sportello node verify --upstream mil', () => {
  it('by tax code and notice number: OK, answered by the embedded MIL simulator', async () => {
    const r = await run(['node', 'verify', '--upstream', 'mil', '--notice', plain.noticeNumber, '--ec', plain.fiscalCode]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'OK', amountCents: plain.amountCents, companyName: plain.companyName, upstream: 'mil', endpoint: 'embedded MIL simulator' });
  }, 60_000);

  it('by QR code, and a refusal keeps its category', async () => {
    const ok = await run(['node', 'verify', '--upstream', 'mil', '--qr', plain.qr]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ outcome: 'OK', noticeNumber: plain.noticeNumber, upstream: 'mil' });
    const paid = DEMO_NOTICES.alreadyPaid;
    const ko = await run(['node', 'verify', '--upstream', 'mil', '--qr', paid.qr, '--lang', 'en']);
    expect(ko.code).toBe(0);
    expect(JSON.parse(ko.stdout)).toMatchObject({ outcome: 'KO', category: 'already-paid', upstream: 'mil' });
  }, 60_000);

  it('the client secret never as a flag; a wrong one from a file is an authentication failure (exit 1)', async () => {
    const flag = await run(['node', 'verify', '--upstream', 'mil', '--mil-client-secret', 'x', '--notice', plain.noticeNumber, '--ec', plain.fiscalCode]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--mil-client-secret is refused.*SPORTELLO_MIL_CLIENT_SECRET/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mil-cli-'));
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, 'ffffffff-ffff-ffff-ffff-ffffffffffff\n', { mode: 0o600 });
    const wrong = await run(['node', 'verify', '--upstream', 'mil', '--mil-client-secret-file', file, '--notice', plain.noticeNumber, '--ec', plain.fiscalCode]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/unauthorized/);
    expect(wrong.stderr).not.toMatch(/ffffffff/);
    const env = await run(['node', 'verify', '--upstream', 'mil', '--notice', plain.noticeNumber, '--ec', plain.fiscalCode], { SPORTELLO_MIL_CLIENT_SECRET: 'eeeeeeee-ffff-ffff-ffff-ffffffffffff' });
    expect(env.code).toBe(1);
  }, 60_000);

  it('bad identifiers are refused before any call (exit 2, the field named)', async () => {
    const r = await run(['node', 'verify', '--upstream', 'mil', '--terminal-id', 'TOO-LONG-ID', '--notice', plain.noticeNumber, '--ec', plain.fiscalCode]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/upstream\.mil\.terminalId/);
  }, 60_000);
});

describe('sportello mil-sim', () => {
  it('runs standalone: prints its URLs, issues a token to the demo client, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'mil-sim', '--port', '0', '--token-lifetime-s', '60'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    await new Promise<void>((resolve) =>
      readline.createInterface({ input: child.stdout! }).on('line', (l) => {
        lines.push(l);
        if (lines.length === 2) resolve();
      }),
    );
    expect(lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const urls = JSON.parse(lines[1]!) as { milUrl: string; milAuthUrl: string; admin: string };
    const res = await fetch(`${urls.milAuthUrl}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', AcquirerId: '4585625', Channel: 'POS', MerchantId: 'M1', TerminalId: 'T1' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'd0d654e6-97da-4848-b568-99fedccb642b', client_secret: '265a5ac0-c651-428e-bed6-763f6cd244b5' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    expect(await (await fetch(`${urls.admin}transactions`)).json()).toEqual({ transactions: [] });
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  }, 60_000);
});

describe('pay and sync through a standalone MIL (--mil-url)', () => {
  let node: NodeSimulator;
  let mil: MilSimulator;
  let dir: string;
  let db: string;
  const milFlags = () => ['--upstream', 'mil', '--mil-url', mil.url, '--mil-auth-url', mil.authUrl];
  beforeAll(async () => {
    node = await startNodeSimulator({ port: 0 });
    mil = await startMilSimulator({ nodeUrl: node.soapUrl });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mil-paycli-'));
    db = path.join(dir, 'cli.db');
    await seedCliAccounts(db);
    const opened = await run(['shift', 'open', '--operator', CLERK.id, '--float', '100', '--db', db], {}, `${CLERK.pin}\n`);
    expect(opened.code, opened.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await mil.close();
    await node.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pays online through MIL: one transaction CLOSED, one outcome at the node', async () => {
    const r = await run(['pay', '--qr', plain.qr, '--method', 'cash', '--db', db, ...milFlags(), '--operator', CLERK.id], {}, `${CLERK.pin}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'online', outcome: 'confirmed', embeddedNode: false });
    expect(node.ledger().map((l) => l.outcome)).toEqual(['OK']);
    expect(mil.transactions()).toEqual([expect.objectContaining({ status: 'CLOSED', closesSent: 1, totalAmount: plain.amountCents })]);
  }, 60_000);

  it('Nodo down behind MIL: pay is accepted offline; a later sync delivers it through MIL exactly once', async () => {
    const n = DEMO_NOTICES.second;
    node.setFault({ operation: '*', kind: 'reset' });
    const r = await run(['pay', '--qr', n.qr, '--method', 'cash', '--db', db, ...milFlags(), '--operator', CLERK.id], {}, `${CLERK.pin}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'offline' });
    node.clearFaults();
    const s = await run(['sync', '--db', db, ...milFlags()]);
    expect(s.code, s.stderr).toBe(0);
    expect(
      node
        .ledger()
        .filter((l) => l.noticeNumber === n.noticeNumber)
        .map((l) => l.outcome),
    ).toEqual(['OK']);
    expect(mil.transactions().filter((t) => t.status === 'CLOSED')).toHaveLength(2);
    const again = await run(['sync', '--db', db, ...milFlags()]);
    expect(again.code).toBe(0);
    expect(node.ledger().filter((l) => l.noticeNumber === n.noticeNumber)).toHaveLength(1);
  }, 60_000);
});
