// `sportello pay` with several notices (issue #12 §10): one transaction, a cart, through the core's
// CartSales — the same rules and the same code the counter's cart uses. All notices are verified at once
// and activated before any money moves; a refused one is dropped and the rest is paid; one collection,
// one receipt, and each notice's own result in the JSON.
import type { ParsedNotice } from '../../../common/notice';
import { NODE_CONFIRMED } from '../../core/payments/state-machine';
import type { Payment, PaymentMethod } from '../../core/payments/types';
import type { SaleActor } from '../../core/sale/sale-service';
import { printJson, type CliIo } from '../command';
import { paymentJson, receiptJson, refuse, type PaymentRuntime } from './payment-runtime';

type NoticeResult = { noticeNumber: string; fiscalCode: string; result: 'confirmed' | 'pending' | 'exception' | 'refused'; category?: string; message?: string; payment?: Record<string, unknown> };

function resultOf(p: Payment): NoticeResult['result'] {
  return NODE_CONFIRMED.includes(p.state) ? 'confirmed' : p.state === 'exception' ? 'exception' : 'pending';
}

export async function payCart(io: CliIo, rt: PaymentRuntime, actor: SaleActor, notices: readonly ParsedNotice[], method: PaymentMethod, tendered: number | undefined): Promise<number> {
  const { sale, engine } = rt.app.services;
  const carts = sale.carts;
  const cartId = carts.open(actor).cart.id;
  const results = new Map<string, NoticeResult>();
  const key = (n: { fiscalCode: string; noticeNumber: string }) => `${n.fiscalCode}/${n.noticeNumber}`;
  const { quotes } = await carts.addAll(actor, cartId, notices);
  quotes.forEach((q, i) => {
    const n = notices[i]!;
    if (q.kind === 'refused') results.set(key(n), { noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, result: 'refused', category: q.category, message: q.message });
  });
  if (carts.get(cartId).items.length > 0) {
    const begun = await carts.begin(actor, cartId, method);
    for (const r of begun.refused) {
      const p = r.paymentId ? engine.repo.get(r.paymentId) : null;
      if (p) results.set(key(p), { noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, result: 'refused', category: r.category, message: r.message });
    }
  }
  const ready = carts.get(cartId);
  const report = (extra: Record<string, unknown>) => {
    const items = carts.get(cartId).items;
    for (const p of items) results.set(key(p), { noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, result: resultOf(p), payment: paymentJson(p) });
    const snap = carts.get(cartId);
    printJson(io, {
      status: extra.status,
      embeddedNode: rt.embeddedNode,
      transaction: {
        id: cartId,
        method,
        notices: snap.items.length,
        amountCents: snap.amountCents,
        feeCents: snap.feeCents,
        totalCents: snap.totalCents,
        tenderedCents: snap.cart.tenderedCents,
        changeCents: snap.cart.changeCents,
      },
      notices: notices.map((n) => results.get(key(n))),
      ...extra,
    });
  };
  if (ready.items.length === 0) {
    await carts.cancel(actor, cartId, 'every notice refused');
    return refuse(io, 'refused', 'no notice of the transaction can be paid', { transaction: { id: cartId }, notices: notices.map((n) => results.get(key(n))) });
  }
  for (const r of results.values()) if (r.result === 'refused') io.stderr(`notice ${r.noticeNumber} dropped from the transaction: ${r.message ?? r.category}\n`);
  if (method === 'cash') {
    const done = await carts.collectCash(actor, cartId, tendered ?? ready.totalCents);
    const items = carts.get(cartId).items;
    report({ status: items.every((p) => p.mode === 'offline') ? 'offline' : 'online', changeCents: done.changeCents, drawer: done.drawer, receipt: receiptJson(done.receipt) });
    return items.some((p) => p.state === 'exception') ? 1 : 0;
  }
  const r = await carts.collectCard(actor, cartId);
  if (r.kind === 'declined' || r.kind === 'aborted') {
    await carts.cancel(actor, cartId, `card ${r.kind}`);
    return refuse(io, `card-${r.kind}`, `the card payment was ${r.kind}${r.reason ? `: ${r.reason}` : ''}`, { transaction: { id: cartId } });
  }
  if (r.kind !== 'approved') return refuse(io, 'card-unknown', `the card result is unknown: check the terminal; exceptions on the cart ${cartId}`, { transaction: { id: cartId } });
  const items = carts.get(cartId).items;
  report({ status: items.every((p) => p.mode === 'offline') ? 'offline' : 'online', receipt: receiptJson(r.receipt) });
  return items.some((p) => p.state === 'exception') ? 1 : 0;
}
