import type { Migration } from './index';

/**
 * Print jobs (issue #5 §3): one atomic byte buffer per job, written once; 'printing' at a crash becomes
 * 'held' on restart and is printed again only after a person confirms (pos-practice.md §4, step 3).
 * print_job_events is the audit trail of those human decisions.
 */
export const m0050PrintJobs: Migration = {
  version: 50,
  name: 'print-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('payment','provisional','void','report','test-page')),
        payment_id TEXT,
        receipt_data TEXT NOT NULL,
        bytes BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','printing','printed','held','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        held_state TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        printed_at TEXT,
        copy_of INTEGER REFERENCES print_jobs(id)
      ) STRICT;
      CREATE INDEX print_jobs_state ON print_jobs(state);
      CREATE INDEX print_jobs_payment ON print_jobs(payment_id);
      CREATE TABLE print_job_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id INTEGER NOT NULL REFERENCES print_jobs(id),
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        by TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX print_job_events_job ON print_job_events(job_id);
    `);
  },
};
