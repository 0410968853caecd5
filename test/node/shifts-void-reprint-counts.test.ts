// X/Z void and reprint counts: voids a person asked for and copies printed in the shift's window, through
// `dispatch` as the UI calls them, and from the journal/print_jobs directly for what dispatch cannot stage.
import { afterEach, describe, expect, it } from 'vitest';
import { appendJournal } from '../../src/main/core/journal/journal';
import { paymentsReportSource } from '../../src/main/core/shifts/payments-report-source';
import { reportLines } from '../../src/main/core/shifts/report-lines';
import { writeTransaction } from '../../src/main/core/store/database';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';
import { insertPayment, tempDb } from './operators-test-db';

let t: TestApp | null = null;
let db: ReturnType<typeof tempDb> | null = null;
afterEach(async () => {
  await t?.close();
  if (t) removeDir(t.dataDir);
  t = null;
  db?.cleanup();
  db = null;
});

describe('void and reprint counts on X/Z', () => {
  it('counts the clerk cancel and the receipt copies of this shift on X and Z', async () => {
    t = await startTestApp();
    const { app } = t;
    await loginClerk(app); // opens the counter's shift
    expect(await call(app, 'shift/current')).toMatchObject({ openingFloatCents: 10_000 });
    expect(await call(app, 'shift/x')).toMatchObject({ voidCount: 0, reprintCount: 0 });

    const q1 = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const p1 = await call(app, 'payment/begin', { quoteId: q1.quote.quoteId, method: 'cash' });
    // After activation the cancel sends outcome KO (pagopa-psp.md §3.11); the row ends 'voided' (shown 'cancelled').
    expect(await call(app, 'payment/cancel', { paymentId: p1.id, reason: 'citizen changed their mind' })).toMatchObject({ state: 'cancelled' });
    expect(app.services.engine.repo.require(p1.id).state).toBe('voided');

    const q2 = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const p2 = await call(app, 'payment/begin', { quoteId: q2.quote.quoteId, method: 'cash' });
    await call(app, 'payment/collectCash', { paymentId: p2.id, tenderedCents: 20_000 });
    await call(app, 'receipt/reprint', { paymentId: p2.id });
    await call(app, 'receipt/reprint', { paymentId: p2.id });

    expect(await call(app, 'shift/x')).toMatchObject({ count: 1, voidCount: 1, reprintCount: 2 });
    const z = await call(app, 'shift/close', { countedCashCents: 0, acknowledgeWarnings: true });
    expect(z).toMatchObject({ kind: 'z', voidCount: 1, reprintCount: 2 });
  });

  it('leaves out abandoned quotes, node faults, kiosk timeouts, other windows and other terminals', () => {
    db = tempDb();
    const d = db.db;
    const at = (ms: number) => new Date(ms).toISOString();
    const journal = (paymentId: string, ms: number, type: string, operatorId: string | null, data: Record<string, unknown>) =>
      writeTransaction(d, () => appendJournal(d, { type, paymentId, operatorId, data, at: at(ms) }));
    const voided = (terminalId = 'T01') => insertPayment(d, { state: 'voided', amountCents: 1_000, terminalId });

    journal(voided(), 1_500, 'payment.voided', 'mario', { reason: 'cancelled by the operator' }); // counted
    journal(voided(), 1_600, 'payment.cancelling', 'anna', { reason: 'void: wrong notice' }); // counted (KO path)
    journal(voided(), 1_700, 'payment.voided', 'mario', { reason: 'abandoned' }); // abandoned quote
    journal(voided(), 1_700, 'payment.voided', 'mario', { faultCode: 'PPT_PAGAMENTO_SCADUTO' }); // node fault
    journal(voided(), 1_700, 'payment.voided', null, { reason: 'kiosk idle timeout' }); // no person
    journal(voided(), 1_700, 'payment.voided', 'anna', { action: 'mark-not-collected', reason: 'terminal journal' }); // exception
    journal(voided(), 5_000, 'payment.voided', 'mario', { reason: 'cancelled by the operator' }); // later window
    journal(voided('T02'), 1_500, 'payment.voided', 'mario', { reason: 'cancelled by the operator' }); // other terminal
    const stillCancelling = insertPayment(d, { state: 'cancelling', amountCents: 1_000 });
    journal(stillCancelling, 1_500, 'payment.cancelling', 'mario', { reason: 'cancelled by the operator' }); // KO not yet delivered

    const job = (createdMs: number, copyOf: number | null) =>
      Number(
        d
          .prepare(`INSERT INTO print_jobs (kind, payment_id, receipt_data, bytes, state, attempts, created_at, updated_at, copy_of) VALUES ('payment', NULL, '{}', x'00', 'printed', 1, ?, ?, ?)`)
          .run(at(createdMs), at(createdMs), copyOf).lastInsertRowid,
      );
    const original = job(1_100, null);
    job(1_200, original);
    job(1_900, original);
    job(6_000, original); // later window

    const inputs = paymentsReportSource(d)({ terminalId: 'T01', fromMs: 1_000, toMs: 2_000 });
    expect(inputs).toMatchObject({ voidCount: 2, reprintCount: 2 });
  });

  it('prints the counts on the report, and omits them on Z reports issued before they existed', () => {
    const at0 = new Date(0).toISOString();
    const base = {
      kind: 'X' as const,
      terminalId: 'T01',
      shiftId: 1,
      openedAt: at0,
      generatedAt: at0,
      operator: 'mario',
      floatCents: 0,
      byMethod: { cash: { count: 0, totalCents: 0, feeCents: 0 }, card: { count: 0, totalCents: 0, feeCents: 0 } },
      totals: { count: 0, totalCents: 0, feeCents: 0 },
      refunds: { cash: { count: 0, totalCents: 0 }, card: { count: 0, totalCents: 0 } },
      cashInCents: 0,
      cashOutCents: 0,
      cashExpectedCents: 0,
      offlinePending: { count: 0, totalCents: 0 },
      exceptionsOpen: 0,
      undeliveredOutcomes: 0,
      warnings: [],
    };
    expect(reportLines({ ...base, voidCount: 3, reprintCount: 4 }, 'it')).toEqual(
      expect.arrayContaining([
        ['Annulli', '3'],
        ['Ristampe (copie)', '4'],
      ]),
    );
    expect(reportLines({ ...base, voidCount: 3, reprintCount: 4 }, 'en')).toEqual(
      expect.arrayContaining([
        ['Voids', '3'],
        ['Reprints (copies)', '4'],
      ]),
    );
    expect(reportLines(base, 'en').map(([label]) => label)).not.toContain('Voids');
  });
});
