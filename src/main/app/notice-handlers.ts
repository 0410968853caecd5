// notice/lookup: a scanned code or a typed pair → the codec (pagopa-psp.md §1, §2) → the core's sale
// lookup (online quote, offline quote within policy, or a refusal the renderer translates).
import type { HandlerImpl } from '../../common/ipc/contract';
import type { NoticeLookupResult, Quote as QuoteView } from '../../common/ipc/notice';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../common/notice';
import type { Fees, PaymentMethod, Quote } from '../core/payments/types';
import { saleActor, type AppContext } from './app-context';
import { uiRefusal } from './payment-view';

type NoticeHandlers = Pick<HandlerImpl, 'notice/lookup'>;

function methodsView(ctx: AppContext, fees: Fees, allowed: readonly PaymentMethod[], amount: number) {
  return ctx.sale.offeredMethods().map((method) => ({ method, feeCents: fees[method], totalCents: amount + fees[method], available: allowed.includes(method) && ctx.sale.methodServable(method) }));
}

function toQuoteView(ctx: AppContext, q: Exclude<Quote, { kind: 'refused' }>, notice: ParsedNotice): QuoteView {
  const amount = q.amountCents ?? 0;
  const methods = methodsView(ctx, q.fees, q.methods, amount);
  const first = methods.find((m) => m.available) ?? methods[0];
  const online = q.kind === 'online';
  return {
    quoteId: q.paymentId,
    noticeNumber: q.noticeNumber,
    fiscalCode: q.fiscalCode,
    creditorName: online ? (q.companyName ?? '') : '',
    description: online ? (q.description ?? '') : (notice.subject ?? ''),
    amountCents: amount,
    printedAmountCents: q.printedAmountCents !== null && q.printedAmountCents !== amount ? q.printedAmountCents : null,
    dueDate: online ? q.dueDate : null,
    feeCents: first?.feeCents ?? 0,
    totalCents: first?.totalCents ?? amount,
    methods,
    verifiedOnline: online,
    offline: online ? { eligible: false, reason: null } : { eligible: true, reason: q.amountCents === null ? 'amount-required' : q.reason },
    expiresAt: null,
  };
}

export function createNoticeHandlers(ctx: AppContext): NoticeHandlers {
  return {
    'notice/lookup': async (arg): Promise<NoticeLookupResult> => {
      const actor = saleActor(ctx);
      ctx.sale.requireOperator(actor);
      let notice: ParsedNotice;
      try {
        notice = arg.source === 'scan' ? parseNoticeCode(arg.raw) : parseManualNotice(arg.noticeNumber, arg.fiscalCode);
      } catch (err) {
        if (err instanceof NoticeCodecError) return { kind: 'refusal', refusal: { category: 'invalid-code', message: err.message, faultCode: err.kind } };
        throw err;
      }
      const q = await ctx.sale.lookup(actor, { noticeNumber: notice.noticeNumber, fiscalCode: notice.fiscalCode, amountCents: notice.amountCents, format: notice.format });
      ctx.refreshStatus();
      // `reason` keeps the engine's category so the renderer words it in the language on screen.
      if (q.kind === 'refused') return { kind: 'refusal', refusal: { category: uiRefusal(q.category), reason: q.category, message: q.message, ...(q.faultCode ? { faultCode: q.faultCode } : {}) } };
      return { kind: 'quote', quote: toQuoteView(ctx, q, notice) };
    },
  };
}
