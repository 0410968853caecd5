// A cart of notices on screen (issue #12 §1), as an explicit state machine beside the single-notice flow
// (flow.ts). The single-notice path stays as it is; the cart takes over from the second notice on (or
// when the citizen asks to add one at the kiosk):
//   off → building (scan, add, remove) → begin → cash | card → done
//           ↖ every notice refused at activation        card → attention (outcome unknown)
// The rules (5 notices, activation before money, one collection) are the core's (cart/* intents);
// this only keeps what the screen shows in step with the answers.
import type { Cart } from '../../common/ipc/cart';
import type { PaymentMethod } from '../../common/ipc/common';
import type { Quote } from '../../common/ipc/notice';
import type { FlowMessage } from './flow';

/** A notice refused at activation, with what the screen knew of it before (it has left the cart). */
export type CartRefused = { paymentId: string | null; noticeNumber: string; creditorName: string; message: FlowMessage };

/** One line of the cart list: what the core holds, or the first notice's quote before the cart exists. */
export type CartRow = { id: string; noticeNumber: string; fiscalCode: string; creditorName: string; description: string; amountCents: number; feeCents: number; totalCents: number };

type Base = { cart: Cart | null; quotes: Record<string, Quote>; first: Quote | null };

export type CartFlow =
  | { s: 'off' }
  | (Base & { s: 'building'; adding: number; message: FlowMessage | null; refused: CartRefused[] })
  | (Base & { s: 'begin'; method: PaymentMethod })
  | (Base & { s: 'cash'; cart: Cart; refused: CartRefused[]; busy: boolean; message: FlowMessage | null })
  | (Base & { s: 'card'; cart: Cart; refused: CartRefused[]; running: boolean; stage: string | null; stageMessage: string | null; cancelling: boolean; message: FlowMessage | null })
  /** Outcome unknown: every notice of the one card charge needs a person's decision. */
  | { s: 'attention'; cart: Cart; paymentIds: string[] }
  | { s: 'done'; cart: Cart };

export type CartEvent =
  | { t: 'start'; first: Quote | null }
  | { t: 'add-start' }
  | { t: 'add-end'; cart?: Cart; quote?: Quote; message?: FlowMessage | null }
  | { t: 'cart'; cart: Cart }
  | { t: 'message'; message: FlowMessage | null }
  | { t: 'begin'; method: PaymentMethod }
  | { t: 'begun'; cart: Cart; refused: CartRefused[]; message?: FlowMessage }
  | { t: 'begin-failed'; message: FlowMessage; cart?: Cart }
  | { t: 'cash-busy' }
  | { t: 'cash-failed'; message: FlowMessage }
  | { t: 'card-start' }
  | { t: 'progress'; cartId: string; stage: string; message?: string | null }
  | { t: 'cancelling' }
  | { t: 'card-failed'; cart: Cart | null; message: FlowMessage }
  | { t: 'attention'; cart: Cart; paymentIds: string[] }
  | { t: 'done'; cart: Cart }
  | { t: 'off' };

export const cartOff: CartFlow = { s: 'off' };

export function cartActive(f: CartFlow): boolean {
  return f.s !== 'off';
}

/** A new notice can be scanned into the cart (never once a method is chosen). */
export function cartAcceptsScan(f: CartFlow): boolean {
  return f.s === 'building';
}

/** Money may be moving (or about to): the screen must not be left. */
export function cartInPayment(f: CartFlow): boolean {
  return f.s === 'begin' || f.s === 'cash' || f.s === 'card';
}

function base(f: CartFlow): Base {
  return f.s === 'off' || f.s === 'attention' || f.s === 'done' ? { cart: null, quotes: {}, first: null } : { cart: f.cart, quotes: f.quotes, first: f.first };
}

export function cartReducer(f: CartFlow, e: CartEvent): CartFlow {
  switch (e.t) {
    case 'start':
      return { s: 'building', cart: null, quotes: e.first ? { [e.first.quoteId]: e.first } : {}, first: e.first, adding: 0, message: null, refused: [] };
    case 'add-start':
      return f.s === 'building' ? { ...f, adding: f.adding + 1, message: null } : f;
    case 'add-end': {
      if (f.s !== 'building') return f;
      const quotes = e.quote ? { ...f.quotes, [e.quote.quoteId]: e.quote } : f.quotes;
      const cart = e.cart ?? f.cart;
      // Once the core holds the cart, its list is the truth: the first quote was only a placeholder.
      return { ...f, cart, quotes, first: cart ? null : f.first, adding: Math.max(0, f.adding - 1), message: e.message === undefined ? f.message : e.message };
    }
    case 'cart':
      if (f.s === 'building') return { ...f, cart: e.cart, first: null };
      if (f.s === 'cash' || f.s === 'card') return { ...f, cart: e.cart };
      return f;
    case 'message':
      return f.s === 'building' || f.s === 'cash' || f.s === 'card' ? { ...f, message: e.message } : f;
    case 'begin':
      return f.s === 'building' && f.cart && f.adding === 0 ? { ...base(f), s: 'begin', method: e.method } : f;
    case 'begun': {
      if (f.s !== 'begin') return f;
      const b = { ...base(f), cart: e.cart };
      if (e.cart.items.length === 0) return { ...b, s: 'building', adding: 0, refused: e.refused, message: e.message ?? null };
      if (f.method === 'cash') return { ...b, cart: e.cart, s: 'cash', refused: e.refused, busy: false, message: null };
      // With refusals the clerk (or citizen) decides first: go on with the rest, or cancel everything.
      return { ...b, cart: e.cart, s: 'card', refused: e.refused, running: e.refused.length === 0, stage: null, stageMessage: null, cancelling: false, message: null };
    }
    case 'begin-failed':
      return f.s === 'begin' ? { ...base(f), cart: e.cart ?? f.cart, s: 'building', adding: 0, refused: [], message: e.message } : f;
    case 'cash-busy':
      return f.s === 'cash' ? { ...f, busy: true, message: null } : f;
    case 'cash-failed':
      return f.s === 'cash' ? { ...f, busy: false, message: e.message } : f;
    case 'card-start':
      return f.s === 'card' ? { ...f, running: true, stage: null, stageMessage: null, cancelling: false, message: null } : f;
    case 'progress':
      return f.s === 'card' && f.cart.cartId === e.cartId ? { ...f, stage: e.stage, stageMessage: e.message ?? null } : f;
    case 'cancelling':
      return f.s === 'card' ? { ...f, cancelling: true } : f;
    case 'card-failed':
      return f.s === 'card' ? { ...f, cart: e.cart ?? f.cart, running: false, cancelling: false, message: e.message } : f;
    case 'attention':
      return { s: 'attention', cart: e.cart, paymentIds: e.paymentIds };
    case 'done':
      return { s: 'done', cart: e.cart };
    case 'off':
      return cartOff;
  }
}

/** The lines to show: the core's notices, or the first quote while the cart is being opened. */
export function cartRows(f: CartFlow): CartRow[] {
  if (f.s === 'off') return [];
  const cart = f.cart;
  if (!cart) {
    const q = 'first' in f ? f.first : null;
    return q
      ? [
          {
            id: q.quoteId,
            noticeNumber: q.noticeNumber,
            fiscalCode: q.fiscalCode,
            creditorName: q.creditorName,
            description: q.description,
            amountCents: q.amountCents,
            feeCents: q.feeCents,
            totalCents: q.totalCents,
          },
        ]
      : [];
  }
  const quotes = 'quotes' in f ? f.quotes : {};
  // Before a method is chosen a notice carries no fee yet: show the quote's (default method) fee.
  const chosen = cart.method !== null || f.s === 'done' || f.s === 'attention';
  return cart.items.map((p) => {
    const q = quotes[p.id];
    const feeCents = chosen || !q ? p.feeCents : q.feeCents;
    return {
      id: p.id,
      noticeNumber: p.noticeNumber,
      fiscalCode: p.fiscalCode,
      creditorName: p.creditorName,
      description: p.description,
      amountCents: p.amountCents,
      feeCents,
      totalCents: p.amountCents + feeCents,
    };
  });
}

/** What each method would cost for the whole cart, and whether every notice allows it. */
export function cartMethods(f: CartFlow): { method: PaymentMethod; totalCents: number; available: boolean }[] {
  const rows = cartRows(f);
  if (rows.length === 0 || f.s === 'off') return [];
  const quotes = 'quotes' in f ? f.quotes : {};
  const qs = rows.map((r) => quotes[r.id]);
  const known = qs.filter((q): q is Quote => q !== undefined);
  const names = (known[0]?.methods ?? []).map((m) => m.method);
  return names.map((method) => {
    let totalCents = 0;
    let available = true;
    rows.forEach((r, i) => {
      const m = qs[i]?.methods.find((x) => x.method === method);
      if (qs[i] && (!m || !m.available)) available = false;
      totalCents += m ? m.totalCents : r.totalCents;
    });
    return { method, totalCents, available };
  });
}

/** The cart's total as shown (the core's once a method is chosen, else amounts + quoted fees). */
export function cartTotal(f: CartFlow): number {
  if (f.s === 'off') return 0;
  if (f.cart && (f.cart.method !== null || f.s === 'done' || f.s === 'attention')) return f.cart.totalCents;
  return cartRows(f).reduce((s, r) => s + r.totalCents, 0);
}
