// Issue #12 §6–§7 through the UI's IPC (`dispatch`) on the real app (embedded simulator, virtual lab):
// optional payer data validated in the core and kept until collection; the cash ceiling per transaction;
// the refusals' categories the renderer words (payment options shown, revenue stamp, cash ceiling).
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dataDir);
  }
  t = null;
});

async function quote(app: TestApp['app'], qr: string) {
  const r = await call(app, 'notice/lookup', { source: 'scan', raw: qr });
  if (r.kind !== 'quote') throw new Error(`expected a quote: ${JSON.stringify(r)}`);
  return r.quote;
}

describe('payer (issue #12 §6)', () => {
  it('validated in the core: a wrong check character is refused; a codice fiscale with omocodia or a partita IVA is kept; not after collection', async () => {
    t = await startTestApp();
    await loginClerk(t.app);
    const q = await quote(t.app, DEMO_NOTICES.plain.qr);
    expect(q).toMatchObject({ payerOffered: true, feeFinal: true, standin: false, paymentOptions: [{ amountCents: 12_350, options: 'EQ' }] });
    const bad = await callRaw(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: 'RSSMRA85T10A562X', fullName: 'Mario Rossi' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'payer-id-check' } });
    const badVat = await callRaw(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: '01199250159', fullName: 'Ditta' } });
    expect(badVat).toMatchObject({ ok: false, error: { code: 'payer-id-check' } });
    const badMail = await callRaw(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: '01199250158', fullName: 'Ditta', email: 'not an e-mail' } });
    expect(badMail).toMatchObject({ ok: false, error: { code: 'payer-email-invalid' } });
    expect((await call(t.app, 'payment/get', { paymentId: q.quoteId })).payer).toBeNull();
    // Omocodia (letters for the last digits), lower case and spaces are normalised.
    const p = await call(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: ' rssmra85t10a5snt ', fullName: '  Mario   Rossi ', email: 'mario@example.it' } });
    expect(p.payer).toEqual({ type: 'F', id: 'RSSMRA85T10A5SNT', fullName: 'Mario Rossi', email: 'mario@example.it' });
    await call(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
    const company = await call(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: '01199250158', fullName: 'Comune & Figli S.r.l.' } });
    expect(company.payer).toEqual({ type: 'G', id: '01199250158', fullName: 'Comune & Figli S.r.l.' });
    const paid = await call(t.app, 'payment/collectCash', { paymentId: q.quoteId, tenderedCents: 20_000 });
    expect(paid.state).toBe('paid');
    const late = await callRaw(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: null });
    expect(late).toMatchObject({ ok: false, error: { code: 'payer-too-late' } });
    expect((await call(t.app, 'payment/get', { paymentId: q.quoteId })).payer).toMatchObject({ id: '01199250158' });
  });

  it('a kiosk refuses payer data unless configured (payer.kioskAsks)', async () => {
    t = await startTestApp({ mode: 'kiosk' });
    await call(t.app, 'node/check'); // a kiosk sells only once it has seen the node up
    const q = await quote(t.app, DEMO_NOTICES.plain.qr);
    expect(q.payerOffered).toBe(false);
    expect(await callRaw(t.app, 'payment/setPayer', { paymentId: q.quoteId, payer: { id: '01199250158', fullName: 'Ditta' } })).toMatchObject({ ok: false, error: { code: 'payer-not-offered' } });
    await t.close();
    removeDir(t.dataDir);
    t = await startTestApp({ mode: 'kiosk', config: { payer: { kioskAsks: true } } });
    await call(t.app, 'node/check');
    const q2 = await quote(t.app, DEMO_NOTICES.plain.qr);
    expect(q2.payerOffered).toBe(true);
    expect((await call(t.app, 'payment/setPayer', { paymentId: q2.quoteId, payer: { id: '01199250158', fullName: 'Ditta' } })).payer).toMatchObject({ type: 'G' });
  });
});

describe('limits and refusals (issue #12 §7)', () => {
  it('cash above the ceiling is refused before activation; the card is still offered', async () => {
    t = await startTestApp({ config: { limits: { cashMaxCents: 10_000 } } });
    await loginClerk(t.app);
    const q = await quote(t.app, DEMO_NOTICES.plain.qr);
    const r = await callRaw(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
    expect(r).toMatchObject({ ok: false, error: { code: 'cash-ceiling' } });
    expect((await call(t.app, 'payment/get', { paymentId: q.quoteId })).state).toBe('pending');
    expect(t.app.services.engine.repo.require(q.quoteId).state).toBe('verified');
    const card = await call(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'card' });
    expect(card.method).toBe('card');
  });

  it("with pagoPA's fee the final total is checked again before the cash is taken", async () => {
    // Table fee 0 → estimate €123,50 ≤ €124,00; pagoPA's fee €1,00 → €124,50 > €124,00.
    t = await startTestApp({ config: { limits: { cashMaxCents: 12_400 }, fees: { policy: 'node', counter: { cash: 0, card: 0 } } } });
    await loginClerk(t.app);
    const q = await quote(t.app, DEMO_NOTICES.plain.qr);
    expect(q.feeFinal).toBe(false);
    const begun = await call(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
    expect(begun).toMatchObject({ feeCents: 100, feeSource: 'node', totalCents: 12_450 });
    const r = await callRaw(t.app, 'payment/collectCash', { paymentId: q.quoteId, tenderedCents: 20_000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'cash-ceiling' } });
    expect(t.app.services.engine.repo.require(q.quoteId)).toMatchObject({ state: 'activated', collectedAt: null });
    expect((await call(t.app, 'payment/cancel', { paymentId: q.quoteId })).state).toBe('cancelled');
  });

  it('several payment options: a refusal listing all of them; a revenue stamp: refused at begin, nothing collected', async () => {
    t = await startTestApp();
    await loginClerk(t.app);
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.instalments.qr });
    expect(r).toMatchObject({ kind: 'refusal', refusal: { category: 'not-payable', reason: 'payment-options' } });
    expect(r.refusal.paymentOptions.map((o: { amountCents: number }) => o.amountCents)).toEqual([60_000, 30_000, 30_000]);
    const q = await quote(t.app, DEMO_NOTICES.revenueStamp.qr);
    const b = await callRaw(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
    expect(b).toMatchObject({ ok: false, error: { code: 'revenue-stamp' } });
    expect((await call(t.app, 'payment/get', { paymentId: q.quoteId })).state).toBe('cancelled');
  });
});

describe('transfers/export on the technician screen (issue #12 §8)', () => {
  it('needs the technician unlock; gives the same rows as the CLI for a confirmed payment', async () => {
    t = await startTestApp();
    await loginClerk(t.app);
    const q = await quote(t.app, DEMO_NOTICES.multiTransfer.qr);
    await call(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
    await call(t.app, 'payment/collectCash', { paymentId: q.quoteId, tenderedCents: 40_000 });
    await t.app.services.engine.settle(q.quoteId);
    const day = new Date().toISOString().slice(0, 10);
    const locked = await callRaw(t.app, 'transfers/export', { from: day, to: day, format: 'json' });
    expect(locked.ok).toBe(false);
    await call(t.app, 'tech/unlock', { pin: '000000' });
    const r = await call(t.app, 'transfers/export', { from: day, to: day, format: 'json' });
    expect(r).toMatchObject({ count: 3, amountCents: 31_000, fileName: `transfers-T01-${day}-${day}.json` });
    const x = JSON.parse(r.content);
    expect(x.rows.map((row: { creditorFiscalCode: string; iban: string }) => row.creditorFiscalCode)).toEqual(['02438750586', '80034390585', '80143490581']);
    const csv = await call(t.app, 'transfers/export', { from: day, to: day, format: 'csv' });
    expect(csv.content.split('\r\n').filter((l: string) => l.startsWith('transfer,'))).toHaveLength(3);
    expect(await callRaw(t.app, 'transfers/export', { from: day, to: '2000-01-01', format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });
});

describe('X report on screen (issue #12 §4–§5)', () => {
  it("shows Stand-In, pagoPA's fees and every notice with its own fee", async () => {
    t = await startTestApp({ config: { fees: { policy: 'node' } } });
    await loginClerk(t.app);
    const before = await call(t.app, 'shift/x');
    expect(before).toMatchObject({ standinCount: 0, nodeFeeCents: 0, notices: [] });
    for (const qr of [DEMO_NOTICES.standin.qr, DEMO_NOTICES.second.qr]) {
      const q = await quote(t.app, qr);
      expect(q.standin).toBe(qr === DEMO_NOTICES.standin.qr);
      await call(t.app, 'payment/begin', { quoteId: q.quoteId, method: 'cash' });
      await call(t.app, 'payment/collectCash', { paymentId: q.quoteId, tenderedCents: 50_000 });
    }
    const x = await call(t.app, 'shift/x');
    // Stand-In notice: Comune di Milano pays €0,50 of the €1,50 bundle; ACI pays nothing of it.
    expect(x).toMatchObject({ standinCount: 1, standinCents: 18_100, nodeFeeCents: 100 + 150, feeCents: 250 });
    expect(x.notices.map((n: { noticeNumber: string; feeCents: number; feeSource: string; standin: boolean }) => [n.noticeNumber, n.feeCents, n.feeSource, n.standin])).toEqual([
      [DEMO_NOTICES.standin.noticeNumber, 100, 'node', true],
      [DEMO_NOTICES.second.noticeNumber, 150, 'node', false],
    ]);
  });
});
