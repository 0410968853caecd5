// activatePaymentNotice request and the patch its OK answer writes: shared by the online begin, the sync
// of offline payments and orphan recovery, so all three send exactly the same request for one key
// (pagopa-psp.md §3.11: same key + same parameters → the node replays its answer).
import type { EngineContext } from './context';
import type { ActivateOkResult } from './node-port';
import { normaliseTransfers } from './transfers';
import type { Payment } from './types';

export function activateRequest(ctx: EngineContext, p: Payment, key: string) {
  return {
    fiscalCode: p.fiscalCode,
    noticeNumber: p.noticeNumber,
    amountCents: p.amountCents ?? 0,
    idempotencyKey: key,
    expirationTimeMs: ctx.config.node.tokenExpirationMs,
    paymentMethod: 'PO' as const, // stPaymentMethodFee "Pagamento attivato presso PSP"
    // pagopa-extra.md §c: PO = "Pagamento attivato presso PSP"; the touchpoint GEC matches bundles on.
    touchPoint: ctx.config.fees.touchPoint ?? (p.channel === 'kiosk' ? ('ATM' as const) : ('TS' as const)),
  };
}

export function activatedPatch(ctx: EngineContext, res: ActivateOkResult) {
  return {
    state: 'activated' as const,
    paymentToken: res.paymentToken,
    tokenExpiresAt: ctx.clock.now() + ctx.config.node.tokenExpirationMs,
    creditorReferenceId: res.creditorReferenceId ?? null,
    transfers: normaliseTransfers(res.transfers),
    nodeAmountCents: res.totalAmountCents,
    amountCents: res.totalAmountCents,
    ...(res.companyName ? { companyName: res.companyName } : {}),
    ...(res.paymentDescription ? { description: res.paymentDescription } : {}),
    ...(res.fiscalCodePA ? { ecFiscalCode: res.fiscalCodePA } : {}),
    // Stand-In (issue #12 §5): activate's flag is the one the payment is made under; verify's stays otherwise.
    ...(res.standin !== undefined ? { standin: res.standin } : {}),
  };
}
