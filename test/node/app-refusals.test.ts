// Engine refusals through `dispatch`: the UI gets the engine's own category (reason / error code), so it
// can word the refusal in the language on screen (src/common/payment-refusals.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { isPaymentRefusalCategory, paymentRefusalMessage } from '../../src/common/payment-refusals';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  if (t) removeDir(t.dataDir);
  t = null;
});

describe('engine refusals reach the UI with their category', () => {
  it('offline limit on lookup, amount required on begin: reason and code are the engine categories', async () => {
    t = await startTestApp({ config: { offline: { maxAmountCents: 1_000 } } });
    const { app } = t;
    await loginClerk(app);
    await admin(`${app.demo!.nodeSimulatorAdmin!}faults`, 'POST', { operation: '*', kind: 'reset' });

    const n = DEMO_NOTICES.second;
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: n.qr });
    expect(r).toMatchObject({ kind: 'refusal', refusal: { category: 'limit-exceeded', reason: 'offline-limit' } });
    expect(paymentRefusalMessage(r.refusal.reason, 'it', 'clerk')).toMatch(/limiti del pagamento offline/);

    // Typed notice without an amount while the node is down: the clerk must type the printed amount.
    const q = await call(app, 'notice/lookup', { source: 'manual', noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode });
    expect(q).toMatchObject({ kind: 'quote', quote: { verifiedOnline: false, offline: { eligible: true, reason: 'amount-required' } } });
    const begun = await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(begun).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'amount-required' } });
    expect(isPaymentRefusalCategory(begun.ok ? null : begun.error.code)).toBe(true);
    expect(paymentRefusalMessage('amount-required', 'en', 'clerk')).toMatch(/type the amount/);
  });

  it('a kiosk with the node down refuses as offline-disabled', async () => {
    t = await startTestApp({ mode: 'kiosk' });
    const { app } = t;
    await admin(`${app.demo!.nodeSimulatorAdmin!}faults`, 'POST', { operation: '*', kind: 'reset' });
    await call(app, 'node/check');
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    expect(r).toMatchObject({ kind: 'refusal', refusal: { category: 'node-unavailable', reason: 'offline-disabled' } });
  });

  it('a creditor-side "already paid" at activation reaches the UI as already-paid, with the fault code kept', async () => {
    t = await startTestApp();
    const { app } = t;
    await loginClerk(app);
    const q = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    // The EC answers through the node: PPT_ERRORE_EMESSO_DA_PAA wrapping PAA_PAGAMENTO_DUPLICATO (pagopa-psp.md §3.10).
    await admin(`${app.demo!.nodeSimulatorAdmin!}faults`, 'POST', {
      operation: 'activatePaymentNotice',
      kind: 'fault',
      faultCode: 'PPT_ERRORE_EMESSO_DA_PAA',
      originalFaultCode: 'PAA_PAGAMENTO_DUPLICATO',
      count: 1,
    });
    const begun = await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(begun).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'already-paid' } });
    expect(begun.ok ? '' : begun.error.message).toContain('PPT_ERRORE_EMESSO_DA_PAA');
    expect(paymentRefusalMessage('already-paid', 'it', 'clerk')).toMatch(/già pagato/);
  });

  it('a counter takes money only inside an open shift, so every payment lands in exactly one Z', async () => {
    t = await startTestApp();
    const { app } = t;
    await call(app, 'session/login', { operatorId: 'mario', pin: '1234' });
    expect(await call(app, 'shift/current')).toBeNull();
    const q = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const refused = await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'no-open-shift' } });
    await call(app, 'shift/open', { openingFloatCents: 5_000 });
    const begun = await call(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    const paid = await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });
    expect(paid).toMatchObject({ state: 'paid' });
    const x = await call(app, 'shift/x');
    expect(JSON.stringify(x)).toContain(String(paid.totalCents));
  });
});
