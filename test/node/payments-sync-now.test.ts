// "Sync now" while the background worker is mid-pass (issue #4 §3): the forced pass the technician asked
// for must run (after the current one, never alongside it: one writer per process).
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import type { ActivateRequest, OutcomeRequest, VerifyRequest } from '../../src/main/core/node/types';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

/** The fake node, with every call taking a macrotask and a count of calls in flight at once. */
class OverlapNode extends FakeNode {
  inFlight = 0;
  maxInFlight = 0;
  private async track<T>(call: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      return await call();
    } finally {
      this.inFlight -= 1;
    }
  }
  override verifyPaymentNotice(req: VerifyRequest) {
    return this.track(() => super.verifyPaymentNotice(req));
  }
  override activatePaymentNotice(req: ActivateRequest) {
    return this.track(() => super.activatePaymentNotice(req));
  }
  override sendPaymentOutcome(req: OutcomeRequest) {
    return this.track(() => super.sendPaymentOutcome(req));
  }
}

let rig: Rig | null = null;
afterEach(() => {
  rig?.close();
  rig = null;
});

/** A collected online payment whose real-time outcome failed: the retry is not due for a while. */
async function failedOutcome() {
  const clock = new ManualClock();
  const node = new OverlapNode(clock);
  rig = makeRig(node, { clock });
  const { engine } = rig;
  node.add(EC, notice(1), 4_000);
  const q = await engine.lookup({ noticeNumber: notice(1), fiscalCode: EC, amountCents: 4_000 }, { operatorId: 'op1', mode: 'counter' });
  if (q.kind !== 'online') throw new Error(`expected an online quote, got ${q.kind}`);
  await engine.begin(q.paymentId, 'cash');
  engine.collectCash(q.paymentId, 4_200);
  node.fail('outcome', 'connection-refused');
  const p = await engine.settle(q.paymentId);
  expect(p).toMatchObject({ state: 'collected', outcomeAttempts: 1 });
  expect(p.outcomeNextAt).toBeGreaterThan(clock.now());
  return { node, engine, id: q.paymentId };
}

describe('sync now while a pass is running', () => {
  it('runs the forced pass after the unforced one: the outcome not yet due is sent, passes never overlap', async () => {
    const { node, engine, id } = await failedOutcome();
    const worker = new SyncWorker({ engine, concurrency: 1 });
    const background = worker.runOnce();
    const syncNow = worker.runOnce({ force: true });
    const again = worker.runOnce({ force: true });
    expect(again).toBe(syncNow); // forced requests during one pass share one forced pass
    const [bg, forced] = await Promise.all([background, syncNow]);
    expect(bg).toMatchObject({ online: true, processed: 0, confirmed: 0, pending: 1 }); // the schedule was honoured
    expect(forced).toMatchObject({ online: true, processed: 1, confirmed: 1, pending: 0 });
    expect(engine.get(id)!.state).toBe('confirmed');
    expect(node.ledger.map((l) => l.outcome)).toEqual(['OK']);
    expect(node.maxInFlight).toBe(1);
  });

  it('an unforced request during a pass joins it; a forced one with nothing running runs at once', async () => {
    const { engine, id } = await failedOutcome();
    const worker = new SyncWorker({ engine, concurrency: 1 });
    const a = worker.runOnce();
    expect(worker.runOnce()).toBe(a);
    await a;
    expect(engine.get(id)!.state).toBe('collected');
    expect(await worker.runOnce({ force: true })).toMatchObject({ confirmed: 1 });
    expect(engine.get(id)!.state).toBe('confirmed');
  });

  it('stop() waits for a queued forced pass too', async () => {
    const { engine, id } = await failedOutcome();
    const worker = new SyncWorker({ engine, concurrency: 1 });
    void worker.runOnce();
    const forced = worker.runOnce({ force: true });
    await worker.stop();
    expect(engine.get(id)!.state).toBe('confirmed');
    await expect(forced).resolves.toMatchObject({ confirmed: 1 });
  });
});
