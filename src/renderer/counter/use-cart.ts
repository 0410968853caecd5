// The cart's intents on screen (issue #12 §1), shared by the counter and the kiosk: every notice goes
// through cart/add (the first one again, so the core holds the whole cart), one cart/begin for the
// method, one collection, one cancel for everything. Answers that arrive after a cancel are dropped.
import { useCallback, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cart } from '../../common/ipc/cart';
import type { PaymentMethod } from '../../common/ipc/common';
import type { NoticeLookupArg, Quote } from '../../common/ipc/notice';
import { call, toUiError, UiCallError } from '../bridge/bridge';
import { useEvent } from '../hooks/use-event';
import { errorMessage, refusalMessage, type Audience } from '../components/messages';
import { cartOff, cartReducer, cartRows, type CartFlow, type CartRefused } from './cart-flow';
import type { FlowMessage } from './flow';

/** pagoPA's limit, until the core's cart says its own (cart.maxItems). */
export const DEFAULT_CART_MAX = 5;

export type CartApi = {
  flow: CartFlow;
  /** Opens the cart with the notice on screen (verified again into the cart), then adds `next`. */
  start: (firstArg: NoticeLookupArg | null, first: Quote | null, next?: NoticeLookupArg) => void;
  /** Opens the cart with a quote that cannot be looked up again (a demanded bollo auto): it joins as it is. */
  adopt: (first: Quote, next?: NoticeLookupArg) => void;
  /** The cart being built, to add a demanded notice into (null when none). */
  currentId: () => string | null;
  /** Shows the core's cart again after a notice joined it from elsewhere (`joined`: that notice's quote). */
  reload: (joined?: Quote) => void;
  add: (arg: NoticeLookupArg) => Promise<boolean>;
  remove: (paymentId: string) => Promise<void>;
  /** Activates every notice with the method; with card and no refusal the terminal starts at once. */
  begin: (method: PaymentMethod) => Promise<void>;
  collectCash: (tenderedCents: number) => Promise<void>;
  /** Card after refusals or a decline: charge what is left. */
  collectCard: () => Promise<void>;
  /** Cancels the whole cart (KO for every activated notice); true when nothing is left to collect. */
  cancel: (reason?: string) => Promise<boolean>;
  /** Leaves the cart screen (after the receipt, or to resolve an exception later). */
  close: (message?: FlowMessage | null) => void;
};

export function useCart(audience: Audience, onEnd: (message: FlowMessage | null) => void): CartApi {
  const { t, i18n } = useTranslation();
  const [flow, dispatch] = useReducer(cartReducer, cartOff);
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  // The cart the core opened, and the cart/add that is opening it (later adds wait for its id).
  const cartId = useRef<string | null>(null);
  const opening = useRef<Promise<unknown> | null>(null);
  // Bumped when the cart is left: answers of an older epoch are dropped.
  const epoch = useRef(0);

  const lang = i18n.language;
  const failure = useCallback(
    (e: unknown): FlowMessage => {
      const err = toUiError(e);
      const max = (flowRef.current.s !== 'off' && 'cart' in flowRef.current && flowRef.current.cart?.maxItems) || DEFAULT_CART_MAX;
      if (err.code === 'cart-full') return { tone: 'warn', title: t('cart.full', { max }), detail: t(`cart.fullAction.${audience}`), code: audience === 'clerk' ? err.code : undefined };
      if (err.code === 'cart-duplicate') return { tone: 'warn', title: t('cart.duplicate'), detail: t('cart.duplicateAction'), code: audience === 'clerk' ? err.code : undefined };
      return errorMessage(t, err, audience, lang);
    },
    [t, audience, lang],
  );

  const leave = useCallback((message: FlowMessage | null) => {
    epoch.current++;
    cartId.current = null;
    opening.current = null;
    dispatch({ t: 'off' });
    endRef.current(message);
  }, []);

  const add = useCallback(
    async (arg: NoticeLookupArg, payerFrom?: string): Promise<boolean> => {
      const mine = epoch.current;
      dispatch({ t: 'add-start' });
      try {
        // Only one cart/add opens the cart; the others wait for its id (then run side by side).
        while (!cartId.current && opening.current) await opening.current.catch(() => undefined);
        if (epoch.current !== mine) return false;
        let r;
        if (cartId.current) r = await call('cart/add', { cartId: cartId.current, notice: arg });
        else {
          const p = call('cart/add', { notice: arg, ...(payerFrom ? { payerFrom } : {}) });
          opening.current = p;
          try {
            r = await p;
          } finally {
            if (opening.current === p) opening.current = null;
          }
          if (epoch.current === mine) cartId.current = r.cart.cartId;
          else if (r.cart.status === 'open') void call('cart/cancel', { cartId: r.cart.cartId, reason: 'left before it was filled' }).catch(() => undefined); // nobody is waiting for it
        }
        if (epoch.current !== mine) return false;
        if (r.result.kind === 'quote') dispatch({ t: 'add-end', cart: r.cart, quote: r.result.quote, message: null });
        else dispatch({ t: 'add-end', cart: r.cart, message: refusalMessage(t, r.result.refusal, audience, lang) });
        return r.result.kind === 'quote';
      } catch (e) {
        if (epoch.current === mine) dispatch({ t: 'add-end', message: failure(e) });
        return false;
      } finally {
        // Answers may cross: once none is pending, the core's cart is the one to show.
        const f = flowRef.current;
        if (epoch.current === mine && cartId.current && f.s === 'building' && f.adding <= 1) {
          const id = cartId.current;
          call('cart/get', { cartId: id }).then(
            (c) => epoch.current === mine && dispatch({ t: 'cart', cart: c }),
            () => undefined,
          );
        }
      }
    },
    [t, audience, lang, failure],
  );

  const start = useCallback(
    (firstArg: NoticeLookupArg | null, first: Quote | null, next?: NoticeLookupArg) => {
      epoch.current++;
      cartId.current = null;
      opening.current = null;
      dispatch({ t: 'start', first });
      // The quote on screen is verified again into the cart: its payer (issue #12 §6) becomes the cart's.
      if (firstArg) void add(firstArg, first?.quoteId);
      if (next) void add(next);
    },
    [add],
  );

  const adopt = useCallback(
    (first: Quote, next?: NoticeLookupArg) => {
      epoch.current++;
      cartId.current = null;
      dispatch({ t: 'start', first });
      const mine = epoch.current;
      dispatch({ t: 'add-start' });
      const opened = call('cart/adopt', { paymentId: first.quoteId });
      opening.current = opened;
      // `next` waits for the cart's id like any later add.
      if (next) void add(next);
      opened.then(
        (c) => {
          if (opening.current === opened) opening.current = null;
          if (epoch.current !== mine) return;
          cartId.current = c.cartId;
          dispatch({ t: 'add-end', cart: c, quote: first, message: null });
        },
        (e: unknown) => {
          if (opening.current === opened) opening.current = null;
          if (epoch.current === mine) dispatch({ t: 'add-end', message: failure(e) });
        },
      );
    },
    [add, failure],
  );

  const currentId = useCallback(() => (flowRef.current.s === 'building' ? cartId.current : null), []);

  const reload = useCallback((joined?: Quote) => {
    const id = cartId.current;
    const mine = epoch.current;
    if (!id) return;
    // Counted as an add, so the joined notice's quote (its fees per method) is shown like a scanned one's.
    dispatch({ t: 'add-start' });
    call('cart/get', { cartId: id }).then(
      (c) => epoch.current === mine && dispatch({ t: 'add-end', cart: c, ...(joined ? { quote: joined } : {}) }),
      () => epoch.current === mine && dispatch({ t: 'add-end' }),
    );
  }, []);

  const remove = useCallback(
    async (paymentId: string) => {
      const id = cartId.current;
      const mine = epoch.current;
      if (!id || flowRef.current.s !== 'building') return;
      try {
        const c = await call('cart/remove', { cartId: id, paymentId });
        if (epoch.current === mine) dispatch({ t: 'cart', cart: c });
      } catch (e) {
        if (epoch.current === mine) dispatch({ t: 'message', message: failure(e) });
      }
    },
    [failure],
  );

  const runCard = useCallback(
    async (id: string) => {
      const mine = epoch.current;
      dispatch({ t: 'card-start' });
      try {
        const c = await call('cart/collectCard', { cartId: id });
        if (epoch.current !== mine) return;
        if (c.status === 'collected') dispatch({ t: 'done', cart: c });
        else if (c.status === 'cancelled') leave({ tone: 'info', title: t('cart.cancelled') });
        else {
          const unknown = c.items.filter((p) => p.state === 'needs-attention').map((p) => p.id);
          if (unknown.length > 0) dispatch({ t: 'attention', cart: c, paymentIds: unknown });
          else
            dispatch({
              t: 'card-failed',
              cart: c,
              message:
                audience === 'clerk'
                  ? // The engine's reason is English prose: the clerk reads what to do, the technician the kind.
                    { tone: 'bad', title: t('card.failed'), detail: t('card.failedAction'), code: c.error?.kind }
                  : { tone: 'bad', title: t('card.failedCitizen'), detail: t('card.failedCitizenAction') },
            });
        }
      } catch (e) {
        if (epoch.current === mine) dispatch({ t: 'card-failed', cart: null, message: failure(e) });
      }
    },
    [t, audience, failure, leave],
  );

  const begin = useCallback(
    async (method: PaymentMethod) => {
      const f = flowRef.current;
      const id = cartId.current;
      if (f.s !== 'building' || !id || !f.cart || f.adding > 0 || f.cart.items.length === 0) return;
      const mine = epoch.current;
      // Refused notices leave the cart: keep what the screen knew of them to say which.
      const known = new Map(cartRows(f).map((r) => [r.id, r]));
      dispatch({ t: 'begin', method });
      let c: Cart;
      try {
        c = await call('cart/begin', { cartId: id, method });
      } catch (e) {
        if (epoch.current !== mine) return;
        const latest = await call('cart/get', { cartId: id }).catch(() => undefined);
        dispatch({ t: 'begin-failed', message: failure(e), ...(latest ? { cart: latest } : {}) });
        return;
      }
      if (epoch.current !== mine) return;
      const refused: CartRefused[] = (c.refused ?? []).map((r) => {
        const row = r.paymentId ? known.get(r.paymentId) : undefined;
        const m = errorMessage(t, new UiCallError('conflict', r.message, String(r.reason)), audience, lang);
        return {
          paymentId: r.paymentId,
          noticeNumber: r.noticeNumber,
          creditorName: row?.creditorName ?? '',
          message: { tone: 'bad', title: row?.creditorName ?? r.noticeNumber, detail: m.detail, code: m.code },
        };
      });
      dispatch({ t: 'begun', cart: c, refused, ...(c.items.length === 0 ? { message: { tone: 'bad', title: t('cart.allRefused') } } : {}) });
      if (method === 'card' && c.items.length > 0 && refused.length === 0) await runCard(id);
    },
    [t, audience, lang, failure, runCard],
  );

  const collectCash = useCallback(
    async (tenderedCents: number) => {
      const id = cartId.current;
      const mine = epoch.current;
      if (!id || flowRef.current.s !== 'cash') return;
      dispatch({ t: 'cash-busy' });
      try {
        const c = await call('cart/collectCash', { cartId: id, tenderedCents });
        if (epoch.current === mine) dispatch({ t: 'done', cart: c });
      } catch (e) {
        if (epoch.current === mine) dispatch({ t: 'cash-failed', message: failure(e) });
      }
    },
    [failure],
  );

  const collectCard = useCallback(async () => {
    const id = cartId.current;
    const f = flowRef.current;
    if (!id || f.s !== 'card' || f.running) return;
    await runCard(id);
  }, [runCard]);

  const cancel = useCallback(
    async (reason?: string): Promise<boolean> => {
      const f = flowRef.current;
      if (f.s === 'off') return true;
      // While the notices are being activated the answer is awaited (as for one notice): then cancel.
      if (f.s === 'done' || f.s === 'attention' || f.s === 'begin') return false;
      const id = cartId.current;
      if (!id) {
        // Still being opened: the answer will find a newer epoch and cancel what it opened.
        leave({ tone: 'info', title: t('cart.cancelled') });
        return true;
      }
      if (f.s === 'card' && f.running) dispatch({ t: 'cancelling' });
      try {
        const c = await call('cart/cancel', { cartId: id, ...(reason ? { reason } : {}) });
        if (c.status === 'cancelled') {
          leave({ tone: 'info', title: t('cart.cancelled') });
          return true;
        }
        return false;
      } catch (e) {
        dispatch({ t: 'message', message: failure(e) });
        return false;
      }
    },
    [t, failure, leave],
  );

  const close = useCallback((message?: FlowMessage | null) => leave(message ?? null), [leave]);

  useEvent('payment/progress', (p) => {
    if (cartId.current && p.paymentId === cartId.current) dispatch({ t: 'progress', cartId: p.paymentId, stage: p.stage, message: p.message });
  });

  return { flow, start, adopt, currentId, reload, add, remove, begin, collectCash, collectCard, cancel, close };
}
