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

async function doDeliver(ctx: EngineContext, id: string): Promise<Payment> {
  const p = ctx.repo.require(id);
  if (!OUTCOME_DUE.includes(p.state) || !p.paymentToken || !p.outcome || !p.outcomeKey) return p;
  const ok = p.outcome === 'OK';
  const collectedAt = p.collectedAt ?? ctx.clock.now();
  let res;
  try {
    res = await ctx.node.sendPaymentOutcome({
      paymentTokens: [p.paymentToken],
      outcome: p.outcome,
      idempotencyKey: p.outcomeKey,
      // pagopa-psp.md §3.7: details are mandatory with OK; transfer date = D+1 (§4.1, inferred).
      details: ok
        ? {
            paymentMethod: p.method === 'card' ? 'creditCard' : 'cash',
            paymentChannel: p.channel === 'kiosk' ? 'atm' : 'frontOffice',
            feeCents: p.feeCents,
            applicationDate: isoDate(collectedAt),
            transferDate: isoDate(collectedAt + DAY_MS),
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
