// Every schema change of the app, in one list. Each area owns its own migration files; version numbers
// are allocated by range so areas never collide:
//   1–9 foundation · 10–29 payments/sync · 30–39 journal · 40–49 operators/shifts/reports
//   50–59 print jobs · 60–69 devices · 70–79 settings/ui · 80–89 services catalogue/spontaneous payments
// A migration is applied once, inside the opening transaction, and never edited after release.
import type Database from 'better-sqlite3';
import { m0001Meta } from './0001-meta';
import { m0050PrintJobs } from './0050-print-jobs';
import { m0010Payments } from './0010-payments';
import { m0011NoticeGuard } from './0011-notice-guard';
import { m0012CardApprovals } from './0012-card-approvals';
import { m0013Carts } from './0013-carts';
import { m0015ReportIndexes } from './0015-report-indexes';
import { m0051PrintJobsCreated } from './0051-print-jobs-created';
import { m0014FeesStandinPayer } from './0014-fees-standin-payer';
import { m0030Journal } from './0030-journal';
import { m0031JournalAnchor } from './0031-journal-anchor';
import { m0040Operators } from './0040-operators';
import { m0041Shifts } from './0041-shifts';
import { m0080ServiceCatalogue } from './0080-service-catalogue';

export type Migration = {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
};

export const ALL_MIGRATIONS: readonly Migration[] = [
  m0001Meta,
  m0010Payments,
  m0011NoticeGuard,
  m0012CardApprovals,
  m0013Carts,
  m0015ReportIndexes,
  m0014FeesStandinPayer,
  m0030Journal,
  m0031JournalAnchor,
  m0040Operators,
  m0041Shifts,
  m0050PrintJobs,
  m0051PrintJobsCreated,
  m0080ServiceCatalogue,
];
