// Issue #13 through `dispatch`, as the screens call it: the catalogue (fetched, stored, used while the node
// is unreachable), bollo auto demanded with demandPaymentNotice from the embedded simulator and paid through
// the normal flow with the plate on the receipt, each fault with its message, and never offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp;
let nodeAdmin: string;

beforeAll(async () => {
  t = await startTestApp();
  nodeAdmin = t.app.demo!.nodeSimulatorAdmin!;
  await loginClerk(t.app);
});

afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

const printedTexts = (): string[] => {
  const lab = t.app.services.devices.lab!;
  return 'device' in lab.printer ? (lab.printer.device.printedText?.() ?? []) : [];
};
const bollo = (plate: string, vehicleType = '1', serviceId = '00101') => call(t.app, 'spontaneous/demand', { serviceId, values: { vehicleType, plate } });
const positions = async () => ((await admin(`${nodeAdmin}positions`)) as unknown[]).length;

describe('services catalogue', () => {
  it('is fetched and stored, with validity windows and what this terminal collects', async () => {
    const c = await call(t.app, 'spontaneous/catalogue', { refresh: true });
    expect(c).toMatchObject({ enabled: true, stale: false, lastError: null });
    expect(c.fetchedAt).not.toBeNull();
    const byId = Object.fromEntries(c.entries.map((e: { serviceId: string }) => [e.serviceId, e]));
    expect(byId['00101']).toMatchObject({ creditorName: 'Regione Lazio', xsdRiferimento: 'TassaAutomobilistica_1_1_0', collectable: true, active: true });
    expect(byId['00103']).toMatchObject({ creditorName: 'Regione Piemonte', validTo: '2025-12-31', active: false });
    expect(byId['00104']).toMatchObject({ creditorName: 'Regione Toscana', active: false });
    expect(byId['00201']).toMatchObject({ xsdRiferimento: 'PermessoSostaResidenti_1_0_0', collectable: true });
    const s = await call(t.app, 'spontaneous/services');
    expect(s.services.map((e: { serviceId: string }) => e.serviceId).sort()).toEqual(['00101', '00102', '00201']);
    expect(s.defaults).toEqual({ TassaAutomobilistica_1_1_0: '00101' }); // the terminal's region (Lazio)
    expect(s.forms.map((f: { xsdRiferimento: string }) => f.xsdRiferimento)).toEqual(['TassaAutomobilistica_1_1_0', 'PermessoSostaResidenti_1_0_0']);
  });

  it('the stored copy stays in use when the node is unreachable', async () => {
    await admin(`${nodeAdmin}faults`, 'POST', { operation: 'nodoChiediCatalogoServiziV2', kind: 'reset', count: 1 });
    const c = await call(t.app, 'spontaneous/catalogue', { refresh: true });
    expect(c.lastError).toBe('connection-reset');
    expect(c.entries.length).toBe(5);
  });
});

describe('bollo auto at the counter', () => {
  it('a wrong plate is refused with its reason before anything reaches pagoPA', async () => {
    const before = await positions();
    const r = await bollo('AB1O3CD');
    expect(r.kind).toBe('invalid');
    expect(r.errors).toEqual([expect.objectContaining({ field: 'plate', code: 'plate-letters-ioqu' })]);
    expect(r.errors[0].message.it).toContain('I, O, Q e U');
    expect(r.errors[0].message.en).toContain('I, O, Q and U');
    expect((await bollo('AB12345', '1')).errors[0].code).toBe('plate-is-moto');
    expect((await bollo('AB123CD', '3')).errors[0].code).toBe('vehicle-type');
    expect(await positions()).toBe(before);
  });

  it('demanded, then paid in cash through the normal flow; the receipt shows service and plate', async () => {
    const r = await bollo('ab 123 cd');
    expect(r.kind).toBe('quote');
    expect(r.quote).toMatchObject({ amountCents: 24_530, creditorName: 'Regione Lazio', fiscalCode: '80143490581', verifiedOnline: true });
    expect(r.service).toMatchObject({ serviceId: '00101', summary: 'AB123CD' });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 30_000 });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string; amountCents: number }[];
    expect(ledger.filter((e) => e.noticeNumber === r.quote.noticeNumber)).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: 24_530 })]);
    const receipt = printedTexts().at(-1) ?? '';
    expect(receipt).toContain('ATTESTAZIONE DI PAGAMENTO');
    expect(receipt).toContain('Tassa automobilistica - Regione Lazio');
    expect(receipt).toMatch(/Targa\s+AB123CD/);
    // Paid: asking again for the same plate finds nothing due.
    const again = await bollo('AB123CD');
    expect(again).toMatchObject({ kind: 'refusal', code: 'nothing-due' });
  });

  it('each fault has its message: unknown plate, nothing due, service closed, unknown service', async () => {
    const unknown = await bollo('GH456JK');
    expect(unknown).toMatchObject({ kind: 'refusal', code: 'not-found', faultCode: 'PPT_ERRORE_EMESSO_DA_PAA-PAA_PAGAMENTO_SCONOSCIUTO' });
    expect(unknown.message.it).toContain('GH456JK');
    expect(await bollo('ZZ999ZZ')).toMatchObject({ kind: 'refusal', code: 'nothing-due' });
    await admin(`${nodeAdmin}catalogue/closed`, 'POST', { idSoggettoServizio: '00102', closed: true });
    expect(await bollo('EF456GH', '1', '00102')).toMatchObject({ kind: 'refusal', code: 'service-closed', faultCode: 'PPT_SERVIZIO_NONATTIVO' });
    await admin(`${nodeAdmin}catalogue/closed`, 'POST', { idSoggettoServizio: '00102', closed: false });
    expect(await bollo('EF456GH', '1', '00103')).toMatchObject({ kind: 'refusal', code: 'service-not-active' }); // ended 2025-12-31
    expect(await bollo('EF456GH', '1', '99999')).toMatchObject({ kind: 'refusal', code: 'service-unknown' });
  });

  it('node down → a clear refusal, never an offline payment', async () => {
    const queued = t.app.services.engine.queueSnapshot().pendingCount;
    await admin(`${nodeAdmin}faults`, 'POST', { operation: 'demandPaymentNotice', kind: 'reset', count: 1 });
    const down = await bollo('EF456GH');
    expect(down).toMatchObject({ kind: 'refusal', code: 'node-unreachable' });
    expect(down.message.it).toContain('non possono essere accettati offline');
    expect(down.message.en).toContain('never taken offline');
    // The status bar's node light follows these calls too.
    expect(t.app.services.node.last()).toMatchObject({ online: false, error: 'connection-reset' });
    // The demand answered, then the node went away before verify: still no offline quote.
    await admin(`${nodeAdmin}faults`, 'POST', { operation: 'verifyPaymentNotice', kind: 'reset', count: 1 });
    expect(await bollo('EF456GH')).toMatchObject({ kind: 'refusal', code: 'node-unreachable' });
    // Quoted online, then the node goes away at activation: refused, not turned into an offline payment
    // (a scanned notice would fall back offline here under the counter's policy).
    expect(t.app.services.engine.queueSnapshot().pendingCount).toBe(queued);
    const q = await bollo('EF456GH');
    expect(q.kind).toBe('quote');
    await admin(`${nodeAdmin}faults`, 'POST', { operation: 'activatePaymentNotice', kind: 'reset', count: 1 });
    const begun = await callRaw(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(begun.ok).toBe(false);
    // Left for the sync worker to release with the same key (outcome KO), as any unanswered activation.
    expect(t.app.services.engine.repo.require(q.quote.quoteId)).toMatchObject({ mode: 'online', state: 'activating', collectedAt: null });
    expect(t.app.services.engine.repo.list().filter((p) => p.mode === 'offline')).toEqual([]);
  });

  it('joins a cart with a scanned notice: one cash collection, each notice its own OK outcome', async () => {
    const r = await bollo('RM123456', '1', '00102');
    expect(r).toMatchObject({ kind: 'quote' });
    await call(t.app, 'payment/cancel', { paymentId: r.quote.quoteId }); // alone first, then cancelled: the notice is released
    const inCart = await call(t.app, 'spontaneous/demand', { serviceId: '00102', values: { vehicleType: '1', plate: 'RM 123456' }, cartId: null });
    expect(inCart).toMatchObject({ kind: 'quote', quote: { amountCents: 31_275, creditorName: 'Regione Lombardia' } });
    expect(inCart.cartId).toEqual(expect.any(String));
    const plain = DEMO_NOTICES.plain;
    const added = await call(t.app, 'cart/add', { cartId: inCart.cartId, notice: { source: 'scan', raw: plain.qr } });
    expect(added.cart.items).toHaveLength(2);
    await call(t.app, 'cart/begin', { cartId: inCart.cartId, method: 'cash' });
    const paid = await call(t.app, 'cart/collectCash', { cartId: inCart.cartId, tenderedCents: 60_000 });
    expect(paid.status).toBe('collected');
    type Entry = { noticeNumber: string; outcome: string; amountCents: number };
    const oks = async (noticeNumber: string) => ((await admin(`${nodeAdmin}ledger`)) as Entry[]).filter((e) => e.noticeNumber === noticeNumber && e.outcome === 'OK').length;
    await expect.poll(() => oks(inCart.quote.noticeNumber)).toBe(1);
    await expect.poll(() => oks(plain.noticeNumber)).toBe(1);
  });

  it('the second service works through the same structure', async () => {
    const bad = await call(t.app, 'spontaneous/demand', { serviceId: '00201', values: { permit: 'MI12', year: '2026' } });
    expect(bad).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ field: 'permit' })] });
    const r = await call(t.app, 'spontaneous/demand', { serviceId: '00201', values: { permit: 'mi123456', year: '2026' } });
    expect(r).toMatchObject({ kind: 'quote', quote: { amountCents: 8_000, creditorName: 'Comune di Milano' }, service: { summary: 'MI123456/2026' } });
    await call(t.app, 'payment/cancel', { paymentId: r.quote.quoteId });
  });
});
