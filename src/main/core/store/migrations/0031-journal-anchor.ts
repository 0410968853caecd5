import type { Migration } from './index';

/**
 * Issue #10 §1: the start-up check looks up the entry that recorded the terminal's journal key
 * (journal-anchor.ts). A partial index keeps that lookup instant on a year of entries at no cost to
 * other inserts.
 */
export const m0031JournalAnchor: Migration = {
  version: 31,
  name: 'journal-anchor',
  up(db) {
    db.exec(`CREATE INDEX journal_key_created ON journal (seq) WHERE type = 'journal.key-created';`);
  },
};
