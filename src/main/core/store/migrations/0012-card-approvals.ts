import type { Migration } from './index';

/**
 * Every approval a card terminal reports is recorded on its own, before the payment's transition that
 * should follow (issue #9 §3): if that transition conflicts or fails, or the process dies right after,
 * the approval (amount, authorisation code, terminal, time) is still on disk and recovery completes the
 * payment from it instead of asking a person to guess.
 */
export const m0012CardApprovals: Migration = {
  version: 12,
  name: 'card-approvals',
  up(db) {
    db.exec(`
      CREATE TABLE card_approvals (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        amount_cents INTEGER NOT NULL,
        auth_code TEXT,
        stan TEXT,
        masked_pan TEXT,
        circuit TEXT,
        terminal_id TEXT,
        approved_at INTEGER NOT NULL
      );
      CREATE INDEX card_approvals_payment ON card_approvals (payment_id);
    `);
  },
};
