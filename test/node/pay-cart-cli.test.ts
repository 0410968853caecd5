// `sportello pay` with several notices (issue #12 §10): one transaction through the core's cart, against a
// standalone simulator (real processes, a real database file, the clerk's PIN on standard input).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQrPayload } from '../../src/common/notice';
import { DEMO_NOTICES, generatePositions, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { CLERK, seedCliAccounts } from './cli-accounts';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'sportello');
let sim: NodeSimulator;
let dir: string;
let db: string;

function cli(...args: string[]): Promise<{ code: number; out: Record<string, unknown> | string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout, stderr) => {
      let out: Record<string, unknown> | string;
      try {
        out = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        out = stdout;
      }
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, stderr });
    });
    child.stdin?.end(`${CLERK.pin}\n`);
  });
}

/** Fresh notices with small amounts (five together stay under the €1.000 cash ceiling). */
function notices(n: number, seed: number): { noticeNumber: string; fiscalCode: string; qr: string; amountCents: number }[] {
  const ps = generatePositions(n, seed).map((p, i) => ({ ...p, amountCents: 1_500 + i * 500 }));
  sim.addPositions(ps);
  return ps.map((p) => ({ ...p, qr: buildQrPayload({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: p.amountCents }) }));
}

const pay = (...extra: string[]) => cli('pay', '--method', 'cash', '--db', db, '--node-url', sim.soapUrl, '--operator', CLERK.id, ...extra);

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-cartcli-'));
  db = path.join(dir, 'cli.db');
  await seedCliAccounts(db);
  const opened = await cli('shift', 'open', '--operator', CLERK.id, '--float', '100', '--db', db);
  expect(opened.code, opened.stderr).toBe(0);
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sportello pay with several notices', () => {
  it('pays 5 --qr as one transaction: one JSON object, each notice confirmed with its own token', async () => {
    const ns = notices(5, 201);
    const r = await pay(...ns.flatMap((n) => ['--qr', n.qr]));
    expect(r.code, r.stderr).toBe(0);
    const out = r.out as {
      status: string;
      transaction: { id: string; notices: number; amountCents: number; totalCents: number };
      notices: { noticeNumber: string; result: string; payment: { paymentToken: string } }[];
      receipt: { printed: boolean };
    };
    expect(out.status).toBe('online');
    expect(out.transaction).toMatchObject({ notices: 5, amountCents: ns.reduce((s, n) => s + n.amountCents, 0) });
    expect(out.notices.map((n) => [n.noticeNumber, n.result])).toEqual(ns.map((n) => [n.noticeNumber, 'confirmed']));
    expect(out.receipt.printed).toBe(true);
    const ledger = sim.ledger().filter((e) => ns.some((n) => n.noticeNumber === e.noticeNumber));
    expect(ledger.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(new Set(out.notices.map((n) => n.payment.paymentToken)).size).toBe(5);
  });

  it('mixes --qr with --notice/--ec pairs; a refused notice is dropped and the rest paid', async () => {
    const ns = notices(2, 202);
    const paid = DEMO_NOTICES.alreadyPaid;
    const r = await pay('--qr', ns[0]!.qr, '--notice', ns[1]!.noticeNumber, '--ec', ns[1]!.fiscalCode, '--notice', paid.noticeNumber, '--ec', paid.fiscalCode);
    expect(r.code, r.stderr).toBe(0);
    const out = r.out as { transaction: { notices: number }; notices: { noticeNumber: string; result: string; category?: string }[] };
    expect(out.transaction.notices).toBe(2);
    expect(out.notices.map((n) => n.result)).toEqual(['confirmed', 'confirmed', 'refused']);
    expect(out.notices[2]).toMatchObject({ noticeNumber: paid.noticeNumber, category: 'already-paid' });
    expect(r.stderr).toContain(`notice ${paid.noticeNumber} dropped`);
  });

  it('refuses a sixth notice before anything is recorded (exit 2)', async () => {
    const ns = notices(6, 203);
    const before = sim.ledger().length;
    const r = await pay(...ns.flatMap((n) => ['--qr', n.qr]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at most 5 notices/);
    expect(sim.ledger().length).toBe(before);
  });

  it('--notice without its --ec is bad input (exit 2)', async () => {
    const r = await pay('--notice', '301000000000000001', '--notice', '301000000000000002', '--ec', '01199250158');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pairs/);
  });
});
