// The engine against the REAL simulator over loopback SOAP (issue #4 §1–§3): online, offline + sync,
// each exception kind from the demo seed, and maybe-processed outcome retries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseNoticeCode } from '../../src/common/notice';
import { parseConfig } from '../../src/main/core/config/load';
import { verifyJournal } from '../../src/main/core/journal/journal';
import { createNodeClientFromConfig } from '../../src/main/core/node/from-config';
import type { NodeClient } from '../../src/main/core/node/types';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

let sim: NodeSimulator;
let dir: string;
let db: Db;
let client: NodeClient;
let engine: PaymentEngine;
let worker: SyncWorker;
const counter = { operatorId: 'op1', mode: 'counter' as const };

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

function open(): void {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-paysim-'));
  db = openDatabase(path.join(dir, 'p.db'));
  const config = parseConfig({ node: { url: sim.soapUrl, timeouts: { verifyMs: 500, activateMs: 500, outcomeMs: 500 } } });
  client = createNodeClientFromConfig(config);
  engine = new PaymentEngine({ db, node: client, config });
  worker = new SyncWorker({ engine });
}
afterEach(async () => {
  await client.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  sim.reset();
});

async function payOffline(qr: string) {
  sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', count: 1 });
  const q = await engine.lookup(parseNoticeCode(qr), counter);
  if (q.kind !== 'offline') throw new Error(`expected offline, got ${JSON.stringify(q)}`);
  const b = await engine.begin(q.paymentId, 'cash');
  if (b.kind !== 'offline') throw new Error(`expected offline begin, got ${JSON.stringify(b)}`);
  return engine.collectCash(q.paymentId, 100_000).payment;
}

describe('payment engine × node simulator', () => {
  it('online QR payment: current amount, outcome OK at the node exactly once', async () => {
    open();
    const n = DEMO_NOTICES.amountChanged;
    const q = await engine.lookup(parseNoticeCode(n.qr), counter);
    expect(q).toMatchObject({ kind: 'online', amountCents: 5_430, printedAmountCents: 5_000, amountChanged: true });
    if (q.kind !== 'online') return;
    await engine.begin(q.paymentId, 'cash');
    engine.collectCash(q.paymentId, 6_000);
    const p = await engine.settle(q.paymentId);
    expect(p.state).toBe('confirmed');
    expect(sim.ledger()).toEqual([expect.objectContaining({ noticeNumber: n.noticeNumber, paymentToken: p.paymentToken, outcome: 'OK', amountCents: 5_430 })]);
    expect(verifyJournal(db).ok).toBe(true);
  });

  it('a process-then-reset outcome is retried with the same key: one ledger entry', async () => {
    open();
    const n = DEMO_NOTICES.plain;
    sim.setFault({ operation: 'sendPaymentOutcome', kind: 'process-then-reset', count: 1 });
    const q = await engine.lookup(parseNoticeCode(n.qr), counter);
    await engine.begin(q.kind === 'online' ? q.paymentId : '', 'cash');
    const id = q.kind === 'online' ? q.paymentId : '';
    engine.collectCash(id, 20_000);
    expect(await engine.settle(id)).toMatchObject({ state: 'collected', outcomeAttempts: 1 });
    expect(sim.ledger()).toHaveLength(1);
    await worker.runOnce({ force: true });
    expect(engine.get(id)!.state).toBe('confirmed');
    expect(sim.ledger()).toHaveLength(1);
  });

  it('offline while the node resets connections, then sync registers it (verify → activate → OK)', async () => {
    open();
    const p = await payOffline(DEMO_NOTICES.multiTransfer.qr);
    expect(p).toMatchObject({ state: 'offline-queued', amountCents: 31_000 });
    const r = await worker.runOnce();
    expect(r).toMatchObject({ online: true, pending: 0, exceptions: 0 });
    const done = engine.get(p.id)!;
    expect(done.state).toBe('confirmed');
    expect(engine.receiptDataFor(p.id).transfers).toHaveLength(3);
    expect(sim.ledger()).toEqual([expect.objectContaining({ paymentToken: done.paymentToken, outcome: 'OK', amountCents: 31_000 })]);
  });

  it('offline payments of paid, expired, revoked, unknown and re-priced notices become exceptions of that kind', async () => {
    open();
    const cases = [
      [DEMO_NOTICES.alreadyPaid.qr, 'already-paid'],
      [DEMO_NOTICES.expired.qr, 'expired'],
      [DEMO_NOTICES.revoked.qr, 'revoked'],
      [DEMO_NOTICES.amountChanged.qr, 'amount-mismatch'],
      ['PAGOPA|002|301202699999999917|01199250158|0000001000', 'unknown-notice'],
    ] as const;
    const ids = [];
    for (const [qr] of cases) ids.push((await payOffline(qr)).id);
    const r = await worker.runOnce();
    expect(r).toMatchObject({ pending: 0, exceptions: cases.length });
    expect(ids.map((id) => engine.get(id)!.exceptionKind)).toEqual(cases.map((c) => c[1]));
    expect(sim.ledger()).toEqual([]);
    expect(sim.positions().filter((p) => p.lockedByToken)).toEqual([]);
    // Accepting the difference on the re-priced one pays the node's current amount.
    const changed = ids[3] as string;
    await engine.resolveException(changed, 'accept-difference', 'PSP bears the interest', 'sup');
    await worker.runOnce();
    expect(engine.get(changed)).toMatchObject({ state: 'confirmed', amountCents: 5_430 });
    expect(sim.ledger()).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: 5_430 })]);
  });

  it('a kiosk shows out-of-service instead of accepting offline', async () => {
    open();
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'http503', count: 1 });
    const q = await engine.lookup(parseNoticeCode(DEMO_NOTICES.plain.qr), { operatorId: null, mode: 'kiosk' });
    expect(q).toMatchObject({ kind: 'refused', category: 'offline-disabled' });
  });
});
