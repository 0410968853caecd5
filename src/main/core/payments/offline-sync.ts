// The sync steps for one payment, each crash-safe: the next idempotency key is committed before the
// call that uses it, and a resumed step reuses the persisted key (issue #4 §3, pagopa-psp.md §3.11).
//   offline-queued: verify (current amount) → activate (same key on resume) → collected → outcome OK
//   orphans of a crashed process: activating → re-activate with the same key → KO; activated → KO;
//   collecting → exception (a person checks the terminal); stale quotes → voided.
import { activatedPatch, activateRequest } from './activation';
import { outcomeDue, type EngineContext } from './context';
import { revenueStampRefusal } from './policy';
import { classifyFault, exceptionKindFor, isTransientCategory } from './fault-category';
import { asTransportFailure, type TransportFailure } from './node-port';
import { deliverOutcome } from './outcome';
import { LIVE_SESSION, type PaymentEvent } from './state-machine';
import type { ExceptionKind, Payment } from './types';

/** What a step achieved: 'done' (moved on), 'waiting' (transient, retry later), 'unreachable' (node down). */
export type StepResult = { status: 'done' | 'waiting' | 'unreachable'; payment: Payment; error?: string };

class Unreachable extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
  }
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const f = asTransportFailure(err);
    if (f) throw new Unreachable(f);
    throw err;
  }
}

function toException(ctx: EngineContext, event: PaymentEvent, p: Payment, kind: ExceptionKind, detail: string, extra: Partial<Payment> = {}): Payment {
  return ctx.machine.apply(event, p.id, { state: 'exception', exceptionKind: kind, exceptionDetail: detail, exceptionAt: ctx.clock.now(), ...extra }, { data: { kind, detail }, expectState: p.state });
}

function waiting(ctx: EngineContext, p: Payment, error: string): StepResult {
  const next = p.lastError === error ? p : ctx.machine.annotate('sync-deferred', p.id, { lastError: error }, { error });
  return { status: 'waiting', payment: next, error };
}

/** One offline-queued payment: verify → activate → outcome OK. */
export async function syncOffline(ctx: EngineContext, id: string): Promise<StepResult> {
  let p = ctx.repo.require(id);
  if (p.state !== 'offline-queued') return { status: 'done', payment: p };
  try {
    if (!p.activateKey) {
      const v = await call(() => ctx.node.verifyPaymentNotice({ fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber }));
      if (v.outcome === 'KO') {
        const cat = classifyFault(v.fault);
        const kind = exceptionKindFor(cat);
        if (kind) return { status: 'done', payment: toException(ctx, 'sync-rejected', p, kind, v.fault.faultCode, { lastError: v.fault.faultCode }) };
        if (isTransientCategory(cat) || cat === 'terminal-config') return waiting(ctx, p, v.fault.faultCode);
        return { status: 'done', payment: toException(ctx, 'sync-rejected', p, 'node-rejected', v.fault.faultCode, { lastError: v.fault.faultCode }) };
      }
      if (v.fiscalCodePA !== undefined && v.fiscalCodePA !== p.fiscalCode) {
        // Distrust the node (issue #10 §3): an answer about another creditor is never registered.
        return {
          status: 'done',
          payment: toException(ctx, 'sync-rejected', p, 'node-rejected', `the node answered for creditor ${v.fiscalCodePA}, the notice is ${p.fiscalCode}`, { lastError: 'node-answer-mismatch' }),
        };
      }
      if (v.amountCents !== p.amountCents) {
        // The creditor's current amount differs from what was collected (issue #4 §3): a person decides.
        return {
          status: 'done',
          payment: toException(ctx, 'sync-rejected', p, 'amount-mismatch', `collected ${p.amountCents} cents, the creditor now asks ${v.amountCents}`, {
            nodeAmountCents: v.amountCents,
            companyName: p.companyName ?? v.companyName ?? null,
            description: p.description ?? v.paymentDescription ?? null,
          }),
        };
      }
      p = ctx.machine.apply(
        'sync-activating',
        p.id,
        { activateKey: ctx.newKey(), companyName: v.companyName ?? p.companyName, description: v.paymentDescription ?? p.description, ecFiscalCode: v.fiscalCodePA ?? p.fiscalCode },
        { expectState: 'offline-queued' },
      );
    }
    const key = p.activateKey as string;
    const a = await call(() => ctx.node.activatePaymentNotice(activateRequest(ctx, p, key)));
    if (a.outcome === 'KO') {
      const cat = classifyFault(a.fault);
      const kind = exceptionKindFor(cat);
      if (kind) return { status: 'done', payment: toException(ctx, 'sync-rejected', p, kind, a.fault.faultCode, { lastError: a.fault.faultCode }) };
      // in-progress: possibly our own earlier activation under an expired key; wait for its token to lapse.
      if (isTransientCategory(cat) || cat === 'terminal-config') return waiting(ctx, p, a.fault.faultCode);
      return { status: 'done', payment: toException(ctx, 'sync-rejected', p, 'node-rejected', a.fault.faultCode, { lastError: a.fault.faultCode }) };
    }
    const activated = activatedPatch(ctx, a);
    const otherCreditor = a.fiscalCodePA !== undefined && a.fiscalCodePA !== p.fiscalCode;
    // Issue #12 §7: a transfer asking for a digital revenue stamp cannot be served: released (KO), then a refund.
    const stamp = revenueStampRefusal(a.transfers);
    if (a.totalAmountCents !== p.amountCents || otherCreditor || stamp) {
      // Token held but the amount is wrong: release the position (KO), then raise the exception.
      p = ctx.machine.apply(
        'sync-amount-mismatch',
        p.id,
        {
          ...activated,
          state: 'cancelling',
          amountCents: p.amountCents,
          ...outcomeDue(ctx, 'KO'),
          exceptionKind: otherCreditor || stamp ? 'node-rejected' : 'amount-mismatch',
          exceptionDetail: otherCreditor
            ? `activate answered for creditor ${a.fiscalCodePA}, the notice is ${p.fiscalCode}`
            : stamp
              ? `the notice needs a digital revenue stamp (${stamp.detail}): this terminal does not issue them`
              : `collected ${p.amountCents} cents, activate says ${a.totalAmountCents}`,
        },
        { data: { token: a.paymentToken, reason: otherCreditor ? 'node-answer-mismatch' : stamp ? 'revenue-stamp' : 'amount-mismatch' }, expectState: 'offline-queued' },
      );
    } else {
      p = ctx.machine.apply('sync-activated', p.id, { ...activated, state: 'collected', ...outcomeDue(ctx, 'OK') }, { data: { token: a.paymentToken, offline: true }, expectState: 'offline-queued' });
    }
    return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
  } catch (err) {
    if (err instanceof Unreachable) return { status: 'unreachable', payment: ctx.repo.require(id), error: err.failure.kind };
    throw err;
  }
}

/** A live-session payment left behind by a crashed process (or an abandoned activation, or an expired token). */
export async function recoverOrphan(ctx: EngineContext, id: string): Promise<StepResult> {
  const p = ctx.repo.require(id);
  try {
    switch (p.state) {
      case 'verified':
      case 'captured':
      case 'activating': {
        if (!p.activateKey)
          return { status: 'done', payment: ctx.machine.apply('orphan-released', p.id, { state: 'voided', lastError: 'abandoned quote' }, { data: { reason: 'abandoned' }, expectState: p.state }) };
        // An activate with this key may have reached the node (a timeout that fell back to offline, or a crash).
        // Same key → the node replays the original answer (no second activation), then we release it.
        const a = await call(() => ctx.node.activatePaymentNotice(activateRequest(ctx, p, p.activateKey as string)));
        if (a.outcome === 'KO') {
          const cat = classifyFault(a.fault);
          if (isTransientCategory(cat) && cat !== 'in-progress') return waiting(ctx, p, a.fault.faultCode);
          return {
            status: 'done',
            payment: ctx.machine.apply(
              'orphan-released',
              p.id,
              { state: 'voided', lastError: a.fault.faultCode },
              { data: { reason: 'abandoned', faultCode: a.fault.faultCode }, expectState: p.state },
            ),
          };
        }
        ctx.machine.apply(
          'orphan-reactivated',
          p.id,
          { ...activatedPatch(ctx, a), amountCents: p.amountCents, state: 'cancelling', ...outcomeDue(ctx, 'KO') },
          { data: { token: a.paymentToken, reason: 'abandoned' }, expectState: p.state },
        );
        return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
      }
      case 'activated':
        ctx.machine.apply('orphan-cancelling', p.id, { state: 'cancelling', ...outcomeDue(ctx, 'KO') }, { data: { reason: 'abandoned' }, expectState: 'activated' });
        return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
      case 'collecting': {
        // The terminal's approval, when it came, was committed on its own before anything else: complete
        // the payment from it (outcome OK) instead of asking a person to guess (issue #9 §3).
        const approval = ctx.repo.cardApprovalFor(p.id);
        if (!approval) return { status: 'done', payment: toException(ctx, 'orphan-card-interrupted', p, 'collection-unknown', 'the terminal was interrupted while charging the card') };
        const card = { status: 'approved', authCode: approval.authCode, stan: approval.stan, maskedPan: approval.maskedPan, circuit: approval.circuit, terminalId: approval.terminalId };
        const money = { card, collectedCents: approval.amountCents, collectedAt: approval.approvedAt };
        const data = { data: { reason: 'approval recorded before the interruption', authCode: approval.authCode ?? null }, expectState: 'collecting' as const };
        if (p.mode === 'offline') return { status: 'done', payment: ctx.machine.apply('orphan-card-approved', p.id, { state: 'offline-queued', ...money }, data) };
        ctx.machine.apply('orphan-card-approved', p.id, { state: 'collected', ...money, ...outcomeDue(ctx, 'OK') }, data);
        return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
      }
      default:
        return { status: 'done', payment: p };
    }
  } catch (err) {
    if (err instanceof Unreachable) return { status: 'unreachable', payment: ctx.repo.require(id), error: err.failure.kind };
    throw err;
  }
}

/** Orphans: live-session states owned by another boot, plus this boot's activated payments past token expiry. */
export function findOrphans(ctx: EngineContext, now: number): Payment[] {
  return ctx.repo.list({ states: LIVE_SESSION }).filter((p) => p.bootId !== ctx.bootId || (p.state === 'activated' && p.tokenExpiresAt !== null && p.tokenExpiresAt <= now));
}
