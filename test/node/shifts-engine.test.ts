// X/Z reports over rows written by the real payment engine (src/main/core/payments) against its
// in-memory FakeNode, on a real SQLite file: checks the report reads the engine's columns correctly.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { verifyJournal } from '../../src/main/core/journal/journal';
import type { PaymentEngine } from '../../src/main/core/payments/engine';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { createShiftServices } from '../../src/main/core/shifts/create-shift-services';
import { ShiftError } from '../../src/main/core/shifts/errors';
import { FAST_SCRYPT } from './operators-test-db';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

const counter = { operatorId: 'mario', mode: 'counter' as const };

async function payCash(engine: PaymentEngine, n: number, amountCents: number) {
  const q = await engine.lookup({ noticeNumber: notice(n), fiscalCode: EC, amountCents }, counter);
  if (q.kind === 'refused') throw new Error(`refused: ${q.message}`);
  const b = await engine.begin(q.paymentId, 'cash');
  if (b.kind === 'refused') throw new Error(`refused: ${b.message}`);
  engine.collectCash(q.paymentId, amountCents + 200);
  return q.kind === 'online' ? engine.settle(q.paymentId) : engine.get(q.paymentId)!;
}

function refusal(fn: () => unknown): ShiftError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ShiftError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('reports over real engine payments', () => {
  it('counts online and offline collections, blocks Z while offline pending or exceptions open, nets refunds', async () => {
    const clock = new ManualClock();
    const node = new FakeNode(clock);
    const rig = makeRig(node, { clock });
    rigs.push(rig);
    const worker = new SyncWorker({ engine: rig.engine });
    const { shifts } = await createShiftServices({ db: rig.db, clock, terminalId: rig.config.terminal.id, demo: true, scryptParams: FAST_SCRYPT });

    shifts.open('mario', 10_000);
    clock.advance(1_000);
    node.add(EC, notice(1), 5_000);
    expect((await payCash(rig.engine, 1, 5_000)).state).toBe('confirmed');
    node.down = true;
    expect((await payCash(rig.engine, 2, 3_000)).state).toBe('offline-queued');
    expect((await payCash(rig.engine, 3, 3_500)).state).toBe('offline-queued');

    let x = shifts.xReport();
    expect(x.byMethod.cash).toEqual({ count: 3, totalCents: 5_200 + 3_200 + 3_700, feeCents: 600 });
    expect(x.offlinePending).toEqual({ count: 2, totalCents: 6_900 });
    expect(x.warnings).toEqual(['offline-pending']);
    expect(refusal(() => shifts.close('anna', 22_100, { acknowledgeWarnings: false })).warnings).toEqual(['offline-pending']);

    // Back online: notice 2 registers; notice 3's creditor now asks more than was collected → exception.
    node.down = false;
    node.add(EC, notice(2), 3_000);
    node.add(EC, notice(3), 4_000);
    await worker.runOnce();
    x = shifts.xReport();
    expect(x.offlinePending.count).toBe(0);
    expect(x.exceptionsOpen).toBe(1);
    expect(x.warnings).toEqual(['exceptions-open']);
    expect(refusal(() => shifts.close('anna', 22_100, { acknowledgeWarnings: false })).kind).toBe('warnings-not-acknowledged');

    // The supervisor refunds the citizen from the drawer.
    const [exc] = rig.engine.exceptions();
    await rig.engine.resolveException(exc!.id, 'refund', 'importo cambiato, rimborsato', 'anna');
    x = shifts.xReport();
    expect(x.warnings).toEqual([]);
    expect(x.refunds.cash).toEqual({ count: 1, totalCents: 3_700 });
    expect(x.cashExpectedCents).toBe(10_000 + 12_100 - 3_700);

    const z = shifts.close('mario', 18_400, { acknowledgeWarnings: false });
    expect(z).toMatchObject({ number: 1, differenceCents: 0, warnings: [], byMethod: { cash: { count: 3 } } });
    expect(verifyJournal(rig.db).ok).toBe(true);
  });
});
