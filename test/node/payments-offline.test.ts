// Offline acceptance (issue #4 §2), sync (§3) and exceptions, against the fake node and a real SQLite file.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyJournal } from '../../src/main/core/journal/journal';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { ManualClock } from '../../src/common/clock';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import { openDatabase } from '../../src/main/core/store/database';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

function setup(config?: Record<string, unknown>) {
  const clock = new ManualClock();
  const node = new FakeNode(clock);
  const rig = makeRig(node, { clock, ...(config ? { config } : {}) });
  rigs.push(rig);
  return { node, rig, engine: rig.engine, clock, worker: new SyncWorker({ engine: rig.engine, concurrency: 3 }) };
}

const counter = { operatorId: 'op1', mode: 'counter' as const };

async function offlinePay(engine: PaymentEngine, n: number, amount: number | null, typed?: number) {
  const q = await engine.lookup({ noticeNumber: notice(n), fiscalCode: EC, amountCents: amount }, counter);
  if (q.kind !== 'offline') throw new Error(`expected offline quote, got ${JSON.stringify(q)}`);
  const b = await engine.begin(q.paymentId, 'cash', typed === undefined ? {} : { amountCents: typed });
  if (b.kind !== 'offline') throw new Error(`expected offline begin, got ${JSON.stringify(b)}`);
  return engine.collectCash(q.paymentId, (amount ?? typed ?? 0) + 200).payment;
}

describe('offline acceptance policy', () => {
  it('a counter accepts a payment durably while the node is down; the provisional receipt has no token', async () => {
    const { engine, node, rig } = setup();
    node.down = true;
    const p = await offlinePay(engine, 1, 5_000);
    expect(p).toMatchObject({ state: 'offline-queued', mode: 'offline', amountCents: 5_000, collectedCents: 5_200, operatorId: 'op1', terminalId: 'T01' });
    const r = engine.receiptDataFor(p.id);
    expect(r).toMatchObject({ kind: 'provisional', paymentToken: null, localReference: p.id, totalCents: 5_200 });
    // The row is on disk: a second (read-only: the rig is the one writer) connection to the file sees it.
    const other = openDatabase(rig.file, { readonly: true });
    expect(new PaymentEngine({ db: other, node, config: rig.config }).get(p.id)?.state).toBe('offline-queued');
    other.close();
  });

  it('asks for the amount when the notice has none, and refuses kiosks, big amounts, exposure, methods and old queues', async () => {
    const { engine, node, clock } = setup({ offline: { maxAmountCents: 10_000, maxTotalCents: 15_000, maxQueueAgeHours: 2, methods: ['cash'] } });
    node.down = true;
    const q = await engine.lookup({ noticeNumber: notice(2), fiscalCode: EC, amountCents: null }, counter);
    expect(q).toMatchObject({ kind: 'offline', amountCents: null, limits: { maxAmountCents: 10_000, remainingTotalCents: 15_000 } });
    if (q.kind !== 'offline') return;
    expect(await engine.begin(q.paymentId, 'cash')).toMatchObject({ kind: 'refused', category: 'amount-required' });
    expect(await engine.begin(q.paymentId, 'card', { amountCents: 500 })).toMatchObject({ kind: 'refused', category: 'offline-limit' });
    expect(await engine.lookup({ noticeNumber: notice(3), fiscalCode: EC, amountCents: 100 }, { operatorId: null, mode: 'kiosk' })).toMatchObject({ kind: 'refused', category: 'offline-disabled' });
    expect(await engine.lookup({ noticeNumber: notice(4), fiscalCode: EC, amountCents: 10_001 }, counter)).toMatchObject({ kind: 'refused', category: 'offline-limit' });
    await offlinePay(engine, 5, 9_000);
    expect(await engine.lookup({ noticeNumber: notice(6), fiscalCode: EC, amountCents: 7_000 }, counter)).toMatchObject({ kind: 'refused', category: 'offline-limit' });
    await offlinePay(engine, 7, 5_000);
    clock.advance(2 * 3_600_000 + 1);
    expect(await engine.lookup({ noticeNumber: notice(8), fiscalCode: EC, amountCents: 100 }, counter)).toMatchObject({ kind: 'refused', category: 'offline-limit' });
  });

  it('two offline quotes of one notice: only the first can take the money', async () => {
    const { engine, node } = setup();
    node.down = true;
    const a = await engine.lookup({ noticeNumber: notice(42), fiscalCode: EC, amountCents: 500 }, counter);
    const b = await engine.lookup({ noticeNumber: notice(42), fiscalCode: EC, amountCents: 500 }, counter);
    if (a.kind !== 'offline' || b.kind !== 'offline') throw new Error('expected offline quotes');
    await engine.begin(a.paymentId, 'cash');
    await engine.begin(b.paymentId, 'cash');
    engine.collectCash(a.paymentId, 700);
    expect(() => engine.collectCash(b.paymentId, 700)).toThrow(expect.objectContaining({ kind: 'refused', extra: expect.objectContaining({ category: 'duplicate-in-flight' }) }));
    expect(engine.get(b.paymentId)!.state).toBe('captured');
  });

  it('an activate timeout falls back to offline keeping the key; sync re-activates with the SAME key', async () => {
    const { engine, node, worker } = setup();
    node.add(EC, notice(9), 3_000);
    const q = await engine.lookup({ noticeNumber: notice(9), fiscalCode: EC, amountCents: 3_000 }, counter);
    node.fail('activate', 'timeout', { processed: true });
    const b = await engine.begin(q.kind === 'online' ? q.paymentId : '', 'cash');
    expect(b.kind).toBe('offline');
    if (b.kind !== 'offline') return;
    engine.collectCash(b.payment.id, 3_200);
    const report = await worker.runOnce();
    expect(report).toMatchObject({ online: true, pending: 0, exceptions: 0 });
    const keys = node.calls.filter((c) => c.op === 'activate').map((c) => c.key);
    expect(new Set(keys).size).toBe(1);
    expect(node.ledger).toEqual([expect.objectContaining({ noticeNumber: notice(9), outcome: 'OK' })]);
  });
});

describe('sync', () => {
  it('drains offline payments in order: verify → activate → outcome OK, exactly once each', async () => {
    const { engine, node, worker, rig } = setup();
    node.down = true;
    const ids = [];
    for (let n = 10; n < 16; n += 1) ids.push((await offlinePay(engine, n, 1_000 + n)).id);
    expect((await worker.runOnce()).online).toBe(false);
    expect(worker.status().mode).toBe('offline');
    node.down = false;
    for (let n = 10; n < 16; n += 1) node.add(EC, notice(n), 1_000 + n);
    const report = await worker.runOnce();
    expect(report).toMatchObject({ online: true, confirmed: 6, pending: 0 });
    expect(node.ledger.map((l) => l.noticeNumber)).toEqual(ids.map((_, i) => notice(10 + i)));
    expect(ids.map((id) => engine.get(id)!.state)).toEqual(Array(6).fill('confirmed'));
    expect(engine.receiptDataFor(ids[0] as string).kind).toBe('payment');
    expect(verifyJournal(rig.db).ok).toBe(true);
  });

  it('a crash between activate and outcome resumes with the persisted keys and sends one outcome', async () => {
    const { engine, node, worker, clock } = setup();
    node.down = true;
    const p = await offlinePay(engine, 20, 2_000);
    node.down = false;
    node.add(EC, notice(20), 2_000);
    node.fail('activate', 'connection-reset', { processed: true });
    await worker.runOnce();
    expect(engine.get(p.id)).toMatchObject({ state: 'offline-queued' });
    const key = engine.get(p.id)!.activateKey;
    // The process dies (its writer lock goes with it); a new process (new boot id) on the same file takes over.
    rigs[0]!.db.close();
    const rig2 = makeRig(node, { dir: rigs[0]!.dir, clock, bootId: 'second' });
    node.fail('outcome', 'timeout', { processed: true });
    const w2 = new SyncWorker({ engine: rig2.engine });
    await w2.runOnce();
    await w2.runOnce({ force: true });
    expect(node.calls.filter((c) => c.op === 'activate').every((c) => c.key === key)).toBe(true);
    expect(node.ledger).toHaveLength(1);
    expect(rig2.engine.get(p.id)!.state).toBe('confirmed');
    rig2.db.close();
  });

  it('releases (KO) a payment activated by a process that crashed before collecting', async () => {
    const { engine, node, clock, rig } = setup();
    node.add(EC, notice(21), 700);
    const q = await engine.lookup({ noticeNumber: notice(21), fiscalCode: EC }, counter);
    await engine.begin(q.kind === 'online' ? q.paymentId : '', 'cash');
    rig.db.close(); // the process crashes: its writer lock is released with it
    const rig2 = makeRig(node, { dir: rig.dir, clock, bootId: 'after-crash' });
    await new SyncWorker({ engine: rig2.engine }).runOnce();
    expect(node.ledger.map((l) => l.outcome)).toEqual(['KO']);
    expect(rig2.engine.get(q.kind === 'online' ? q.paymentId : '')!.state).toBe('voided');
    rig2.db.close();
  });
});

describe('token expiry', () => {
  it('a token that expires at the counter before collection is released with KO and cannot be collected', async () => {
    const { engine, node, worker, clock } = setup();
    node.add(EC, notice(41), 900);
    const q = await engine.lookup({ noticeNumber: notice(41), fiscalCode: EC }, counter);
    const b = await engine.begin(q.kind === 'online' ? q.paymentId : '', 'cash');
    if (b.kind !== 'activated') throw new Error('expected activated');
    clock.advance(rigs[0]!.config.node.tokenExpirationMs);
    expect(() => engine.collectCash(b.payment.id, 1_100)).toThrow(expect.objectContaining({ kind: 'refused', extra: expect.objectContaining({ category: 'token-expired' }) }));
    await worker.runOnce();
    expect(engine.get(b.payment.id)).toMatchObject({ state: 'voided', lastError: 'PPT_TOKEN_SCADUTO_KO' });
    expect(node.calls.filter((c) => c.op === 'outcome')).toHaveLength(1);
  });
});

describe('background worker', () => {
  it('probes while offline, drains by itself when the node comes back, and stops cleanly', async () => {
    const { engine, node } = setup({ node: { probeIntervalMs: 20 } });
    const worker = new SyncWorker({ engine, intervalMs: 20 });
    node.down = true;
    const p = await offlinePay(engine, 40, 1_500);
    worker.start();
    await vi.waitFor(() => expect(worker.status()).toMatchObject({ mode: 'offline', pending: 1 }));
    const probes = node.calls.length;
    node.add(EC, notice(40), 1_500);
    node.down = false;
    await vi.waitFor(() => expect(engine.get(p.id)!.state).toBe('confirmed'), { timeout: 5_000 });
    expect(node.calls.length).toBeGreaterThan(probes);
    await worker.stop();
    expect(worker.status()).toMatchObject({ mode: 'online', pending: 0, exceptions: 0, lastError: null });
    expect(node.ledger).toHaveLength(1);
  });
});

describe('exceptions', () => {
  const cases = [
    { name: 'already paid', fault: { faultCode: 'PPT_PAGAMENTO_DUPLICATO' }, kind: 'already-paid' },
    { name: 'expired', fault: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' }, kind: 'expired' },
    { name: 'revoked', fault: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_ANNULLATO' }, kind: 'revoked' },
    { name: 'unknown', fault: undefined, kind: 'unknown-notice' },
  ] as const;
  for (const c of cases) {
    it(`an offline payment of a notice the node says is ${c.name} becomes an exception; refund resolves it`, async () => {
      const { engine, node, worker } = setup();
      node.down = true;
      const p = await offlinePay(engine, 30, 4_000);
      node.down = false;
      if (c.fault) node.add(EC, notice(30), 4_000, c.fault);
      const report = await worker.runOnce();
      expect(report).toMatchObject({ pending: 0, exceptions: 1, newExceptions: 1 });
      expect(engine.exceptions().map((e) => [e.id, e.exceptionKind])).toEqual([[p.id, c.kind]]);
      await expect(engine.resolveException(p.id, 'accept-difference', 'x', 'sup')).rejects.toMatchObject({ kind: 'invalid-state' });
      const r = await engine.resolveException(p.id, 'refund', 'refunded at the counter', 'sup');
      expect(r).toMatchObject({ state: 'resolved', resolution: { action: 'refund', operatorId: 'sup', differenceCents: -4_200 } });
      expect(node.ledger).toHaveLength(0);
    });
  }

  it('a different current amount is an exception; accepting the difference pays the new amount once', async () => {
    const { engine, node, worker } = setup();
    node.down = true;
    const p = await offlinePay(engine, 31, 4_000);
    node.down = false;
    node.add(EC, notice(31), 4_500);
    await worker.runOnce();
    expect(engine.get(p.id)).toMatchObject({ state: 'exception', exceptionKind: 'amount-mismatch', nodeAmountCents: 4_500 });
    const r = await engine.resolveException(p.id, 'accept-difference', 'PSP covers late fee', 'sup');
    expect(r).toMatchObject({ state: 'offline-queued', amountCents: 4_500, resolution: { differenceCents: 500 } });
    await worker.runOnce();
    expect(engine.get(p.id)!.state).toBe('confirmed');
    expect(node.ledger).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: 4_500 })]);
  });

  it('an amount change between verify and activate releases the token (KO) before raising the exception', async () => {
    const { engine, node, worker } = setup();
    node.down = true;
    const p = await offlinePay(engine, 32, 4_000);
    node.down = false;
    node.add(EC, notice(32), 4_000);
    const realActivate = node.activatePaymentNotice.bind(node);
    node.activatePaymentNotice = async (req) => {
      node.position(EC, notice(32))!.amountCents = 4_100;
      return realActivate(req);
    };
    await worker.runOnce();
    expect(engine.get(p.id)).toMatchObject({ state: 'exception', exceptionKind: 'amount-mismatch' });
    expect(node.ledger.map((l) => l.outcome)).toEqual(['KO']);
  });
});
