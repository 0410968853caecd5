import type { Migration } from './index';

/**
 * Issue #16 §3: X/Z reports and exports stay fast on a year of data. The report queries select a shift's
 * window of collections per terminal; without this index each report scanned every payment ever recorded
 * (the print jobs' index is migration 51, in the print-jobs range).
 */
export const m0015ReportIndexes: Migration = {
  version: 15,
  name: 'report-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX payments_terminal_collected ON payments (terminal_id, collected_at) WHERE collected_at IS NOT NULL;
    `);
  },
};
