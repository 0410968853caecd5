// Exceptions need a person (issue #4 §3): refund the citizen with a reason, or accept a difference.
// Each resolution is one transition with its journal entry, naming the operator.
import { outcomeDue, type EngineContext } from './context';
import { PaymentError } from './errors';
import { deliverOutcome } from './outcome';
import { OUTCOME_DUE } from './state-machine';
import type { ExceptionKind, Payment, ResolutionAction } from './types';

/** Which actions apply to which exception (others are refused with 'invalid-state'). */
export const ALLOWED_ACTIONS: Record<ExceptionKind, readonly ResolutionAction[]> = {
  'already-paid': ['refund'],
  expired: ['refund'],
  revoked: ['refund'],
  'unknown-notice': ['refund'],
  'wrong-notice-data': ['refund'],
  'node-rejected': ['refund'],
  'amount-mismatch': ['refund', 'accept-difference'],
  'outcome-rejected': ['refund'],
  // The node may hold our OK: only retrying with the same key is safe (resetOutcomeAttempts).
  'outcome-undelivered': [],
  'collection-unknown': ['mark-collected', 'mark-not-collected'],
};

export async function resolveException(ctx: EngineContext, id: string, action: ResolutionAction, reason: string, operatorId: string): Promise<Payment> {
  if (!reason.trim()) throw new PaymentError('invalid-input', 'a reason is required');
  if (!operatorId.trim()) throw new PaymentError('invalid-input', 'an operator is required');
  const p = ctx.repo.require(id);
  if (p.state !== 'exception' || !p.exceptionKind) throw new PaymentError('invalid-state', `payment ${id} is ${p.state}, not an exception`);
  if (!ALLOWED_ACTIONS[p.exceptionKind].includes(action)) throw new PaymentError('invalid-state', `${action} does not apply to a ${p.exceptionKind} exception`);
  const now = ctx.clock.now();
  const resolution = { action, reason, operatorId, at: now };
  const opts = (data: Record<string, unknown> = {}) => ({ operatorId, expectState: 'exception' as const, data: { action, reason, kind: p.exceptionKind, ...data } });
  let next: Payment;
  switch (action) {
    case 'refund':
      next = ctx.machine.apply('exception-refunded', id, { state: 'resolved', resolution: { ...resolution, differenceCents: -(p.collectedCents ?? 0) } }, opts({ refundedCents: p.collectedCents }));
      break;
    case 'accept-difference': {
      // The node's current amount (from the verify that raised the exception) is paid; the PSP bears or
      // collects the difference. Back to the queue with a NEW activate key (other params → new request).
      const current = p.nodeAmountCents;
      if (current === null) throw new PaymentError('invalid-state', `payment ${id} has no node amount to accept`);
      const diff = current - (p.amountCents ?? 0);
      next = ctx.machine.apply(
        'difference-accepted',
        id,
        {
          state: 'offline-queued',
          amountCents: current,
          activateKey: null,
          paymentToken: null,
          outcome: null,
          outcomeKey: null,
          outcomeAttempts: 0,
          resolution: { ...resolution, differenceCents: diff },
        },
        opts({ differenceCents: diff, amountCents: current }),
      );
      break;
    }
    case 'mark-collected': {
      // A person checked the terminal's journal: the card was charged.
      const total = (p.amountCents ?? 0) + p.feeCents;
      const card = { ...(p.card ?? {}), status: 'approved-by-operator' };
      next =
        p.mode === 'offline'
          ? ctx.machine.apply('marked-collected', id, { state: 'offline-queued', card, collectedCents: total, collectedAt: now, resolution }, opts())
          : ctx.machine.apply('marked-collected', id, { state: 'collected', card, collectedCents: total, collectedAt: now, ...outcomeDue(ctx, 'OK'), resolution }, opts());
      break;
    }
    case 'mark-not-collected':
      next =
        p.mode === 'offline' || !p.paymentToken
          ? ctx.machine.apply('marked-not-collected', id, { state: 'voided', card: { status: 'not-charged' }, resolution }, opts())
          : ctx.machine.apply('marked-not-collected', id, { state: 'cancelling', card: { status: 'not-charged' }, ...outcomeDue(ctx, 'KO'), exceptionKind: null, resolution }, opts());
      break;
  }
  if (OUTCOME_DUE.includes(next.state)) return deliverOutcome(ctx, id);
  return next;
}

/** pagopa-psp.md §3.11: "consultare ed azzerare il contatore dei tentativi" — back to delivery with the same key. */
export function resetOutcomeAttempts(ctx: EngineContext, id: string, operatorId: string): Payment {
  const p = ctx.repo.require(id);
  const undelivered = p.state === 'exception' && p.exceptionKind === 'outcome-undelivered';
  if (!undelivered && !OUTCOME_DUE.includes(p.state)) throw new PaymentError('invalid-state', `payment ${id} has no outcome to retry`);
  const back = p.outcome === 'OK' ? 'collected' : 'cancelling';
  return ctx.machine.apply(
    'outcome-attempts-reset',
    id,
    { state: undelivered ? back : p.state, outcomeAttempts: 0, outcomeNextAt: ctx.clock.now(), ...(undelivered ? { exceptionKind: null, exceptionDetail: null, exceptionAt: null } : {}) },
    { operatorId, expectState: p.state, data: { previousAttempts: p.outcomeAttempts } },
  );
}
