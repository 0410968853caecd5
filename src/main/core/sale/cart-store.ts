// The carts table (migration 13): a cart groups up to 5 notices paid in one collection (issue #12 §1).
// Each notice stays its own payment (own token, outcome, exception); the cart row carries only what
// belongs to the whole transaction. Every write is journaled in the same transaction, like payments'.
import { appendJournal } from '../journal/journal';
import { writeTransaction, type Db } from '../store/database';
import type { PaymentMethod, TerminalMode } from '../payments/types';

/** pagoPA's terminal gateway pays at most 5 notices per transaction (MIL PreClose.paymentTokens maxItems 5). */
export const MAX_CART_NOTICES = 5;

export type CartStatus = 'open' | 'collected' | 'cancelled';

export type Cart = {
  readonly id: string;
  readonly seq: number;
  readonly terminalId: string;
  readonly channel: TerminalMode;
  readonly operatorId: string | null;
  readonly status: CartStatus;
  readonly method: PaymentMethod | null;
  readonly tenderedCents: number | null;
  readonly changeCents: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
};

type Row = {
  id: string;
  seq: number;
  terminal_id: string;
  channel: TerminalMode;
  operator_id: string | null;
  status: CartStatus;
  method: PaymentMethod | null;
  tendered_cents: number | null;
  change_cents: number | null;
  created_at: number;
  updated_at: number;
};

function toCart(r: Row): Cart {
  return {
    id: r.id,
    seq: r.seq,
    terminalId: r.terminal_id,
    channel: r.channel,
    operatorId: r.operator_id,
    status: r.status,
    method: r.method,
    tenderedCents: r.tendered_cents,
    changeCents: r.change_cents,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class CartStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  get(id: string): Cart | null {
    const r = this.db.prepare('SELECT * FROM carts WHERE id = ?').get(id) as Row | undefined;
    return r ? toCart(r) : null;
  }

  create(terminalId: string, channel: TerminalMode, operatorId: string | null): Cart {
    const now = this.now();
    return writeTransaction(this.db, () => {
      const { next } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM carts').get() as { next: number };
      const id = `${terminalId}-C${String(next).padStart(6, '0')}`;
      this.db
        .prepare('INSERT INTO carts (id, seq, terminal_id, channel, operator_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, next, terminalId, channel, operatorId, 'open', now, now);
      appendJournal(this.db, { type: 'cart.opened', operatorId, data: { cartId: id, channel }, at: new Date(now).toISOString() });
      return this.get(id)!;
    });
  }

  /** The method chosen for the cart's collection (activation of its notices). */
  setMethod(id: string, method: PaymentMethod, operatorId: string | null): void {
    this.write(id, 'cart.method', operatorId, { method }, 'method = ?', [method]);
  }

  /** Closes the cart as collected; cash carries the tendered amount and the change of the whole transaction. */
  markCollected(id: string, operatorId: string | null, cash: { tenderedCents: number; changeCents: number } | null): void {
    if (cash) this.write(id, 'cart.collected', operatorId, cash, "status = 'collected', tendered_cents = ?, change_cents = ?", [cash.tenderedCents, cash.changeCents]);
    else this.write(id, 'cart.collected', operatorId, {}, "status = 'collected'", []);
  }

  markCancelled(id: string, operatorId: string | null, reason: string): void {
    this.write(id, 'cart.cancelled', operatorId, { reason }, "status = 'cancelled'", []);
  }

  private write(id: string, type: string, operatorId: string | null, data: Record<string, unknown>, set: string, values: unknown[]): void {
    const now = this.now();
    writeTransaction(this.db, () => {
      this.db.prepare(`UPDATE carts SET ${set}, updated_at = ? WHERE id = ?`).run(...values, now, id);
      appendJournal(this.db, { type, operatorId, data: { cartId: id, ...data }, at: new Date(now).toISOString() });
    });
  }
}
