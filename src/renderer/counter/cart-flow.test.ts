import { describe, expect, it } from 'vitest';
import type { Cart } from '../../common/ipc/cart';
import type { Quote } from '../../common/ipc/notice';
import type { Payment } from '../../common/ipc';
import { cartAcceptsScan, cartMethods, cartOff, cartReducer, cartRows, cartTotal, type CartFlow } from './cart-flow';

function quote(id: string, amountCents: number, fees = { cash: 200, card: 150 }): Quote {
  return {
    quoteId: id,
    noticeNumber: `30071570000000${id.padStart(4, '0')}`,
    fiscalCode: '00085240950',
    creditorName: `Ente ${id}`,
    description: 'TARI',
    amountCents,
    printedAmountCents: null,
    dueDate: null,
    feeCents: fees.cash,
    totalCents: amountCents + fees.cash,
    methods: [
      { method: 'cash', feeCents: fees.cash, totalCents: amountCents + fees.cash, available: true },
      { method: 'card', feeCents: fees.card, totalCents: amountCents + fees.card, available: true },
    ],
    verifiedOnline: true,
    offline: { eligible: false, reason: null },
    expiresAt: null,
  };
}

function item(q: Quote, feeCents = 0, method: Payment['method'] = 'cash'): Payment {
  return {
    id: q.quoteId,
    noticeNumber: q.noticeNumber,
    fiscalCode: q.fiscalCode,
    creditorName: q.creditorName,
    description: q.description,
    amountCents: q.amountCents,
    feeCents,
    totalCents: q.amountCents + feeCents,
    method,
    state: 'pending',
    outcome: 'none',
    offline: false,
    tenderedCents: null,
    changeCents: null,
    card: null,
    receiptNumber: null,
    operatorId: 'mario',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    error: null,
  };
}

function cart(items: Payment[], method: Cart['method'] = null): Cart {
  const amountCents = items.reduce((s, p) => s + p.amountCents, 0);
  const feeCents = items.reduce((s, p) => s + p.feeCents, 0);
  return { cartId: 'c1', status: 'open', method, items, maxItems: 5, amountCents, feeCents, totalCents: amountCents + feeCents, tenderedCents: null, changeCents: null };
}

const run = (events: Parameters<typeof cartReducer>[1][], from: CartFlow = cartOff) => events.reduce(cartReducer, from);

describe('cart flow', () => {
  const q1 = quote('1', 10_000);
  const q2 = quote('2', 5_000);

  it('shows the first quote until the core holds the cart, then the core list with the quoted fees', () => {
    let f = run([{ t: 'start', first: q1 }, { t: 'add-start' }, { t: 'add-start' }]);
    expect(cartRows(f).map((r) => r.id)).toEqual(['1']);
    expect(cartAcceptsScan(f)).toBe(true);
    f = run([{ t: 'add-end', cart: cart([item(q1)]), quote: q1 }], f);
    // Still verifying the second: no method can be chosen yet.
    expect(run([{ t: 'begin', method: 'cash' }], f).s).toBe('building');
    f = run([{ t: 'add-end', cart: cart([item(q1), item(q2)]), quote: q2 }], f);
    expect(cartRows(f).map((r) => [r.id, r.feeCents])).toEqual([
      ['1', 200],
      ['2', 200],
    ]);
    expect(cartTotal(f)).toBe(15_400);
    expect(cartMethods(f)).toEqual([
      { method: 'cash', totalCents: 15_400, available: true },
      { method: 'card', totalCents: 15_300, available: true },
    ]);
    expect(run([{ t: 'begin', method: 'cash' }], f).s).toBe('begin');
  });

  it('a method unavailable for one notice is unavailable for the cart', () => {
    const offline = { ...q2, methods: q2.methods.map((m) => (m.method === 'card' ? { ...m, available: false } : m)) };
    const f = run([{ t: 'start', first: null }, { t: 'add-start' }, { t: 'add-end', cart: cart([item(q1), item(offline)]), quote: q1 }, { t: 'add-start' }, { t: 'add-end', quote: offline }]);
    expect(cartMethods(f).find((m) => m.method === 'card')?.available).toBe(false);
  });

  it('after activation the core fees and total count; refusals are kept; card waits for a decision when something was refused', () => {
    const building = run([{ t: 'start', first: null }, { t: 'add-start' }, { t: 'add-end', cart: cart([item(q1), item(q2)]), quote: q2 }]);
    const refused = [{ paymentId: '1', noticeNumber: q1.noticeNumber, creditorName: 'Ente 1', message: { tone: 'bad' as const, title: 'Ente 1' } }];
    const card = run(
      [
        { t: 'begin', method: 'card' },
        { t: 'begun', cart: cart([item(q2, 150, 'card')], 'card'), refused },
      ],
      building,
    );
    expect(card).toMatchObject({ s: 'card', running: false, refused });
    expect(cartTotal(card)).toBe(5_150);
    expect(cartRows(card)[0]!.feeCents).toBe(150);
    expect(cartAcceptsScan(card)).toBe(false);
    expect(run([{ t: 'card-start' }], card)).toMatchObject({ s: 'card', running: true });
    const clean = run(
      [
        { t: 'begin', method: 'card' },
        { t: 'begun', cart: cart([item(q2, 150, 'card')], 'card'), refused: [] },
      ],
      building,
    );
    expect(clean).toMatchObject({ s: 'card', running: true });
  });

  it('every notice refused: back to the list (empty) with the refusals and a message; a failed begin keeps the cart', () => {
    const building = run([{ t: 'start', first: null }, { t: 'add-start' }, { t: 'add-end', cart: cart([item(q1)]), quote: q1 }]);
    const refused = [{ paymentId: '1', noticeNumber: q1.noticeNumber, creditorName: 'Ente 1', message: { tone: 'bad' as const, title: 'Ente 1' } }];
    const f = run(
      [
        { t: 'begin', method: 'cash' },
        { t: 'begun', cart: cart([], 'cash'), refused, message: { tone: 'bad', title: 'none' } },
      ],
      building,
    );
    expect(f).toMatchObject({ s: 'building', refused, message: { title: 'none' } });
    expect(cartRows(f)).toEqual([]);
    const failed = run(
      [
        { t: 'begin', method: 'cash' },
        { t: 'begin-failed', message: { tone: 'bad', title: 'ceiling' } },
      ],
      building,
    );
    expect(failed).toMatchObject({ s: 'building', message: { title: 'ceiling' } });
    expect(cartRows(failed).map((r) => r.id)).toEqual(['1']);
  });

  it('progress only for this cart; off from anywhere', () => {
    const building = run([{ t: 'start', first: null }, { t: 'add-start' }, { t: 'add-end', cart: cart([item(q1)]), quote: q1 }]);
    const card = run(
      [
        { t: 'begin', method: 'card' },
        { t: 'begun', cart: cart([item(q1, 150, 'card')], 'card'), refused: [] },
      ],
      building,
    );
    expect(run([{ t: 'progress', cartId: 'other', stage: 'pin' }], card)).toMatchObject({ stage: null });
    expect(run([{ t: 'progress', cartId: 'c1', stage: 'pin' }], card)).toMatchObject({ stage: 'pin' });
    expect(run([{ t: 'off' }], card)).toEqual(cartOff);
  });
});
