// Payment state machine, online path (issue #4 §1), against the in-memory fake node and a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { listJournal, verifyJournal } from '../../src/main/core/journal/journal';
import { PaymentError } from '../../src/main/core/payments/errors';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { retryWaitMs } from '../../src/main/core/payments/policy';
import type { CardTerminalPort } from '../../src/main/core/payments/card';
import { ManualClock } from '../../src/common/clock';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

let rig: Rig | null = null;
afterEach(() => {
  rig?.close();
  rig = null;
});

function setup(config?: Record<string, unknown>) {
  const clock = new ManualClock();
  const node = new FakeNode(clock);
  rig = makeRig(node, { clock, ...(config ? { config } : {}) });
  return { node, rig, engine: rig.engine, clock };
}

async function activated(n: number, amount = 12_345, method: 'cash' | 'card' = 'cash') {
  const s = setup();
  s.node.add(EC, notice(n), amount);
  const q = await s.engine.lookup({ noticeNumber: notice(n), fiscalCode: EC, amountCents: amount }, { operatorId: 'op1', mode: 'counter' });
  if (q.kind !== 'online') throw new Error(`expected online quote, got ${q.kind}`);
  const b = await s.engine.begin(q.paymentId, method);
  if (b.kind !== 'activated') throw new Error(`expected activated, got ${b.kind}`);
  return { ...s, id: q.paymentId };
}

describe('online cash payment', () => {
  it('verifies, activates, collects, sends outcome OK once, and journals every transition', async () => {
    const { engine, node, id, rig } = await activated(1);
    const p0 = engine.get(id)!;
    expect(p0.state).toBe('activated');
    expect(p0.paymentToken).toMatch(/^tok/);
    expect(p0.activateKey).toMatch(/^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$/);
    const { changeCents, payment } = engine.collectCash(id, 20_000);
    expect(changeCents).toBe(20_000 - 12_345 - 200);
    expect(payment.state).toBe('collected');
    const done = await engine.settle(id);
    expect(done.state).toBe('confirmed');
    expect(node.ledger).toEqual([{ fiscalCode: EC, noticeNumber: notice(1), paymentToken: p0.paymentToken, outcome: 'OK', amountCents: 12_345 }]);
    const types = listJournal(rig.db, { paymentId: id }).map((e) => e.type);
    expect(types).toEqual(['payment.verified', 'payment.activating', 'payment.activated', 'payment.collected', 'payment.outcome-confirmed']);
    expect(verifyJournal(rig.db).ok).toBe(true);
    expect(engine.markReceiptPrinted(id).state).toBe('printed');
    const r = engine.receiptDataFor(id);
    expect(r).toMatchObject({ kind: 'payment', paymentToken: p0.paymentToken, amountCents: 12_345, feeCents: 200, totalCents: 12_545, localReference: id, copy: true });
  });

  it('reports the current amount when it differs from the printed one', async () => {
    const { engine, node } = setup();
    node.add(EC, notice(2), 15_000);
    const q = await engine.lookup({ noticeNumber: notice(2), fiscalCode: EC, amountCents: 10_000 }, { operatorId: null, mode: 'counter' });
    expect(q).toMatchObject({ kind: 'online', amountCents: 15_000, printedAmountCents: 10_000, amountChanged: true, fees: { cash: 200, card: 200 } });
  });

  it('refuses a notice the node says is already paid, expired or revoked, with its category', async () => {
    const { engine, node } = setup();
    node.add(EC, notice(3), 100, { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' });
    node.add(EC, notice(4), 100, { faultCode: 'PPT_PAGAMENTO_DUPLICATO' });
    const ctx = { operatorId: null, mode: 'counter' as const };
    expect(await engine.lookup({ noticeNumber: notice(3), fiscalCode: EC }, ctx)).toMatchObject({ kind: 'refused', category: 'expired' });
    expect(await engine.lookup({ noticeNumber: notice(4), fiscalCode: EC }, ctx)).toMatchObject({ kind: 'refused', category: 'already-paid' });
  });

  it('refuses collecting less than the total and a second payment of a notice in flight', async () => {
    const { engine, id } = await activated(5, 1_000);
    expect(() => engine.collectCash(id, 1_100)).toThrow(PaymentError);
    const again = await engine.lookup({ noticeNumber: notice(5), fiscalCode: EC }, { operatorId: null, mode: 'counter' });
    expect(again).toMatchObject({ kind: 'refused', category: 'duplicate-in-flight' });
  });

  it('cancel after activation sends outcome KO and voids the payment', async () => {
    const { engine, node, id } = await activated(6);
    const p = await engine.cancel(id, 'citizen changed mind', 'op1');
    expect(p.state).toBe('voided');
    expect(node.ledger.map((l) => l.outcome)).toEqual(['KO']);
    expect(node.position(EC, notice(6))?.status).toBe('open');
  });

  it('retries a maybe-processed outcome timeout with the same idempotency key: one outcome at the node', async () => {
    const { engine, node, id } = await activated(7);
    node.fail('outcome', 'timeout', { processed: true });
    engine.collectCash(id, 12_545);
    const first = await engine.settle(id);
    expect(first.state).toBe('collected');
    expect(first.outcomeAttempts).toBe(1);
    const second = await engine.sendOutcome(id);
    expect(second.state).toBe('confirmed');
    const keys = node.calls.filter((c) => c.op === 'outcome').map((c) => c.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(node.ledger).toHaveLength(1);
  });
});

describe('outcome retry schedule (pagopa-psp.md §3.11)', () => {
  it('waits slot × (2^k − 1), stops after 5 attempts, and a technician reset resumes with the same key', async () => {
    const { engine, node, id, clock, rig } = await activated(8);
    const slot = rig.config.node.timeouts.outcomeMs;
    node.down = true;
    engine.collectCash(id, 12_545);
    let p = await engine.settle(id);
    const waits: number[] = [];
    for (let k = 1; k <= 4; k += 1) {
      expect(p.state).toBe('collected');
      expect(p.outcomeAttempts).toBe(k);
      waits.push((p.outcomeNextAt as number) - clock.now());
      clock.set(p.outcomeNextAt as number);
      p = await engine.sendOutcome(id);
    }
    expect(waits).toEqual([1, 2, 3, 4].map((k) => retryWaitMs(k, slot)));
    expect(waits).toEqual([15_000, 45_000, 105_000, 225_000]);
    expect(p).toMatchObject({ state: 'exception', exceptionKind: 'outcome-undelivered', outcomeAttempts: 5 });
    const key = p.outcomeKey;
    node.down = false;
    const reset = engine.resetOutcomeAttempts(id, 'tech');
    expect(reset).toMatchObject({ state: 'collected', outcomeAttempts: 0, outcomeKey: key });
    expect((await engine.sendOutcome(id)).state).toBe('confirmed');
    expect(node.ledger).toHaveLength(1);
  });
});

describe('card collection', () => {
  const approved = (ref: string) => ({ kind: 'approved' as const, amountCents: 0, reference: ref, authCode: 'A1', stan: '000123', maskedPan: '************1234', terminalId: '00000000', at: '' });

  it('commits the attempt before charging and confirms an approved card', async () => {
    const { engine, id } = await activated(9, 5_000, 'card');
    let stateWhileCharging = '';
    const terminal: CardTerminalPort = {
      pay: async (amount, ref) => {
        stateWhileCharging = engine.get(id)!.state;
        expect(amount).toBe(5_200);
        return approved(ref);
      },
      lastResult: async () => null,
    };
    const r = await engine.collectCard(id, terminal);
    expect(stateWhileCharging).toBe('collecting');
    expect(r.kind).toBe('approved');
    expect((await engine.settle(id)).state).toBe('confirmed');
    expect(engine.receiptDataFor(id).card).toMatchObject({ authCode: 'A1', stan: '000123' });
  });

  it('recovers an unknown result through lastResult, and makes an exception when that fails too', async () => {
    const a = await activated(10, 5_000, 'card');
    const recovered = await a.engine.collectCard(a.id, { pay: async (_a, ref) => ({ kind: 'unknown', reference: ref, reason: 'timeout' }), lastResult: async () => approved(a.id) });
    expect(recovered.kind).toBe('approved');
    rig?.close();
    const b = await activated(11, 5_000, 'card');
    const lost = await b.engine.collectCard(b.id, { pay: async (_a, ref) => ({ kind: 'unknown', reference: ref, reason: 'timeout' }), lastResult: async () => null });
    expect(lost.kind).toBe('unknown');
    expect(lost.payment).toMatchObject({ state: 'exception', exceptionKind: 'collection-unknown' });
    const fixed = await b.engine.resolveException(b.id, 'mark-not-collected', 'terminal journal shows no charge', 'sup1');
    expect(fixed.state).toBe('voided');
    expect(b.node.ledger.map((l) => l.outcome)).toEqual(['KO']);
  });

  it('a declined card returns the payment to activated so the clerk can take cash', async () => {
    const { engine, id } = await activated(12, 5_000, 'card');
    const r = await engine.collectCard(id, { pay: async (_a, ref) => ({ kind: 'declined', reference: ref, code: '05', message: 'NEGATA' }), lastResult: async () => null });
    expect(r.kind).toBe('declined');
    expect(engine.get(id)!.state).toBe('activated');
  });
});
