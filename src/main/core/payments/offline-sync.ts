// The sync steps for one payment, each crash-safe: the next idempotency key is committed before the
// call that uses it, and a resumed step reuses the persisted key (issue #4 §3, pagopa-psp.md §3.11).
//   offline-queued: verify (current amount) → activate (same key on resume) → collected → outcome OK
//   orphans of a crashed process: activating → re-activate with the same key → KO; activated → KO;
//   collecting → exception (a person checks the terminal); stale quotes → voided.
import type { EngineContext } from './context';
import type { PaymentEngine } from './engine';
import { classifyFault, exceptionKindFor, isTransientCategory } from './fault-category';
import { asTransportFailure, type TransportFailure } from './node-port';
import { deliverOutcome } from './outcome';
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

function toException(ctx: EngineContext, p: Payment, kind: ExceptionKind, detail: string, extra: Partial<Payment> = {}): Payment {
  const next = ctx.repo.transition(p.id, [p.state], { state: 'exception', exceptionKind: kind, exceptionDetail: detail, exceptionAt: ctx.clock.now(), ...extra }, { type: 'payment.exception', data: { kind, detail } });
  ctx.emit(next);
  return next;
}

function waiting(ctx: EngineContext, p: Payment, error: string): StepResult {
  const next = p.lastError === error ? p : ctx.repo.transition(p.id, [p.state], { lastError: error }, { type: 'payment.sync-deferred', data: { error } });
  return { status: 'waiting', payment: next, error };
}

/** One offline-queued payment: verify → activate → outcome OK. */
export async function syncOffline(engine: PaymentEngine, id: string): Promise<StepResult> {
  const ctx = engine.ctx;
  let p = ctx.repo.require(id);
  if (p.state !== 'offline-queued') return { status: 'done', payment: p };
  try {
    if (!p.activateKey) {
      const v = await call(() => ctx.node.verifyPaymentNotice({ fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber }));
      if (v.outcome === 'KO') {
        const cat = classifyFault(v.fault);
        const kind = exceptionKindFor(cat);
        if (kind) return { status: 'done', payment: toException(ctx, p, kind, v.fault.faultCode, { lastError: v.fault.faultCode }) };
        if (isTransientCategory(cat) || cat === 'terminal-config') return waiting(ctx, p, v.fault.faultCode);
        return { status: 'done', payment: toException(ctx, p, 'node-rejected', v.fault.faultCode, { lastError: v.fault.faultCode }) };
      }
      if (v.amountCents !== p.amountCents) {
        // The creditor's current amount differs from what was collected (issue #4 §3): a person decides.
        return { status: 'done', payment: toException(ctx, p, 'amount-mismatch', `collected ${p.amountCents} cents, the creditor now asks ${v.amountCents}`, { nodeAmountCents: v.amountCents, companyName: p.companyName ?? v.companyName ?? null, description: p.description ?? v.paymentDescription ?? null }) };
      }
      p = ctx.repo.transition(p.id, ['offline-queued'], { activateKey: ctx.newKey(), companyName: v.companyName ?? p.companyName, description: v.paymentDescription ?? p.description, ecFiscalCode: v.fiscalCodePA ?? p.fiscalCode }, { type: 'payment.sync-activating', data: {} });
    }
    const key = p.activateKey as string;
    const a = await call(() => ctx.node.activatePaymentNotice(engine.activateRequest(p, key)));
    if (a.outcome === 'KO') {
      const cat = classifyFault(a.fault);
      const kind = exceptionKindFor(cat);
      if (kind) return { status: 'done', payment: toException(ctx, p, kind, a.fault.faultCode, { lastError: a.fault.faultCode }) };
      // in-progress: possibly our own earlier activation under an expired key; wait for its token to lapse.
      if (isTransientCategory(cat) || cat === 'terminal-config') return waiting(ctx, p, a.fault.faultCode);
      return { status: 'done', payment: toException(ctx, p, 'node-rejected', a.fault.faultCode, { lastError: a.fault.faultCode }) };
    }
    const now = ctx.clock.now();
    const activated = engine.activatedPatch(a);
    if (a.totalAmountCents !== p.amountCents) {
      // Token held but the amount is wrong: release the position (KO), then raise the exception.
      p = ctx.repo.transition(
        p.id,
        ['offline-queued'],
        { ...activated, state: 'cancelling', amountCents: p.amountCents, outcome: 'KO', outcomeKey: ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: now, exceptionKind: 'amount-mismatch', exceptionDetail: `collected ${p.amountCents} cents, activate says ${a.totalAmountCents}` },
        { type: 'payment.cancelling', data: { token: a.paymentToken, reason: 'amount-mismatch' } },
      );
    } else {
      p = ctx.repo.transition(p.id, ['offline-queued'], { ...activated, state: 'collected', outcome: 'OK', outcomeKey: ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: now }, { type: 'payment.activated', data: { token: a.paymentToken, offline: true } });
    }
    ctx.emit(p);
    return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
  } catch (err) {
    if (err instanceof Unreachable) return { status: 'unreachable', payment: ctx.repo.require(id), error: err.failure.kind };
    throw err;
  }
}

/** A live-session payment left behind by a crashed process (or an abandoned activation, or an expired token). */
export async function recoverOrphan(engine: PaymentEngine, id: string): Promise<StepResult> {
  const ctx = engine.ctx;
  const p = ctx.repo.require(id);
  const now = ctx.clock.now();
  try {
    switch (p.state) {
      case 'verified':
      case 'captured':
      case 'activating': {
        if (!p.activateKey) return { status: 'done', payment: ctx.repo.transition(p.id, [p.state], { state: 'voided', lastError: 'abandoned quote' }, { type: 'payment.voided', data: { reason: 'abandoned' } }) };
        // An activate with this key may have reached the node (a timeout that fell back to offline, or a crash).
        // Same key → the node replays the original answer (no second activation), then we release it.
        const a = await call(() => ctx.node.activatePaymentNotice(engine.activateRequest(p, p.activateKey as string)));
        if (a.outcome === 'KO') {
          const cat = classifyFault(a.fault);
          if (isTransientCategory(cat) && cat !== 'in-progress') return waiting(ctx, p, a.fault.faultCode);
          return { status: 'done', payment: ctx.repo.transition(p.id, [p.state], { state: 'voided', lastError: a.fault.faultCode }, { type: 'payment.voided', data: { reason: 'abandoned', faultCode: a.fault.faultCode } }) };
        }
        ctx.repo.transition(p.id, [p.state], { ...engine.activatedPatch(a), amountCents: p.amountCents, state: 'cancelling', outcome: 'KO', outcomeKey: ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: now }, { type: 'payment.cancelling', data: { token: a.paymentToken, reason: 'abandoned' } });
        return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
      }
      case 'activated':
        ctx.repo.transition(p.id, ['activated'], { state: 'cancelling', outcome: 'KO', outcomeKey: ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: now }, { type: 'payment.cancelling', data: { reason: 'abandoned' } });
        return { status: 'done', payment: await deliverOutcome(ctx, p.id) };
      case 'collecting':
        return { status: 'done', payment: toException(ctx, p, 'collection-unknown', 'the terminal was interrupted while charging the card') };
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
  return ctx.repo
    .list({ states: ['verified', 'captured', 'activating', 'activated', 'collecting'] })
    .filter((p) => p.bootId !== ctx.bootId || (p.state === 'activated' && p.tokenExpiresAt !== null && p.tokenExpiresAt <= now));
}
