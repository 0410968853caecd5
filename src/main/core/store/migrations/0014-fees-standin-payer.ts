import type { Migration } from './index';

/**
 * Issue #12 §4–§6, on each payment (one notice):
 * - standin: the node's `standin` flag from verify, then activate (NULL = the node did not say; 1 = paid
 *   through Stand-In, reported with outcome code 4, pagopa-extra.md §d);
 * - fee_source 'fixed' (the terminal's table) or 'node' (GEC suggestedUserFee applied), with the creditor's
 *   share and the bundle ids sent back in sendPaymentOutcomeV2 details (pagopa-extra.md §c);
 * - payer: the optional payer (JSON {type F|G, id, fullName, email?}) sent in details.payer (§f).
 */
export const m0014FeesStandinPayer: Migration = {
  version: 14,
  name: 'fees-standin-payer',
  up(db) {
    db.exec(`
      ALTER TABLE payments ADD COLUMN standin INTEGER CHECK (standin IS NULL OR standin IN (0, 1));
      ALTER TABLE payments ADD COLUMN fee_source TEXT NOT NULL DEFAULT 'fixed' CHECK (fee_source IN ('fixed', 'node'));
      ALTER TABLE payments ADD COLUMN pa_fee_cents INTEGER;
      ALTER TABLE payments ADD COLUMN id_bundle TEXT;
      ALTER TABLE payments ADD COLUMN id_ci_bundle TEXT;
      ALTER TABLE payments ADD COLUMN payer TEXT;
    `);
  },
};
