// A card terminal's approval is always on disk (issue #9 §3): it is committed on its own before the
// transition that should follow, so a conflicting or failing transition, or a crash right after, cannot
// leave a charged citizen with nothing recorded; recovery completes the payment from the approval.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { listJournal } from '../../src/main/core/journal/journal';
import type { CardTerminalPort } from '../../src/main/core/payments/card';
import { PaymentError } from '../../src/main/core/payments/errors';
import { PaymentRepository } from '../../src/main/core/payments/repository';
import { PaymentStateMachine } from '../../src/main/core/payments/state-machine';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

let rig: Rig | null = null;
afterEach(() => {
  rig?.close();
  rig = null;
});

const approved = (ref: string) => ({
  kind: 'approved' as const,
  amountCents: 31_248,
  reference: ref,
  authCode: 'A00002',
  stan: '000002',
  maskedPan: '************4242',
  terminalId: 'TID00042',
  at: '',
});

async function activatedCard(n: number) {
  const clock = new ManualClock();
  const node = new FakeNode(clock);
  rig = makeRig(node, { clock });
  node.add(EC, notice(n), 31_048);
  const q = await rig.engine.lookup({ noticeNumber: notice(n), fiscalCode: EC, amountCents: 31_048 }, { operatorId: 'mario', mode: 'counter' });
  if (q.kind !== 'online') throw new Error(q.kind);
  const b = await rig.engine.begin(q.paymentId, 'card');
  if (b.kind !== 'activated') throw new Error(b.kind);
  return { rig, node, clock, id: q.paymentId };
}

describe('card approvals are recorded before anything else', () => {
  it('keeps the approval (amount, auth code, terminal, time) when the transition that follows is refused', async () => {
    const { rig, id } = await activatedCard(1);
    // While the terminal charges, something else moves the payment (what a second writer used to do).
    const intruder = new PaymentStateMachine(new PaymentRepository(rig.db, () => rig.clock.now()));
    const terminal: CardTerminalPort = {
      pay: async (_amount, ref) => {
        intruder.apply('orphan-card-interrupted', id, { state: 'exception', exceptionKind: 'collection-unknown' });
        return approved(ref);
      },
      lastResult: async () => null,
    };
    await expect(rig.engine.collectCard(id, terminal)).rejects.toBeInstanceOf(PaymentError);
    expect(rig.engine.repo.cardApprovalFor(id)).toMatchObject({ paymentId: id, amountCents: 31_248, authCode: 'A00002', terminalId: 'TID00042', approvedAt: rig.clock.now() });
    const entry = listJournal(rig.db, { limit: 1000 }).find((e) => e.type === 'card.approved');
    expect(entry).toMatchObject({ paymentId: id, data: { authCode: 'A00002', amountCents: 31_248, terminalId: 'TID00042' } });
  });

  it('recovery of a card payment left collecting completes it from the recorded approval (outcome OK, auth code kept)', async () => {
    const { rig, node, id } = await activatedCard(2);
    // The process recorded the approval and died before the next commit: simulate with a terminal whose
    // approval lands and a commit hook that throws right after it.
    let commits = 0;
    rig.engine.onCommit = () => {
      commits += 1;
      if (commits === 2) throw new Error('power cut');
    };
    await expect(rig.engine.collectCard(id, { pay: async (_a, ref) => approved(ref), lastResult: async () => null })).rejects.toThrow();
    rig.engine.onCommit = null;
    expect(rig.engine.get(id)!.state).toBe('collecting');
    // Next start (another boot of the only writer): the orphan is completed, not turned into a guess.
    const next = new PaymentEngine({ db: rig.db, node, config: rig.config, clock: rig.clock, bootId: 'next-boot' });
    const orphans = next.orphans();
    expect(orphans.map((p) => p.id)).toEqual([id]);
    const r = await next.recoverOrphan(id);
    expect(r.payment).toMatchObject({ state: 'confirmed', collectedCents: 31_248, card: { status: 'approved', authCode: 'A00002', terminalId: 'TID00042' } });
    expect(node.ledger.filter((l) => l.outcome === 'OK')).toHaveLength(1);
  });

  it('without a recorded approval an interrupted charge is a task for a person, never a guess', async () => {
    const { rig, node, id } = await activatedCard(3);
    await expect(
      rig.engine.collectCard(id, {
        pay: async () => {
          throw new Error('link lost');
        },
        lastResult: async () => {
          throw new Error('link lost');
        },
      }),
    ).resolves.toMatchObject({ kind: 'unknown' });
    expect(rig.engine.get(id)).toMatchObject({ state: 'exception', exceptionKind: 'collection-unknown' });
    expect(rig.engine.repo.cardApprovalFor(id)).toBeNull();
    expect(node.ledger).toHaveLength(0);
  });
});
