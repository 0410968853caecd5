// notice/lookup: a scanned code or a typed pair → the codec (pagopa-psp.md §1, §2) → the core's sale
// lookup (online quote, offline quote within policy, or a refusal the renderer translates).
import type { HandlerImpl } from '../../common/ipc/contract';
import type { NoticeLookupArg, NoticeLookupResult, Quote as QuoteView } from '../../common/ipc/notice';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../common/notice';
import type { Fees, NoticeInput, PaymentMethod, Quote } from '../core/payments/types';
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
    // Issue #12 §4–§7: provisional fee (policy 'node'), Stand-In, every payment option, the payer fields.
    feeFinal: q.feeFinal,
    standin: online && q.standin,
    ...(online ? { paymentOptions: q.paymentOptions.map((o) => ({ ...o })) } : {}),
    payerOffered: ctx.sale.mode === 'counter' || ctx.config().payer.kioskAsks,
  };
}

/** Decodes what the UI sent (scan or typed pair); a malformed code is a refusal, never an exception. */
export function parseLookupArg(arg: NoticeLookupArg): { notice: ParsedNotice } | { refusal: NoticeLookupResult } {
  try {
    return { notice: arg.source === 'scan' ? parseNoticeCode(arg.raw) : parseManualNotice(arg.noticeNumber, arg.fiscalCode) };
  } catch (err) {
    if (err instanceof NoticeCodecError) return { refusal: { kind: 'refusal', refusal: { category: 'invalid-code', message: err.message, faultCode: err.kind } } };
    throw err;
  }
}

export function noticeInput(notice: ParsedNotice): NoticeInput {
  return { noticeNumber: notice.noticeNumber, fiscalCode: notice.fiscalCode, amountCents: notice.amountCents, format: notice.format };
}

/** The core's quote as the UI shows it; `reason` keeps the engine's category so the renderer words it in the language on screen. */
export function lookupResultView(ctx: AppContext, q: Quote, notice: ParsedNotice): NoticeLookupResult {
  if (q.kind === 'refused')
    return {
      kind: 'refusal',
      refusal: {
        category: uiRefusal(q.category),
        reason: q.category,
        message: q.message,
        ...(q.faultCode ? { faultCode: q.faultCode } : {}),
        ...(q.paymentOptions ? { paymentOptions: q.paymentOptions.map((o) => ({ ...o })) } : {}),
      },
    };
  return { kind: 'quote', quote: toQuoteView(ctx, q, notice) };
}

export function createNoticeHandlers(ctx: AppContext): NoticeHandlers {
  return {
    'notice/lookup': async (arg): Promise<NoticeLookupResult> => {
      const actor = saleActor(ctx);
      ctx.sale.requireOperator(actor);
      const parsed = parseLookupArg(arg);
      if ('refusal' in parsed) return parsed.refusal;
      const q = await ctx.sale.lookup(actor, noticeInput(parsed.notice));
      ctx.refreshStatus();
      return lookupResultView(ctx, q, parsed.notice);
    },
  };
}
