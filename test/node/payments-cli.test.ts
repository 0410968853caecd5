// The pay / sync / queue / exceptions CLI against a standalone simulator in the test process (the
// embedded one would forget its state between CLI runs). Real processes, a real database file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'sportello');
let sim: NodeSimulator;
let dir: string;
let db: string;

function cli(...args: string[]): Promise<{ code: number; out: unknown; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      let out: unknown;
      try {
        out = JSON.parse(stdout);
      } catch {
        out = stdout;
      }
      resolve({ code, out, stderr });
    });
  });
}

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-paycli-'));
  db = path.join(dir, 'cli.db');
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sportello pay / queue / sync / exceptions', () => {
  it('pays online with --qr and prints the token; exit 0', async () => {
    const r = await cli('pay', '--qr', DEMO_NOTICES.plain.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', 'op1');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ status: 'online', outcome: 'confirmed', embeddedNode: false, payment: { state: 'confirmed', amountCents: 12_350, operatorId: 'op1' } });
    const token = (r.out as { payment: { paymentToken: string } }).payment.paymentToken;
    expect(sim.ledger()).toEqual([expect.objectContaining({ paymentToken: token, outcome: 'OK' })]);
  });

  it('refuses an already-paid notice with a reason; exit 1', async () => {
    const r = await cli('pay', '--qr', DEMO_NOTICES.alreadyPaid.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl);
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({ status: 'refused', category: 'already-paid' });
    expect(r.stderr).toMatch(/payment refused/);
  });

  it('offline: --amount required, then accepted durably; queue shows it; sync registers it', async () => {
    sim.setFault({ operation: '*', kind: 'http503' });
    const n = DEMO_NOTICES.second;
    const noAmount = await cli('pay', '--notice', n.noticeNumber, '--ec', n.fiscalCode, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl);
    expect(noAmount.code).toBe(1);
    expect(noAmount.stderr).toMatch(/--amount is required/);
    const off = await cli('pay', '--notice', n.noticeNumber, '--ec', n.fiscalCode, '--amount', '245,30', '--method', 'cash', '--db', db, '--node-url', sim.soapUrl);
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
    const off = await cli('pay', '--qr', DEMO_NOTICES.expired.qr, '--method', 'cash', '--db', db, '--node-url', sim.soapUrl);
    expect(off.code).toBe(0);
    const id = (off.out as { payment: { id: string } }).payment.id;
    const s = await cli('sync', '--db', db, '--node-url', sim.soapUrl);
    expect(s.code).toBe(0);
    expect(s.out).toMatchObject({ pending: 0, exceptions: [{ id, exception: { kind: 'expired' } }] });
    const list = await cli('exceptions', 'list', '--db', db);
    expect(list.out).toEqual([expect.objectContaining({ id, actions: ['refund'] })]);
    const bad = await cli('exceptions', 'resolve', id, '--action', 'accept-difference', '--reason', 'x', '--operator', 'sup', '--db', db, '--node-url', sim.soapUrl);
    expect(bad.code).toBe(1);
    const ok = await cli('exceptions', 'resolve', id, '--action', 'refund', '--reason', 'cash returned', '--operator', 'sup', '--db', db, '--node-url', sim.soapUrl);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatchObject({ id, state: 'resolved', resolution: { action: 'refund', operatorId: 'sup' } });
    expect((await cli('exceptions', '--db', db)).out).toEqual([]);
  });
});
