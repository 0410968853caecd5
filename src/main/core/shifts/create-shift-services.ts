// Builds the operator and shift services over one database, for the app composition root and the CLI.
// Demo mode only (serve / npm start with the embedded simulator) creates the demo accounts; otherwise no
// operator is ever created implicitly (issue #10 §2).
import type { Clock } from '../../../common/clock';
import type { Logger } from '../log/logger';
import { ensureInitialOperators } from '../operators/ensure-initial-operators';
import { OperatorService, type LockoutPolicy } from '../operators/operator-service';
import type { ScryptParams } from '../operators/pin-hash';
import type { Db } from '../store/database';
import { paymentsReportSource } from './payments-report-source';
import type { ReportSource } from './report-types';
import { ShiftService } from './shift-service';

export type ShiftServices = { operators: OperatorService; shifts: ShiftService; createdOperators: string[] };

export async function createShiftServices(opts: {
  db: Db;
  clock: Clock;
  terminalId: string;
  /** Demo mode (createApp's demoAccounts with the embedded simulator): creates the demo accounts on an empty table. */
  demo: boolean;
  logger?: Logger;
  scryptParams?: ScryptParams;
  lockout?: LockoutPolicy;
  reportSource?: ReportSource;
  /** The database is open read-only (reports, status): create no first-run accounts. */
  readOnly?: boolean;
}): Promise<ShiftServices> {
  const operators = new OperatorService({ db: opts.db, clock: opts.clock, logger: opts.logger, scryptParams: opts.scryptParams, lockout: opts.lockout });
  const createdOperators = opts.readOnly ? [] : await ensureInitialOperators(operators, { demo: opts.demo });
  const shifts = new ShiftService({ db: opts.db, clock: opts.clock, terminalId: opts.terminalId, operators, logger: opts.logger, reportSource: opts.reportSource ?? paymentsReportSource(opts.db) });
  return { operators, shifts, createdOperators };
}
