// Shifts: open with a cash float, cash in/out, X (running) and Z (closing) reports (issue #4 §5;
// pos-practice.md §1.1 Odoo closing control, §1.8 "Session", §2 item 21). Every action is journaled
// in the same transaction as the change it records (issue #4 §4).
import { createHash } from 'node:crypto';
import type { Clock } from '../../../common/clock';
import { canonicalJson } from '../journal/canonical-json';
import { appendJournal } from '../journal/journal';
import { silentLogger, type Logger } from '../log/logger';
import { OperatorError } from '../operators/errors';
import type { OperatorService } from '../operators/operator-service';
import { writeTransaction, type Db } from '../store/database';
import { ShiftError } from './errors';
import { closeWarningMessage } from './report-lines';
import { emptyInputs, PAYMENT_METHODS, type CloseWarningCode, type Report, type ReportInputs, type ReportSource, type ZReport } from './report-types';

export type Shift = { id: number; terminalId: string; openedBy: string; openedAt: string; floatCents: number; closedAt: string | null; closedBy: string | null; zNumber: number | null };
export type CashMovement = { id: number; shiftId: number; kind: 'in' | 'out'; cents: number; reason: string; operatorId: string; at: string };
export type ZSummary = { number: number; shiftId: number; issuedAt: string; issuedBy: string; contentHash: string; warningsAcknowledged: boolean };

type ShiftRow = {
  id: number;
  terminal_id: string;
  opened_by: string;
  opened_at: number;
  float_cents: number;
  closed_at: number | null;
  closed_by: string | null;
  counted_cash_cents: number | null;
  z_number: number | null;
};
type ZRow = {
  terminal_id: string;
  number: number;
  shift_id: number;
  issued_at: number;
  issued_by: string;
  warnings_acknowledged: number;
  report_json: string;
  prev_hash: string;
  content_hash: string;
};

export const Z_GENESIS_HASH = '0'.repeat(64);
const MAX_CENTS = 100_000_000_00; // a drawer never holds a million euro: catches unit mistakes (euro vs cents)

const iso = (ms: number): string => new Date(ms).toISOString();

/** SHA-256 over the previous Z's hash and the canonical report: the Z reports form a chain. */
export function zContentHash(prevHash: string, report: Report): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(report)).digest('hex');
}

export class ShiftService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly terminalId: string;
  private readonly source: ReportSource;
  private readonly operators: OperatorService;
  private readonly log: Logger;

  constructor(opts: { db: Db; clock: Clock; terminalId: string; operators: OperatorService; reportSource?: ReportSource; logger?: Logger }) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.terminalId = opts.terminalId;
    this.operators = opts.operators;
    this.source = opts.reportSource ?? (() => emptyInputs());
    this.log = (opts.logger ?? silentLogger).child('shifts');
  }

  current(): Shift | null {
    const r = this.db.prepare('SELECT * FROM shifts WHERE terminal_id = ? AND closed_at IS NULL').get(this.terminalId) as ShiftRow | undefined;
    return r ? toShift(r) : null;
  }

  get(shiftId: number): Shift | null {
    const r = this.shiftRow(shiftId);
    return r ? toShift(r) : null;
  }

  open(operatorId: string, floatCents: number): Shift {
    this.operators.requireRole(operatorId, 'clerk');
    checkCents(floatCents, 'float', true);
    return writeTransaction(this.db, () => {
      if (this.current()) throw new ShiftError('already-open', `a shift is already open on terminal ${this.terminalId}; close it with a Z report first`);
      const now = this.clock.now();
      const { lastInsertRowid } = this.db.prepare('INSERT INTO shifts (terminal_id, opened_by, opened_at, float_cents) VALUES (?, ?, ?, ?)').run(this.terminalId, operatorId, now, floatCents);
      const id = Number(lastInsertRowid);
      this.journal('shift.opened', operatorId, { shiftId: id, terminalId: this.terminalId, floatCents });
      return toShift(this.shiftRow(id) as ShiftRow);
    });
  }

  /** Cash put into (versamento) or taken out of (prelievo) the drawer outside a payment. */
  cashMovement(shiftId: number, kind: 'in' | 'out', cents: number, reason: string, operatorId: string): CashMovement {
    this.operators.requireRole(operatorId, 'clerk');
    if (kind !== 'in' && kind !== 'out') throw new ShiftError('invalid-input', 'kind must be "in" or "out"');
    checkCents(cents, 'amount', false);
    if (!reason.trim()) throw new ShiftError('invalid-input', 'a cash movement needs a reason');
    return writeTransaction(this.db, () => {
      const s = this.shiftRow(shiftId);
      if (!s || s.terminal_id !== this.terminalId) throw new ShiftError('unknown-shift', `no shift ${shiftId} on terminal ${this.terminalId}`);
      if (s.closed_at !== null) throw new ShiftError('shift-closed', `shift ${shiftId} is closed`);
      const now = this.clock.now();
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO cash_movements (shift_id, kind, cents, reason, operator_id, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(shiftId, kind, cents, reason.trim(), operatorId, now);
      this.journal(kind === 'in' ? 'cash.in' : 'cash.out', operatorId, { shiftId, cents, reason: reason.trim() });
      return { id: Number(lastInsertRowid), shiftId, kind, cents, reason: reason.trim(), operatorId, at: iso(now) };
    });
  }

  cashMovements(shiftId: number): CashMovement[] {
    const rows = this.db.prepare('SELECT * FROM cash_movements WHERE shift_id = ? ORDER BY id').all(shiftId) as {
      id: number;
      shift_id: number;
      kind: 'in' | 'out';
      cents: number;
      reason: string;
      operator_id: string;
      at: number;
    }[];
    return rows.map((r) => ({ id: r.id, shiftId: r.shift_id, kind: r.kind, cents: r.cents, reason: r.reason, operatorId: r.operator_id, at: iso(r.at) }));
  }

  /** Running totals of the open shift (or of `shiftId`); changes nothing. */
  xReport(shiftId?: number): Report {
    const s = shiftId === undefined ? this.openRow() : this.shiftRow(shiftId);
    if (!s || s.terminal_id !== this.terminalId) throw new ShiftError('unknown-shift', `no shift ${String(shiftId)} on terminal ${this.terminalId}`);
    return this.build('X', s, this.clock.now());
  }

  /** What would make the Z report warn: undelivered outcomes, open exceptions, offline payments pending. */
  closeCheck(): { warnings: string[]; codes: CloseWarningCode[] } {
    const s = this.openRow();
    if (!s) throw new ShiftError('no-open-shift', `no shift is open on terminal ${this.terminalId}`);
    const report = this.build('X', s, this.clock.now());
    return { codes: report.warnings, warnings: report.warnings.map((c) => closeWarningMessage(c, report, 'en')) };
  }

  /**
   * Closes the open shift and issues the next Z report (numbered per terminal, immutable, hash-chained,
   * journaled). With warnings and no acknowledgement it refuses — and journals the refusal; closing over
   * warnings needs a supervisor (pos-practice.md §1.1: Odoo blocks closure while orders are unsynced).
   */
  close(operatorId: string, countedCashCents: number, opts: { acknowledgeWarnings: boolean }): ZReport {
    this.operators.requireRole(operatorId, 'clerk');
    checkCents(countedCashCents, 'counted cash', true);
    const refused = writeTransaction(this.db, (): ShiftError | ZReport => {
      const s = this.openRow();
      if (!s) throw new ShiftError('no-open-shift', `no shift is open on terminal ${this.terminalId}`);
      const now = this.clock.now();
      const draft = this.build('Z', s, now);
      if (draft.warnings.length > 0) {
        const texts = draft.warnings.map((c) => closeWarningMessage(c, draft, 'en'));
        if (!opts.acknowledgeWarnings) {
          this.journal('shift.close-refused', operatorId, { shiftId: s.id, warnings: draft.warnings, messages: texts });
          return new ShiftError('warnings-not-acknowledged', `cannot close: ${texts.join('; ')} (acknowledge to close anyway)`, draft.warnings);
        }
        try {
          this.operators.requireRole(operatorId, 'supervisor');
        } catch (err) {
          if (!(err instanceof OperatorError)) throw err;
          this.journal('shift.close-refused', operatorId, { shiftId: s.id, warnings: draft.warnings, messages: texts, reason: 'needs-supervisor' });
          return new ShiftError('warnings-not-acknowledged', `closing over warnings needs a supervisor: ${texts.join('; ')}`, draft.warnings);
        }
      }
      const last = this.db.prepare('SELECT number, content_hash FROM z_reports WHERE terminal_id = ? ORDER BY number DESC LIMIT 1').get(this.terminalId) as
        { number: number; content_hash: string } | undefined;
      const number = (last?.number ?? 0) + 1;
      const prevHash = last?.content_hash ?? Z_GENESIS_HASH;
      const head = this.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const report: Report = {
        ...draft,
        ...(head ? { journalHead: { seq: head.seq, hash: head.hash } } : {}),
        number,
        closedAt: iso(now),
        closedBy: operatorId,
        cashCountedCents: countedCashCents,
        differenceCents: countedCashCents - draft.cashExpectedCents,
        warningsAcknowledged: draft.warnings.length > 0,
      };
      const contentHash = zContentHash(prevHash, report);
      this.db
        .prepare('INSERT INTO z_reports (terminal_id, number, shift_id, issued_at, issued_by, warnings_acknowledged, report_json, prev_hash, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(this.terminalId, number, s.id, now, operatorId, report.warningsAcknowledged ? 1 : 0, canonicalJson(report), prevHash, contentHash);
      this.db.prepare('UPDATE shifts SET closed_at = ?, closed_by = ?, counted_cash_cents = ?, z_number = ? WHERE id = ?').run(now, operatorId, countedCashCents, number, s.id);
      if (report.warningsAcknowledged) this.journal('shift.warnings-acknowledged', operatorId, { shiftId: s.id, zNumber: number, warnings: draft.warnings });
      this.journal('shift.closed', operatorId, { shiftId: s.id, countedCashCents, expectedCashCents: draft.cashExpectedCents, differenceCents: report.differenceCents });
      this.journal('report.z-issued', operatorId, { terminalId: this.terminalId, number, shiftId: s.id, contentHash, prevHash });
      return { ...report, kind: 'Z', number, closedAt: iso(now), prevHash, contentHash };
    });
    if (refused instanceof ShiftError) {
      this.log.warn('shift close refused', { kind: refused.kind, warnings: refused.warnings });
      throw refused;
    }
    this.log.info('Z report issued', { number: refused.number, shiftId: refused.shiftId });
    return refused;
  }

  zReports(): ZSummary[] {
    const rows = this.db.prepare('SELECT * FROM z_reports WHERE terminal_id = ? ORDER BY number').all(this.terminalId) as ZRow[];
    return rows.map((r) => ({
      number: r.number,
      shiftId: r.shift_id,
      issuedAt: iso(r.issued_at),
      issuedBy: r.issued_by,
      contentHash: r.content_hash,
      warningsAcknowledged: r.warnings_acknowledged === 1,
    }));
  }

  /** A stored Z exactly as issued; `intact` is false when its content no longer matches its hash. */
  zReport(number: number): (ZReport & { intact: boolean }) | null {
    const r = this.db.prepare('SELECT * FROM z_reports WHERE terminal_id = ? AND number = ?').get(this.terminalId, number) as ZRow | undefined;
    if (!r) return null;
    const report = JSON.parse(r.report_json) as Report;
    const intact = zContentHash(r.prev_hash, report) === r.content_hash;
    return { ...report, kind: 'Z', number: r.number, closedAt: report.closedAt ?? iso(r.issued_at), prevHash: r.prev_hash, contentHash: r.content_hash, intact };
  }

  private build(kind: 'X' | 'Z', s: ShiftRow, now: number): Report {
    const to = s.closed_at ?? now;
    const inputs: ReportInputs = this.source({ terminalId: this.terminalId, fromMs: s.opened_at, toMs: to + 1 });
    const moves = this.db
      .prepare("SELECT COALESCE(SUM(CASE WHEN kind = 'in' THEN cents END), 0) AS cin, COALESCE(SUM(CASE WHEN kind = 'out' THEN cents END), 0) AS cout FROM cash_movements WHERE shift_id = ?")
      .get(s.id) as { cin: number; cout: number };
    const totals = { count: 0, totalCents: 0, feeCents: 0 };
    for (const m of PAYMENT_METHODS) {
      totals.count += inputs.byMethod[m].count;
      totals.totalCents += inputs.byMethod[m].totalCents;
      totals.feeCents += inputs.byMethod[m].feeCents;
    }
    const cashExpectedCents = s.float_cents + inputs.byMethod.cash.totalCents - inputs.refunds.cash.totalCents + moves.cin - moves.cout;
    const warnings: CloseWarningCode[] = [];
    if (inputs.undeliveredOutcomes > 0) warnings.push('undelivered-outcomes');
    if (inputs.exceptionsOpen > 0) warnings.push('exceptions-open');
    if (inputs.offlinePending.count > 0) warnings.push('offline-pending');
    const report: Report = {
      kind,
      terminalId: s.terminal_id,
      shiftId: s.id,
      openedAt: iso(s.opened_at),
      generatedAt: iso(now),
      operator: s.opened_by,
      floatCents: s.float_cents,
      byMethod: { cash: { ...inputs.byMethod.cash }, card: { ...inputs.byMethod.card } },
      totals,
      refunds: { cash: { ...inputs.refunds.cash }, card: { ...inputs.refunds.card } },
      cashInCents: moves.cin,
      cashOutCents: moves.cout,
      cashExpectedCents,
      offlinePending: { ...inputs.offlinePending },
      offlineTaken: { ...inputs.offlineTaken },
      exceptionsOpen: inputs.exceptionsOpen,
      undeliveredOutcomes: inputs.undeliveredOutcomes,
      voidCount: inputs.voidCount,
      reprintCount: inputs.reprintCount,
      standin: { ...inputs.standin },
      nodeFees: { ...inputs.nodeFees },
      notices: inputs.notices.map((n) => ({ ...n })),
      warnings,
    };
    if (s.closed_at !== null) {
      report.closedAt = iso(s.closed_at);
      if (s.closed_by) report.closedBy = s.closed_by;
      if (s.counted_cash_cents !== null) {
        report.cashCountedCents = s.counted_cash_cents;
        report.differenceCents = s.counted_cash_cents - cashExpectedCents;
      }
    }
    return report;
  }

  private openRow(): ShiftRow | undefined {
    return this.db.prepare('SELECT * FROM shifts WHERE terminal_id = ? AND closed_at IS NULL').get(this.terminalId) as ShiftRow | undefined;
  }

  private shiftRow(id: number): ShiftRow | undefined {
    return this.db.prepare('SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRow | undefined;
  }

  private journal(type: string, operatorId: string, data: Record<string, unknown>): void {
    appendJournal(this.db, { type, operatorId, data, at: iso(this.clock.now()) });
  }
}

function checkCents(cents: number, what: string, zeroOk: boolean): void {
  if (!Number.isInteger(cents) || cents < 0 || (!zeroOk && cents === 0) || cents > MAX_CENTS) {
    throw new ShiftError('invalid-input', `${what} must be a whole number of cents${zeroOk ? '' : ' above zero'} (got ${String(cents)})`);
  }
}

function toShift(r: ShiftRow): Shift {
  return {
    id: r.id,
    terminalId: r.terminal_id,
    openedBy: r.opened_by,
    openedAt: iso(r.opened_at),
    floatCents: r.float_cents,
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    closedBy: r.closed_by,
    zNumber: r.z_number,
  };
}
