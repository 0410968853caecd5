// payment/*: the IPC face of the core's SaleService (src/main/core/sale). Handlers only say who is acting
// and translate: every rule (shift, operator, methods, drawer after commit, void authority) is in the core.
import type { HandlerImpl } from '../../common/ipc/contract';
import type { Payment as PaymentView } from '../../common/ipc/payment';
import type { ReceiptOutcome } from '../core/sale/sale-service';
import { saleActor, type AppContext } from './app-context';
import { toPaymentView } from './payment-view';
import { receiptView } from './receipt-printing';

type PaymentHandlers = Pick<HandlerImpl, 'payment/begin' | 'payment/collectCash' | 'payment/collectCard' | 'payment/cancel' | 'payment/get' | 'payment/recent' | 'payment/void' | 'payment/setPayer'>;

export function createPaymentHandlers(ctx: AppContext): PaymentHandlers {
  const { engine, sale } = ctx;
  const view = (id: string): PaymentView => toPaymentView(engine.repo.require(id));
  const withReceipt = (id: string, receipt: ReceiptOutcome): PaymentView => ({ ...view(id), receipt: receiptView(ctx.print, receipt) });
  const progress = (paymentId: string, stage: string, message: string | null = null) => ctx.events.emit('payment/progress', { paymentId, stage, message });

  return {
    'payment/begin': async ({ quoteId, method, amountCents }) => toPaymentView(await sale.begin(saleActor(ctx), quoteId, method, amountCents === undefined ? {} : { amountCents })),

    'payment/collectCash': async ({ paymentId, tenderedCents }) => {
      const r = await sale.collectCash(saleActor(ctx), paymentId, tenderedCents);
      return withReceipt(paymentId, r.receipt);
    },

    'payment/collectCard': async ({ paymentId }) => {
      const r = await sale.collectCard(saleActor(ctx), paymentId, (stage, message) => progress(paymentId, stage, message));
      if (r.kind === 'approved') return withReceipt(paymentId, r.receipt);
      const v = toPaymentView(r.payment);
      return r.kind === 'unknown' ? v : { ...v, error: { kind: r.kind, message: r.reason ?? r.kind } };
    },

    'payment/cancel': async ({ paymentId, reason }) => toPaymentView(await sale.cancel(saleActor(ctx), paymentId, reason)),

    'payment/get': ({ paymentId }) => view(paymentId),

    // Issue #12 §6: validated and recorded by the core (SaleService.setPayer); only before collection.
    'payment/setPayer': ({ paymentId, payer }) =>
      toPaymentView(sale.setPayer(saleActor(ctx), paymentId, payer === null ? null : { id: payer.id, fullName: payer.fullName, ...(payer.email ? { email: payer.email } : {}) })),

    'payment/recent': (arg) => {
      if (arg?.reference === undefined) return engine.recent(arg?.limit ?? 50).map(toPaymentView);
      // Staff look up the reference a citizen shows (issue #11 §6): the local reference, typed or scanned
      // from the kiosk's QR, or the 18-digit notice number (spaces ignored).
      const ref = arg.reference.trim();
      const own = engine.repo.get(ref) ?? engine.repo.get(ref.toUpperCase());
      if (own) return [toPaymentView(own)];
      const digits = ref.replace(/\s+/g, '');
      if (!/^\d{18}$/.test(digits)) return [];
      return engine
        .recent(500)
        .filter((p) => p.noticeNumber === digits)
        .slice(0, arg.limit ?? 50)
        .map(toPaymentView);
    },

    'payment/void': async ({ paymentId, reason, supervisorPin, supervisorId }) => {
      const r = await sale.void(saleActor(ctx), paymentId, reason, { ...(supervisorPin ? { pin: supervisorPin } : {}), ...(supervisorId ? { id: supervisorId } : {}) });
      // The money rule (what to hand back) is the core's: SaleService.void says it in refundCents.
      return { ...(r.receipt ? withReceipt(paymentId, r.receipt) : toPaymentView(r.payment)), refundCents: r.refundCents };
    },
  };
}
