// Delivery of sendPaymentOutcome: exactly one outcome per token. The idempotency key was committed in
// the same transaction that decided the outcome (collected → OK, cancelling → KO); every retry, in this
// process or after a crash, reuses it (pagopa-psp.md §3.11), so the node sees one outcome.
import { asTransportFailure } from './node-port';
import { classifyFault, isTransientCategory } from './fault-category';
import { MAX_OUTCOME_ATTEMPTS, retryWaitMs } from './policy';
import { isoDate, type EngineContext } from './context';
import { OUTCOME_DUE } from './state-machine';
import type { Payment } from './types';

const DAY_MS = 86_400_000;

/** Sends (or re-sends) the pending outcome of `id`. Concurrent calls for one payment share one call. */
export function deliverOutcome(ctx: EngineContext, id: string): Promise<Payment> {
  const running = ctx.inFlight.get(id);
  if (running) return running;
  const p = doDeliver(ctx, id).finally(() => ctx.inFlight.delete(id));
  ctx.inFlight.set(id, p);
  return p;
}

/**
 * The notices one outcome OK covers: this one, or — when the upstream closes a collection as one
 * transaction (MIL, PaymentNode.outcomeScope) — every online notice of its cart collected with it (same
 * collection time), in cart order, so every member's call names the same transaction.
 */
function collectedTogether(ctx: EngineContext, p: Payment): Payment[] {
  if (ctx.node.outcomeScope !== 'transaction' || !p.cartId || p.mode !== 'online') return [p];
  const members = ctx.repo.inCart(p.cartId).filter((x) => x.mode === 'online' && x.paymentToken !== null && x.collectedAt !== null && x.collectedAt === p.collectedAt);
  return members.some((x) => x.id === p.id) ? members : [p];
}

async function doDeliver(ctx: EngineContext, id: string): Promise<Payment> {
  const p = ctx.repo.require(id);
  if (!OUTCOME_DUE.includes(p.state) || !p.paymentToken || !p.outcome || !p.outcomeKey) return p;
  const ok = p.outcome === 'OK';
  const collectedAt = p.collectedAt ?? ctx.clock.now();
  const together = ok ? collectedTogether(ctx, p) : [p];
  let res;
  try {
    res = await ctx.node.sendPaymentOutcome({
      paymentTokens: together.map((x) => x.paymentToken as string),
      outcome: p.outcome,
      idempotencyKey: p.outcomeKey,
      // pagopa-psp.md §3.7: details are mandatory with OK; transfer date = D+1 (§4.1, inferred).
      details: ok
        ? {
            paymentMethod: p.method === 'card' ? 'creditCard' : 'cash',
            paymentChannel: p.channel === 'kiosk' ? 'atm' : 'frontOffice',
            // One fee per call: this notice's, or the collection's when the upstream closes it as one transaction.
            feeCents: together.reduce((sum, x) => sum + x.feeCents, 0),
            // GEC bundle applied (issue #12 §4, pagopa-extra.md §c): the creditor's share and the bundle ids.
            ...(p.feeSource === 'node' && p.paFeeCents !== null ? { primaryCiIncurredFeeCents: p.paFeeCents } : {}),
            ...(p.feeSource === 'node' && p.idBundle !== null ? { idBundle: p.idBundle } : {}),
            ...(p.feeSource === 'node' && p.idCiBundle !== null ? { idCiBundle: p.idCiBundle } : {}),
            // The payer, when one was given (issue #12 §6, pagopa-extra.md §f).
            ...(p.payer ? { payer: { type: p.payer.type, id: p.payer.id, fullName: p.payer.fullName, ...(p.payer.email ? { email: p.payer.email } : {}) } } : {}),
            applicationDate: isoDate(collectedAt),
            transferDate: isoDate(collectedAt + DAY_MS),
            // MIL (issue #14): preClose needs the total, close the payment time; the SOAP body ignores both.
            totalAmountCents: together.reduce((sum, x) => sum + (x.amountCents ?? 0), 0),
            paidAt: collectedAt,
          }
        : undefined,
    });
  } catch (err) {
    const f = asTransportFailure(err);
    if (!f) throw err;
    return failedAttempt(ctx, p, `${f.kind}: ${f.message}`);
  }
  const now = ctx.clock.now();
  if (res.outcome === 'OK') return acknowledged(ctx, p, null);
  const cat = classifyFault(res.fault);
  // PPT_ESITO_GIA_ACQUISITO: the node already holds our outcome (an earlier attempt got through).
  if (cat === 'outcome-already-acquired') return acknowledged(ctx, p, res.fault.faultCode);
  if (isTransientCategory(cat)) return failedAttempt(ctx, p, `${res.fault.faultCode}`);
  if (!ok) {
    // KO refused (token expired → the position reopened anyway; unknown token → nothing is active).
    return acknowledged(ctx, p, res.fault.faultCode);
  }
  // OK refused after the money was taken: a person must refund or reconcile (pagopa-psp.md §3.11 table).
  const kind = cat === 'already-paid' ? 'already-paid' : 'outcome-rejected';
  return ctx.machine.apply(
    'outcome-refused',
    id,
    {
      state: 'exception',
      exceptionKind: kind,
      exceptionDetail: `${res.fault.faultCode}${res.fault.description ? `: ${res.fault.description}` : ''}`,
      exceptionAt: now,
      lastError: res.fault.faultCode,
    },
    { data: { kind, faultCode: res.fault.faultCode }, expectState: p.state },
  );
}

function acknowledged(ctx: EngineContext, p: Payment, note: string | null): Payment {
  const now = ctx.clock.now();
  const ok = p.outcome === 'OK';
  // A KO for money already collected (offline, amount changed at activate) ends as an exception, never
  // as voided: the citizen must be refunded or the difference accepted. That is the only such path, so a
  // kind lost to an outcome-undelivered reset is restored as amount-mismatch.
  const pendingKind = ok ? null : (p.exceptionKind ?? (p.collectedAt !== null ? 'amount-mismatch' : null));
  const pendingException = pendingKind !== null;
  return ctx.machine.apply(
    ok ? 'outcome-confirmed' : pendingException ? 'outcome-ko-exception' : 'outcome-ko-acknowledged',
    p.id,
    ok
      ? { state: 'confirmed', outcomeConfirmedAt: now, outcomeNextAt: null, lastError: note }
      : {
          state: pendingException ? 'exception' : 'voided',
          outcomeConfirmedAt: now,
          outcomeNextAt: null,
          lastError: note,
          ...(pendingException ? { exceptionAt: now, exceptionKind: pendingKind } : {}),
        },
    { data: { outcome: p.outcome, token: p.paymentToken, ...(note ? { note } : {}), ...(pendingException ? { kind: pendingKind } : {}) }, expectState: p.state },
  );
}

function failedAttempt(ctx: EngineContext, p: Payment, error: string): Payment {
  const attempts = p.outcomeAttempts + 1;
  const now = ctx.clock.now();
  ctx.logger.warn('outcome delivery failed', { id: p.id, attempts, error });
  // pagopa-psp.md §3.11: at most 5 attempts, then a human task (technician resets the counter).
  return attempts >= MAX_OUTCOME_ATTEMPTS
    ? ctx.machine.apply(
        'outcome-undelivered',
        p.id,
        { state: 'exception', exceptionKind: 'outcome-undelivered', exceptionDetail: error, exceptionAt: now, outcomeAttempts: attempts, outcomeNextAt: null, lastError: error },
        { data: { kind: 'outcome-undelivered', attempts, error }, expectState: p.state },
      )
    : ctx.machine.apply(
        'outcome-retry-scheduled',
        p.id,
        { outcomeAttempts: attempts, outcomeNextAt: now + retryWaitMs(attempts, ctx.config.node.timeouts.outcomeMs), lastError: error },
        { data: { attempts, error }, expectState: p.state },
      );
}
