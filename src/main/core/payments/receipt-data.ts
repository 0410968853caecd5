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
    copy: p.receiptPrintedAt !== null,
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
  };
}
