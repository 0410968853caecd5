import type { Migration } from './index';

/**
 * A cart: up to 5 notices paid in one collection (issue #12 §1). Each notice stays its own payment with
 * its own token, outcome and exception; the cart row only groups them and carries what belongs to the
 * whole transaction: the method, the cash tendered and the change, and whether it is still open.
 */
export const m0013Carts: Migration = {
  version: 13,
  name: 'carts',
  up(db) {
    db.exec(`
      CREATE TABLE carts (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        terminal_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        operator_id TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'collecting', 'collected', 'cancelled')),
        method TEXT CHECK (method IS NULL OR method IN ('cash', 'card')),
        tendered_cents INTEGER,
        change_cents INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE payments ADD COLUMN cart_id TEXT REFERENCES carts(id);
      CREATE INDEX payments_cart ON payments (cart_id) WHERE cart_id IS NOT NULL;
    `);
  },
};
