import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { verifyJournal } from '../../src/main/core/journal/journal';
import { reportLines } from '../../src/main/core/shifts/report-lines';
import { ensureInitialOperators } from '../../src/main/core/operators/ensure-initial-operators';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { ShiftError } from '../../src/main/core/shifts/errors';
import { paymentsReportSource } from '../../src/main/core/shifts/payments-report-source';
import { ShiftService, zContentHash, Z_GENESIS_HASH } from '../../src/main/core/shifts/shift-service';
import type { Report } from '../../src/main/core/shifts/report-types';
import { FAST_SCRYPT, insertPayment, journalTypes, tempDb } from './operators-test-db';

let t: ReturnType<typeof tempDb>;
let clock: ManualClock;
let operators: OperatorService;
let shifts: ShiftService;

beforeEach(async () => {
  t = tempDb();
  clock = new ManualClock();
  operators = new OperatorService({ db: t.db, clock, scryptParams: FAST_SCRYPT });
  await ensureInitialOperators(operators, { demo: true });
  shifts = new ShiftService({ db: t.db, clock, terminalId: 'T01', operators, reportSource: paymentsReportSource(t.db) });
});
afterEach(() => t.cleanup());

function closeError(fn: () => unknown): ShiftError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ShiftError) return err;
    throw err;
  }
  throw new Error('expected a ShiftError');
}

describe('Z report', () => {
  it('closes the shift with counted vs expected cash and numbers Z reports 1, 2, 3 per terminal', () => {
    for (let n = 1; n <= 3; n++) {
      shifts.open('mario', 10_000);
      clock.advance(1_000);
      insertPayment(t.db, { state: 'printed', method: 'cash', amountCents: 5_000 * n, collectedAt: clock.now() });
      clock.advance(1_000);
      const z = shifts.close('mario', 10_000 + 5_000 * n + 150, { acknowledgeWarnings: false });
      expect(z).toMatchObject({ kind: 'Z', number: n, cashExpectedCents: 10_000 + 5_000 * n + 200, cashCountedCents: 10_000 + 5_000 * n + 150, differenceCents: -50, warnings: [] });
      expect(z.byMethod.cash.count).toBe(1); // only this shift's payment
      expect(shifts.current()).toBeNull();
      expect(shifts.get(z.shiftId)?.zNumber).toBe(n);
    }
    expect(shifts.zReports().map((z) => z.number)).toEqual([1, 2, 3]);
    // The slip carries the journal's head at issue (issue #10 §1): paper evidence of the chain.
    const z3 = shifts.zReport(3)!;
    const head = t.db.prepare("SELECT seq, hash FROM journal WHERE seq < (SELECT seq FROM journal WHERE type = 'shift.closed' ORDER BY seq DESC LIMIT 1) ORDER BY seq DESC LIMIT 1").get() as {
      seq: number;
      hash: string;
    };
    expect(z3.journalHead).toEqual(head);
    expect(reportLines(z3, 'it')).toContainEqual(['Registro eventi fino a', `n. ${head.seq} ${head.hash.slice(0, 16)}`]);
    // Another terminal sharing the file has its own sequence.
    const other = new ShiftService({ db: t.db, clock, terminalId: 'T02', operators });
    other.open('anna', 0);
    expect(other.close('anna', 0, { acknowledgeWarnings: false }).number).toBe(1);
  });

  it('refuses to close when nothing is open', () => {
    expect(closeError(() => shifts.close('mario', 0, { acknowledgeWarnings: false })).kind).toBe('no-open-shift');
  });

  it('is immutable: UPDATE and DELETE on z_reports fail, as do out-of-sequence inserts and changes to the closed shift', () => {
    shifts.open('mario', 100);
    const z = shifts.close('mario', 100, { acknowledgeWarnings: false });
    expect(() => t.db.prepare('UPDATE z_reports SET report_json = ? WHERE number = 1').run('{}')).toThrow(/immutable/);
    expect(() => t.db.prepare('DELETE FROM z_reports').run()).toThrow(/immutable/);
    expect(() => t.db.prepare('UPDATE shifts SET counted_cash_cents = 0 WHERE id = ?').run(z.shiftId)).toThrow(/closed and immutable/);
    shifts.open('mario', 100);
    const s2 = shifts.current()!;
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO z_reports (terminal_id, number, shift_id, issued_at, issued_by, warnings_acknowledged, report_json, prev_hash, content_hash) VALUES ('T01', 3, ?, 0, 'mario', 0, '{}', '', '')",
        )
        .run(s2.id),
    ).toThrow(/out of sequence/);
    expect(() => shifts.cashMovement(z.shiftId, 'in', 100, 'late', 'mario')).toThrow(/closed/);
  });

  it('stores the report exactly as issued, hash-chained to the previous Z', () => {
    shifts.open('mario', 100);
    const z1 = shifts.close('mario', 100, { acknowledgeWarnings: false });
    shifts.open('mario', 200);
    const z2 = shifts.close('mario', 150, { acknowledgeWarnings: false });
    expect(z1.prevHash).toBe(Z_GENESIS_HASH);
    expect(z2.prevHash).toBe(z1.contentHash);
    const { prevHash: _p, contentHash: _c, ...body } = z2;
    expect(zContentHash(z2.prevHash, body as Report)).toBe(z2.contentHash);
    const stored = shifts.zReport(2)!;
    expect(stored.intact).toBe(true);
    expect(stored).toMatchObject({ number: 2, differenceCents: -50, contentHash: z2.contentHash });
    expect(shifts.zReport(99)).toBeNull();
    // Tampering with the stored JSON (dropping the trigger first, as a person with a SQLite shell could) is detected.
    t.db.exec('DROP TRIGGER z_reports_immutable_u');
    t.db.prepare('UPDATE z_reports SET report_json = replace(report_json, \'"cashCountedCents":150\', \'"cashCountedCents":200\') WHERE number = 2').run();
    expect(shifts.zReport(2)!.intact).toBe(false);
  });

  it('with undelivered outcomes or open exceptions: refused without acknowledgement, recorded with it', () => {
    shifts.open('mario', 0);
    insertPayment(t.db, { state: 'collected', method: 'cash', amountCents: 1_000, collectedAt: clock.now() });
    insertPayment(t.db, { state: 'exception', method: 'card', amountCents: 2_000, collectedAt: clock.now() });
    expect(shifts.closeCheck().codes).toEqual(['undelivered-outcomes', 'exceptions-open']);
    expect(shifts.closeCheck().warnings[0]).toMatch(/1 payment outcome/);

    const refused = closeError(() => shifts.close('mario', 1_200, { acknowledgeWarnings: false }));
    expect(refused.kind).toBe('warnings-not-acknowledged');
    expect(refused.warnings).toEqual(['undelivered-outcomes', 'exceptions-open']);
    // A clerk may not close over warnings; a supervisor may.
    expect(closeError(() => shifts.close('mario', 1_200, { acknowledgeWarnings: true })).message).toMatch(/needs a supervisor/);
    expect(shifts.current()).not.toBeNull();
    expect(shifts.zReports()).toEqual([]);

    const z = shifts.close('anna', 1_200, { acknowledgeWarnings: true });
    expect(z).toMatchObject({ number: 1, warningsAcknowledged: true, warnings: ['undelivered-outcomes', 'exceptions-open'], undeliveredOutcomes: 1, exceptionsOpen: 1, closedBy: 'anna' });
    expect(shifts.zReports()[0]?.warningsAcknowledged).toBe(true);

    const types = journalTypes(t.db).filter((x) => x !== 'test.fixture' && !x.startsWith('operator.'));
    expect(types).toEqual(['shift.opened', 'shift.close-refused', 'shift.close-refused', 'shift.warnings-acknowledged', 'shift.closed', 'report.z-issued']);
    const zEntry = t.db.prepare("SELECT operator_id, data FROM journal WHERE type = 'report.z-issued'").get() as { operator_id: string; data: string };
    expect(zEntry.operator_id).toBe('anna');
    expect(JSON.parse(zEntry.data)).toMatchObject({ number: 1, terminalId: 'T01', contentHash: z.contentHash });
    expect(verifyJournal(t.db).ok).toBe(true);
  });

  it('X report of a closed shift shows the counted cash', () => {
    const s = shifts.open('mario', 5_000);
    shifts.close('mario', 4_900, { acknowledgeWarnings: false });
    clock.advance(3_600_000);
    insertPayment(t.db, { state: 'printed', method: 'cash', amountCents: 1_000, collectedAt: clock.now() }); // after close
    const x = shifts.xReport(s.id);
    expect(x).toMatchObject({ cashCountedCents: 4_900, differenceCents: -100, byMethod: { cash: { count: 0 } } });
  });
});
