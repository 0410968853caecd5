import type { Migration } from './index';

/** Issue #16 §3: the X/Z reports count the reprints of a shift's window without scanning every job ever printed. */
export const m0051PrintJobsCreated: Migration = {
  version: 51,
  name: 'print-jobs-created',
  up(db) {
    db.exec('CREATE INDEX print_jobs_created ON print_jobs (created_at);');
  },
};
