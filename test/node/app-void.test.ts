// Void at the counter: an offline payment pagoPA has never seen can be voided by a supervisor (cash back,
// out of the queue, annulment slip printed, journaled); a payment the node has confirmed cannot be
// (nodeForPsp has no reversal), and the UI is told so up front through `voidable`.
import { afterEach, describe, expect, it } from 'vitest';
import { listJournal, verifyJournal } from '../../src/main/core/journal/journal';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  if (t) removeDir(t.dataDir);
  t = null;
});

describe('payment/void', () => {
  it('voids an offline payment never sent to pagoPA: refunded, dequeued, slip printed, never reaches the node', async () => {
    t = await startTestApp();
    const { app } = t;
    const nodeAdmin = app.demo!.nodeSimulatorAdmin!;
    await loginClerk(app);
    await admin(`${nodeAdmin}faults`, 'POST', { operation: '*', kind: 'reset' });
    const n = DEMO_NOTICES.second;
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    const paid = await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 30_000 });
    expect(paid).toMatchObject({ state: 'paid', offline: true, voidable: true });

    const wrongPin = await callRaw(app, 'payment/void', { paymentId: begun.id, reason: 'wrong notice', supervisorPin: '0000' });
    expect(wrongPin.ok).toBe(false);
    const voided = await call(app, 'payment/void', { paymentId: begun.id, reason: 'cliente ha sbagliato avviso', supervisorPin: '5678' });
    expect(voided).toMatchObject({ state: 'voided', voidable: false });
    expect(voided.receipt.job).toMatchObject({ paymentId: begun.id, state: 'printed' });

    const { print, engine } = app.services;
    const slip = print.jobs({ paymentId: begun.id }).at(-1);
    // The annulment slip is an original, even though the provisional receipt was printed before it.
    expect(slip).toMatchObject({
      kind: 'void',
      state: 'printed',
      document: { type: 'receipt', data: { kind: 'void', copy: false, voidReason: 'cliente ha sbagliato avviso', totalCents: paid.totalCents } },
    });
    expect(engine.get(begun.id)).toMatchObject({ state: 'resolved', resolution: expect.objectContaining({ action: 'refund', operatorId: 'anna' }) });
    expect(engine.queueSnapshot().pendingCount).toBe(0);
    expect(listJournal(app.db, { paymentId: begun.id }).map((e) => e.type)).toContain('payment.voided-offline');
    expect(verifyJournal(app.db).ok).toBe(true);

    // The node comes back: nothing about the voided payment is sent.
    await admin(`${nodeAdmin}faults`, 'DELETE');
    await call(app, 'queue/syncNow');
    const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string }[];
    expect(ledger.some((e) => e.noticeNumber === n.noticeNumber)).toBe(false);
  });

  it('refuses to void a payment the node has confirmed, and says so before anyone tries', async () => {
    t = await startTestApp();
    const { app } = t;
    await loginClerk(app);
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const begun = await call(app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    const paid = await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });
    expect(paid).toMatchObject({ state: 'paid', offline: false, voidable: false });
    const refused = await callRaw(app, 'payment/void', { paymentId: begun.id, reason: 'oops', supervisorPin: '5678' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'not-reversible' } });
  });
});
