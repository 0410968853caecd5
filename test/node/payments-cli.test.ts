// The pay / sync / queue / exceptions CLI against a standalone simulator in the test process (the
// embedded one would forget its state between CLI runs). Real processes, a real database file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { CLERK as CLERK_ACCOUNT, SUPERVISOR, seedCliAccounts } from './cli-accounts';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'sportello');
let sim: NodeSimulator;
let dir: string;
let db: string;

/**
 * Runs bin/sportello; a command that acts for an operator gets that operator's PIN on standard input
 * (never on the command line): the clerk's, or the supervisor's for `--operator anna`.
 */
function cli(...args: string[]): Promise<{ code: number; out: unknown; stderr: string }> {
  const who = args[args.indexOf('--operator') + 1];
  return run(args, args.includes('--operator') ? `${who === SUPERVISOR.id ? SUPERVISOR.pin : PIN}\n` : '');
}

function run(args: string[], stdin: string): Promise<{ code: number; out: unknown; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      let out: unknown;
      try {
        out = JSON.parse(stdout);
      } catch {
        out = stdout;
      }
      resolve({ code, out, stderr });
    });
    child.stdin?.end(stdin);
  });
}

// No command creates operators (issue #10 §2): the test seeds clerk mario and supervisor anna first.
const CLERK = CLERK_ACCOUNT.id;
const PIN = CLERK_ACCOUNT.pin;

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-paycli-'));
  db = path.join(dir, 'cli.db');
  await seedCliAccounts(db);
  // Money is taken only inside a shift: the clerk opens one with a float, as at the counter (F9).
  const opened = await cli('shift', 'open', '--operator', CLERK, '--float', '100', '--db', db);
  expect(opened.code, opened.stderr).toBe(0);
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sportello pay / queue / sync / exceptions', () => {
  it('pays online with --qr and prints the token; exit 0', async () => {
    const r = await cli('pay', '--qr', DEMO_NOTICES.plain.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK);
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      status: 'online',
      outcome: 'confirmed',
      embeddedNode: false,
      payment: { state: 'printed', amountCents: 12_350, operatorId: CLERK },
      receipt: { kind: 'payment', printed: true },
    });
    const token = (r.out as { payment: { paymentToken: string } }).payment.paymentToken;
    expect(sim.ledger()).toEqual([expect.objectContaining({ paymentToken: token, outcome: 'OK' })]);
  });

  it('refuses an already-paid notice with a reason; exit 1', async () => {
    const r = await cli('pay', '--qr', DEMO_NOTICES.alreadyPaid.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK);
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({ status: 'refused', category: 'already-paid' });
    expect(r.stderr).toMatch(/payment refused/);
  });

  it('offline: --amount required, then accepted durably; queue shows it; sync registers it', async () => {
    sim.setFault({ operation: '*', kind: 'http503' });
    const n = DEMO_NOTICES.second;
    const noAmount = await cli('pay', '--notice', n.noticeNumber, '--ec', n.fiscalCode, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK);
    expect(noAmount.code).toBe(1);
    expect(noAmount.stderr).toMatch(/--amount is required/);
    const off = await cli('pay', '--notice', n.noticeNumber, '--ec', n.fiscalCode, '--amount', '245,30', '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK);
    expect(off.code).toBe(0);
    expect(off.out).toMatchObject({ status: 'offline', payment: { state: 'offline-queued', amountCents: 24_530, paymentToken: null }, receipt: { kind: 'provisional' } });
    const down = await cli('sync', '--db', db, '--node-url', sim.soapUrl);
    expect(down.code).toBe(1);
    const q = await cli('queue', '--db', db);
    expect(q.out).toMatchObject({ pendingCount: 1, exceptionCount: 0, offlineExposureCents: 24_530 });
    sim.clearFaults();
    const s = await cli('sync', '--db', db, '--node-url', sim.soapUrl);
    expect(s.code).toBe(0);
    expect(s.out).toMatchObject({ online: true, pending: 0, exceptions: [] });
    expect(sim.ledger().filter((l) => l.noticeNumber === n.noticeNumber)).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: 24_530 })]);
  });

  it('an offline payment of an expired notice is listed as an exception and resolved by refund', async () => {
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', count: 1 });
    const off = await cli('pay', '--qr', DEMO_NOTICES.expired.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK);
    expect(off.code).toBe(0);
    const id = (off.out as { payment: { id: string } }).payment.id;
    const s = await cli('sync', '--db', db, '--node-url', sim.soapUrl);
    expect(s.code).toBe(0);
    expect(s.out).toMatchObject({ pending: 0, exceptions: [{ id, exception: { kind: 'expired' } }] });
    const list = await cli('exceptions', 'list', '--db', db);
    expect(list.out).toEqual([expect.objectContaining({ id, actions: ['refund'] })]);
    const bad = await cli('exceptions', 'resolve', id, '--action', 'accept-difference', '--reason', 'x', '--operator', SUPERVISOR.id, '--db', db, '--node-url', sim.soapUrl);
    expect(bad.code).toBe(1);
    const ok = await cli('exceptions', 'resolve', id, '--action', 'refund', '--reason', 'cash returned', '--operator', SUPERVISOR.id, '--db', db, '--node-url', sim.soapUrl);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatchObject({ id, state: 'resolved', resolution: { action: 'refund', operatorId: SUPERVISOR.id } });
    expect((await cli('exceptions', '--db', db)).out).toEqual([]);
  });

  it('a wrong PIN is refused (exit 4) before the node is asked anything', async () => {
    const before = sim.ledger().length;
    const r = await run(['pay', '--qr', DEMO_NOTICES.multiTransfer.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK], '9999\n');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/login refused for mario/);
    expect(sim.ledger()).toHaveLength(before);
  });

  it('the payment is in the open shift: X shows it, and the Z that closes the shift counts it', async () => {
    const x = await cli('report', 'x', '--db', db);
    expect(x.code, x.stderr).toBe(0);
    // 123,50 + 2,00 (online), 245,30 + 2,00 (offline, then registered), 42,00 + 2,00 (offline, expired,
    // refunded): all cash, all in mario's shift.
    expect(x.out).toMatchObject({ operator: CLERK, byMethod: { cash: { count: 3, totalCents: 41_680 } }, refunds: { cash: { count: 1, totalCents: 4_400 } }, cashExpectedCents: 47_280 });
    const z = await cli('report', 'z', '--operator', CLERK, '--counted', '472,80', '--db', db);
    expect(z.code, z.stderr).toBe(0);
    expect(z.out).toMatchObject({ byMethod: { cash: { count: 3, totalCents: 41_680 } }, cashExpectedCents: 47_280 });
  });
});

describe('sportello pay refuses money outside a shift', () => {
  it('exits non-zero with a clear reason, records no payment and moves no money', async () => {
    const fresh = path.join(dir, 'no-shift.db');
    // A new database (its accounts seeded, so mario's PIN is right); no shift.
    await seedCliAccounts(fresh);
    const before = sim.ledger().length;
    const r = await cli('pay', '--qr', DEMO_NOTICES.plain.qr, '--method', 'cash', '--db', fresh, '--operator', CLERK);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/open a shift/);
    expect(sim.ledger()).toHaveLength(before);
    const q = await cli('queue', '--db', fresh);
    expect(q.out).toMatchObject({ pendingCount: 0, exceptionCount: 0 });
    const recent = JSON.stringify((await cli('journal', 'export', '--format', 'json', '--db', fresh)).out);
    expect(recent).not.toMatch(/payment\./);
  });
});
