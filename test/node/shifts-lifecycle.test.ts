import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { ensureInitialOperators } from '../../src/main/core/operators/ensure-initial-operators';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { ShiftError } from '../../src/main/core/shifts/errors';
import { paymentsReportSource } from '../../src/main/core/shifts/payments-report-source';
import { reportLayout, reportLines } from '../../src/main/core/shifts/report-lines';
import { ShiftService } from '../../src/main/core/shifts/shift-service';
import { FAST_SCRYPT, insertPayment, journalTypes, tempDb } from './operators-test-db';

let t: ReturnType<typeof tempDb>;
let clock: ManualClock;
let shifts: ShiftService;

beforeEach(async () => {
  t = tempDb();
  clock = new ManualClock();
  const operators = new OperatorService({ db: t.db, clock, scryptParams: FAST_SCRYPT });
  await ensureInitialOperators(operators, { demo: true });
  shifts = new ShiftService({ db: t.db, clock, terminalId: 'T01', operators, reportSource: paymentsReportSource(t.db) });
});
afterEach(() => t.cleanup());

const errKind = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof ShiftError ? err.kind : `other: ${String(err)}`;
  }
  return undefined;
};

describe('shift lifecycle', () => {
  it('opens one shift per terminal with a float, records cash in/out, journals each step', () => {
    expect(shifts.current()).toBeNull();
    const s = shifts.open('mario', 15_000);
    expect(s).toMatchObject({ terminalId: 'T01', openedBy: 'mario', floatCents: 15_000, closedAt: null });
    expect(errKind(() => shifts.open('anna', 0))).toBe('already-open');
    clock.advance(60_000);
    shifts.cashMovement(s.id, 'in', 5_000, 'resto dalla banca', 'mario');
    shifts.cashMovement(s.id, 'out', 12_000, 'versamento in cassaforte', 'anna');
    expect(errKind(() => shifts.cashMovement(s.id, 'out', 0, 'x', 'mario'))).toBe('invalid-input');
    expect(errKind(() => shifts.cashMovement(s.id, 'out', 100, '  ', 'mario'))).toBe('invalid-input');
    expect(shifts.cashMovements(s.id).map((m) => [m.kind, m.cents])).toEqual([
      ['in', 5_000],
      ['out', 12_000],
    ]);
    expect(journalTypes(t.db).filter((x) => !x.startsWith('operator.'))).toEqual(['shift.opened', 'cash.in', 'cash.out']);
  });

  it('refuses an unknown operator and a non-integer float', () => {
    expect(() => shifts.open('ghost', 100)).toThrow(/no operator ghost/);
    expect(errKind(() => shifts.open('mario', 10.5))).toBe('invalid-input');
    expect(errKind(() => shifts.open('mario', -1))).toBe('invalid-input');
  });

  it('X report totals come from the payment rows collected during the shift', () => {
    const opened = clock.now();
    insertPayment(t.db, { state: 'confirmed', method: 'cash', amountCents: 9_999, collectedAt: opened - 1 }); // before the shift
    const s = shifts.open('mario', 10_000);
    clock.advance(1_000);
    const at = clock.now();
    insertPayment(t.db, { state: 'printed', method: 'cash', amountCents: 5_000, collectedAt: at });
    insertPayment(t.db, { state: 'confirmed', method: 'cash', amountCents: 2_550, collectedAt: at });
    insertPayment(t.db, { state: 'offline-queued', mode: 'offline', method: 'cash', amountCents: 1_000, collectedAt: at });
    insertPayment(t.db, { state: 'printed', method: 'card', amountCents: 30_000, collectedAt: at });
    insertPayment(t.db, { state: 'voided', method: 'cash', amountCents: 7_000, collectedAt: at }); // money given back
    insertPayment(t.db, { state: 'resolved', method: 'card', amountCents: 4_000, collectedAt: at, resolution: { action: 'refund', at } }); // collected and refunded now
    insertPayment(t.db, { state: 'resolved', method: 'card', amountCents: 4_500, collectedAt: at, resolution: { action: 'accept-difference', at } });
    insertPayment(t.db, { state: 'exception', method: 'card', amountCents: 800, collectedAt: at });
    insertPayment(t.db, { state: 'collected', method: 'cash', amountCents: 100, collectedAt: at });
    insertPayment(t.db, { state: 'activated', method: null as unknown as 'cash', amountCents: 6_000 }); // not collected
    insertPayment(t.db, { state: 'printed', method: 'cash', amountCents: 77_700, collectedAt: at, terminalId: 'T02' }); // other terminal
    insertPayment(t.db, { state: 'resolved', method: 'cash', amountCents: 2_000, collectedAt: opened - 5, resolution: { action: 'refund', at } }); // earlier shift, refunded now
    shifts.cashMovement(s.id, 'out', 2_000, 'prelievo', 'mario');
    const x = shifts.xReport();
    expect(x.kind).toBe('X');
    expect(x.byMethod.cash).toEqual({ count: 4, totalCents: 5_200 + 2_750 + 1_200 + 300, feeCents: 800 });
    expect(x.byMethod.card).toEqual({ count: 4, totalCents: 30_200 + 4_200 + 4_700 + 1_000, feeCents: 800 });
    expect(x.totals).toEqual({ count: 8, totalCents: 9_450 + 40_100, feeCents: 1_600 });
    expect(x.refunds).toEqual({ cash: { count: 1, totalCents: 2_200 }, card: { count: 1, totalCents: 4_200 } });
    expect(x.cashExpectedCents).toBe(10_000 + 9_450 - 2_200 - 2_000);
    expect(reportLines(x, 'it')).toContainEqual(['Rimborsi contanti (n. 1)', '-€ 22,00']);
    expect(x.offlinePending).toEqual({ count: 1, totalCents: 1_200 });
    expect(x.exceptionsOpen).toBe(1);
    expect(x.undeliveredOutcomes).toBe(1);
    expect(x.warnings).toEqual(['undelivered-outcomes', 'exceptions-open', 'offline-pending']);
    expect(x.cashCountedCents).toBeUndefined();
    // X changes nothing.
    expect(shifts.current()?.closedAt).toBeNull();
    expect(journalTypes(t.db).filter((x2) => x2.startsWith('report.'))).toEqual([]);
  });

  it('prints in Italian and English with euro amounts', () => {
    shifts.open('mario', 10_000);
    insertPayment(t.db, { state: 'printed', method: 'cash', amountCents: 123_456, feeCents: 200, collectedAt: clock.now() });
    const x = shifts.xReport();
    const it = reportLayout(x, 'it');
    expect(it.title).toBe('RAPPORTO X (PARZIALE)');
    expect(it.lines).toContainEqual(['Contanti (n. 1)', '€ 1.236,56']);
    expect(it.lines).toContainEqual(['Fondo cassa', '€ 100,00']);
    expect(it.lines).toContainEqual(['Contanti attesi', '€ 1.336,56']);
    const en = reportLines(x, 'en');
    expect(en).toContainEqual(['Cash (no. 1)', '€1,236.56']);
    expect(en).toContainEqual(['Undelivered outcomes', '0']);
  });
});
