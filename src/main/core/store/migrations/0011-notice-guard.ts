import type { Migration } from './index';

/**
 * The one-payment-in-flight-per-notice guard no longer counts 'cancelling' rows. A cancelling row only
 * owes the node a KO for a token it abandoned (no money is held), and recovery must be able to send that
 * KO while the clerk has already taken a new payment of the same notice: the crash harness found the
 * old index refusing exactly that transition after a restart.
 */
export const m0011NoticeGuard: Migration = {
  version: 11,
  name: 'notice-guard-without-cancelling',
  up(db) {
    db.exec(`
      DROP INDEX payments_notice_in_flight;
      CREATE UNIQUE INDEX payments_notice_in_flight ON payments (fiscal_code, notice_number)
        WHERE state IN ('activating','activated','collecting','collected','offline-queued','exception');
    `);
  },
};
