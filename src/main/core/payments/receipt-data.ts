// Builds what the receipt says from the payment row (the UI hands it to the PrintService; the engine
// never prints). SANP "Attestazione di pagamento" fields: pagopa-psp.md §5.
import { iuvOf } from '../../../common/notice';
import type { ReceiptData } from '../../../common/receipt';
import type { EngineContext } from './context';
import { PaymentError } from './errors';
import { AWAITING_CONFIRMATION, NODE_CONFIRMED } from './state-machine';
import type { Payment } from './types';

export type { ReceiptData };

export function receiptDataFor(ctx: EngineContext, p: Payment): ReceiptData {
  const kind: ReceiptData['kind'] | null = NODE_CONFIRMED.includes(p.state)
    ? 'payment'
    : AWAITING_CONFIRMATION.includes(p.state) || (p.state === 'exception' && p.collectedAt !== null)
      ? 'provisional'
      : (p.state === 'voided' && p.paymentToken) || (p.state === 'resolved' && p.resolution?.action === 'refund' && p.collectedAt !== null)
        ? 'void'
        : null;
  if (!kind || p.method === null) throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}: there is no receipt for it`);
  const amount = p.amountCents ?? 0;
  const card = p.card && p.card.authCode && p.card.stan ? { authCode: p.card.authCode, stan: p.card.stan, maskedPan: p.card.maskedPan, terminalId: p.card.terminalId ?? '' } : undefined;
  return {
    kind,
    // The annulment slip is a document of its own: the payment's receipt printed before does not make it a copy
    // (its reprints are marked by the print service).
    copy: kind !== 'void' && p.receiptPrintedAt !== null,
    issuedAt: new Date(p.collectedAt ?? p.updatedAt).toISOString(),
    psp: { name: ctx.config.psp.name, fiscalCode: ctx.config.psp.fiscalCode },
    ec: { fiscalCode: p.ecFiscalCode ?? p.fiscalCode, companyName: p.companyName },
    noticeNumber: p.noticeNumber,
    creditorReferenceId: p.creditorReferenceId ?? iuvOf(p.noticeNumber),
    // A provisional receipt carries no token: the node has not confirmed anything yet.
    paymentToken: kind === 'payment' ? p.paymentToken : null,
    localReference: p.id,
    description: p.description,
    amountCents: amount,
    feeCents: p.feeCents,
    totalCents: p.collectedCents ?? amount + p.feeCents,
    method: p.method,
    ...(p.tenderedCents !== null ? { tenderedCents: p.tenderedCents } : {}),
    ...(p.changeCents !== null ? { changeCents: p.changeCents } : {}),
    ...(card ? { card } : {}),
    terminalId: p.terminalId,
    operator: p.operatorId,
    location: ctx.config.terminal.location,
    ...(p.transfers ? { transfers: p.transfers.map((t) => ({ ...(t.companyName ? { companyName: t.companyName } : {}), fiscalCode: t.fiscalCodePA, amountCents: t.amountCents })) } : {}),
    ...(kind === 'void' && p.resolution ? { voidReason: p.resolution.reason } : {}),
    // Issue #12 §4–§6: Stand-In, pagoPA's fee and bundle, the payer.
    ...(p.standin === true ? { standin: true } : {}),
    ...(p.feeSource === 'node' ? { feeSource: 'node' as const, ...(p.idBundle ? { idBundle: p.idBundle } : {}) } : {}),
    ...(p.payer ? { payer: { id: p.payer.id, fullName: p.payer.fullName } } : {}),
  };
}

/**
 * One receipt for a cart (issue #12 §1): each notice with its creditor, IUV, token and amount, and the
 * transaction's total. It is a payment attestation only when the node confirmed every notice; otherwise
 * provisional, and the tokens not yet confirmed are left blank.
 */
export function cartReceiptDataFor(ctx: EngineContext, ps: readonly Payment[], cart: { id: string; tenderedCents: number | null; changeCents: number | null }): ReceiptData {
  if (ps.length === 0) throw new PaymentError('invalid-state', `cart ${cart.id} has no collected notice`);
  const parts = ps.map((p) => ({ p, d: receiptDataFor(ctx, p) }));
  const kinds = new Set(parts.map((x) => x.d.kind));
  const kind: ReceiptData['kind'] = kinds.has('void') && kinds.size === 1 ? 'void' : kinds.has('provisional') || kinds.has('void') ? 'provisional' : 'payment';
  const first = parts[0]!.d;
  const amountCents = parts.reduce((s, x) => s + x.d.amountCents, 0);
  const feeCents = parts.reduce((s, x) => s + x.d.feeCents, 0);
  return {
    ...first,
    kind,
    copy: ps.every((p) => p.receiptPrintedAt !== null),
    paymentToken: null,
    localReference: cart.id,
    amountCents,
    feeCents,
    totalCents: parts.reduce((s, x) => s + x.d.totalCents, 0),
    ...(cart.tenderedCents !== null ? { tenderedCents: cart.tenderedCents } : {}),
    ...(cart.changeCents !== null ? { changeCents: cart.changeCents } : {}),
    notices: parts.map(({ p, d }) => ({
      ec: d.ec,
      noticeNumber: d.noticeNumber,
      creditorReferenceId: d.creditorReferenceId,
      paymentToken: NODE_CONFIRMED.includes(p.state) ? p.paymentToken : null,
      description: d.description,
      amountCents: d.amountCents,
      feeCents: d.feeCents,
      localReference: p.id,
      ...(d.standin ? { standin: true } : {}),
    })),
  };
}
