// notice/lookup: a scanned code or a typed pair → the codec (pagopa-psp.md §1, §2) → the engine's
// verify (online quote), an offline quote within policy, or a refusal the renderer translates.
import type { HandlerImpl } from '../../common/ipc/contract';
import type { NoticeLookupResult, Quote as QuoteView } from '../../common/ipc/notice';
import { IpcFailure } from '../../common/ipc/result';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../common/notice';
import { paymentRefusalMessage } from '../../common/payment-refusals';
import type { Fees, PaymentMethod, Quote } from '../core/payments/types';
import { actingOperator, type AppContext } from './app-context';
import { uiRefusal } from './payment-view';

type NoticeHandlers = Pick<HandlerImpl, 'notice/lookup'>;

/** Methods this terminal offers: a kiosk only its configured ones (card by default). */
export function offeredMethods(ctx: AppContext): PaymentMethod[] {
  return ctx.mode === 'kiosk' ? [...ctx.config().app.kioskMethods] : ['cash', 'card'];
}

/** A method the devices can serve right now (card needs a terminal that is not broken or disabled). */
export function methodServable(ctx: AppContext, method: PaymentMethod): boolean {
  if (method === 'cash') return true;
  const t = ctx.devices.manager.health().find((h) => h.role === 'terminal');
  return ctx.config().devices.terminal.enabled && !!t && t.connected;
}

function methodsView(ctx: AppContext, fees: Fees, allowed: readonly PaymentMethod[], amount: number) {
  return offeredMethods(ctx).map((method) => ({ method, feeCents: fees[method], totalCents: amount + fees[method], available: allowed.includes(method) && methodServable(ctx, method) }));
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
      const operatorId = actingOperator(ctx);
      if (ctx.mode === 'kiosk') {
        const a = ctx.availability();
        if (a.reasons.includes('node')) return { kind: 'refusal', refusal: { category: 'node-unavailable', reason: 'offline-disabled', message: paymentRefusalMessage('offline-disabled', 'en', 'clerk') } };
        if (!a.available) throw new IpcFailure('device', `out of service: ${a.reasons.join(', ')}`, 'out-of-service');
      }
      let notice: ParsedNotice;
      try {
        notice = arg.source === 'scan' ? parseNoticeCode(arg.raw) : parseManualNotice(arg.noticeNumber, arg.fiscalCode);
      } catch (err) {
        if (err instanceof NoticeCodecError) return { kind: 'refusal', refusal: { category: 'invalid-code', message: err.message, faultCode: err.kind } };
        throw err;
      }
      const q = await ctx.engine.lookup({ noticeNumber: notice.noticeNumber, fiscalCode: notice.fiscalCode, amountCents: notice.amountCents, format: notice.format }, { operatorId, mode: ctx.mode });
      ctx.refreshStatus();
      // `reason` keeps the engine's category so the renderer words it in the language on screen.
      if (q.kind === 'refused') return { kind: 'refusal', refusal: { category: uiRefusal(q.category), reason: q.category, message: q.message, ...(q.faultCode ? { faultCode: q.faultCode } : {}) } };
      return { kind: 'quote', quote: toQuoteView(ctx, q, notice) };
    },
  };
}
