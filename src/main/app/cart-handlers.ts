// cart/*: the IPC face of the core's CartSales (src/main/core/sale/cart-sales.ts). Handlers only say who
// is acting and translate; the 5-notice limit, activation before money, one transaction for the
// collection and the receipt are the core's.
import type { Cart as CartView } from '../../common/ipc/cart';
import type { HandlerImpl } from '../../common/ipc/contract';
import { MAX_CART_NOTICES, type CartRefusal, type CartSnapshot } from '../core/sale/cart-sales';
import type { ReceiptOutcome } from '../core/sale/sale-service';
import { saleActor, type AppContext } from './app-context';
import { lookupResultView, noticeInput, parseLookupArg } from './notice-handlers';
import { toPaymentView } from './payment-view';
import { receiptView } from './receipt-printing';

type CartHandlers = Pick<HandlerImpl, 'cart/add' | 'cart/adopt' | 'cart/remove' | 'cart/begin' | 'cart/collectCash' | 'cart/collectCard' | 'cart/cancel' | 'cart/get' | 'cart/setPayer'>;

export function cartView(s: CartSnapshot): CartView {
  return {
    cartId: s.cart.id,
    status: s.cart.status,
    method: s.cart.method,
    items: s.items.map(toPaymentView),
    maxItems: MAX_CART_NOTICES,
    amountCents: s.amountCents,
    feeCents: s.feeCents,
    totalCents: s.totalCents,
    tenderedCents: s.cart.tenderedCents,
    changeCents: s.cart.changeCents,
    payer: s.payer,
  };
}

export function createCartHandlers(ctx: AppContext): CartHandlers {
  const carts = ctx.sale.carts;
  const withReceipt = (s: CartSnapshot, receipt: ReceiptOutcome): CartView => ({ ...cartView(s), receipt: receiptView(ctx.print, receipt) });
  const refusedView = (r: CartRefusal) => ({ paymentId: r.paymentId, noticeNumber: r.noticeNumber, reason: r.category, message: r.message });

  return {
    'cart/add': async ({ cartId, notice, payerFrom }) => {
      const actor = saleActor(ctx);
      const parsed = parseLookupArg(notice);
      // A code that does not even decode never opens a cart.
      if ('refusal' in parsed) return { cart: cartView(cartId ? carts.get(cartId) : carts.open(actor)), result: parsed.refusal };
      const r = await carts.add(actor, cartId ?? null, noticeInput(parsed.notice), payerFrom ? { payerFrom } : {});
      ctx.refreshStatus();
      return { cart: cartView(r.cart), result: lookupResultView(ctx, r.quote, parsed.notice) };
    },
    'cart/adopt': ({ cartId, paymentId }) => cartView(carts.adopt(saleActor(ctx), cartId ?? null, paymentId)),
    'cart/remove': async ({ cartId, paymentId }) => cartView(await carts.remove(saleActor(ctx), cartId, paymentId)),
    'cart/begin': async ({ cartId, method }) => {
      const r = await carts.begin(saleActor(ctx), cartId, method);
      return { ...cartView(r.cart), refused: r.refused.map(refusedView) };
    },
    'cart/collectCash': async ({ cartId, tenderedCents }) => {
      const r = await carts.collectCash(saleActor(ctx), cartId, tenderedCents);
      return withReceipt(r.cart, r.receipt);
    },
    'cart/collectCard': async ({ cartId }) => {
      const r = await carts.collectCard(saleActor(ctx), cartId, (stage, message) => ctx.events.emit('payment/progress', { paymentId: cartId, stage, message }));
      if (r.kind === 'approved') return withReceipt(r.cart, r.receipt);
      return { ...cartView(r.cart), error: { kind: r.kind, message: r.reason ?? r.kind } };
    },
    'cart/cancel': async ({ cartId, reason }) => cartView(await carts.cancel(saleActor(ctx), cartId, reason)),
    'cart/get': ({ cartId }) => cartView(carts.get(cartId)),
    // Issue #12 §6: validated and recorded on every notice by the core (CartSales.setPayer).
    'cart/setPayer': ({ cartId, payer }) =>
      cartView(carts.setPayer(saleActor(ctx), cartId, payer === null ? null : { id: payer.id, fullName: payer.fullName, ...(payer.email ? { email: payer.email } : {}) })),
  };
}
