import type { Migration } from './index';

// One row per payment (issue #4 §1): the state machine lives in `state`; every change to a row is
// committed together with its journal entry (src/main/core/payments/repository.ts).
// Times are epoch milliseconds from the engine's Clock; money is integer cents.
export const m0010Payments: Migration = {
  version: 10,
  name: 'payments',
  up(db) {
    db.exec(`
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('verified','captured','activating','activated','collecting','collected',
          'confirmed','printed','offline-queued','cancelling','voided','exception','resolved')),
        mode TEXT NOT NULL CHECK (mode IN ('online','offline')),
        channel TEXT NOT NULL CHECK (channel IN ('counter','kiosk')),
        terminal_id TEXT NOT NULL,
        operator_id TEXT,
        boot_id TEXT NOT NULL,
        notice_number TEXT NOT NULL,
        fiscal_code TEXT NOT NULL,
        source TEXT NOT NULL,
        printed_amount_cents INTEGER,
        amount_cents INTEGER,
        fee_cents INTEGER NOT NULL DEFAULT 0,
        method TEXT CHECK (method IN ('cash','card')),
        company_name TEXT,
        description TEXT,
        due_date TEXT,
        ec_fiscal_code TEXT,
        activate_key TEXT,
        payment_token TEXT UNIQUE,
        token_expires_at INTEGER,
        creditor_reference_id TEXT,
        transfers TEXT,
        node_amount_cents INTEGER,
        tendered_cents INTEGER,
        change_cents INTEGER,
        collected_cents INTEGER,
        card TEXT,
        collected_at INTEGER,
        outcome TEXT CHECK (outcome IN ('OK','KO')),
        outcome_key TEXT,
        outcome_attempts INTEGER NOT NULL DEFAULT 0,
        outcome_next_at INTEGER,
        outcome_confirmed_at INTEGER,
        last_error TEXT,
        exception_kind TEXT,
        exception_detail TEXT,
        exception_at INTEGER,
        resolution TEXT,
        receipt_printed_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX payments_state ON payments (state, seq);
      -- At most one payment in flight per notice: the classic offline double-payment guard (pos-practice.md §2A).
      CREATE UNIQUE INDEX payments_notice_in_flight ON payments (fiscal_code, notice_number)
        WHERE state IN ('activating','activated','collecting','collected','offline-queued','cancelling','exception');
    `);
  },
};
