// Counter payments through `dispatch`, as the UI calls them: real SQLite file, the embedded node
// simulator over loopback SOAP, and the in-process virtual lab behind real TCP sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, eventually, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp;
let nodeAdmin: string;
let labAdmin: string;

beforeAll(async () => {
  t = await startTestApp();
  nodeAdmin = t.app.demo!.nodeSimulatorAdmin!;
  labAdmin = t.app.demo!.deviceLabAdmin!;
  await loginClerk(t.app);
});

afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

const printedTexts = () => {
  const lab = t.app.services.devices.lab!;
  return 'device' in lab.printer ? (lab.printer.device.printedText?.() ?? []) : [];
};

describe('counter payments', () => {
  it('exposes every intent of the contract', () => {
    expect(t.app.missing).toEqual([]);
    expect(nodeAdmin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/$/);
    expect(labAdmin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('cash: quote → begin → collect; outcome OK reaches the node once; receipt printed and previewed', async () => {
    const plain = DEMO_NOTICES.plain;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: plain.qr });
    expect(r.kind).toBe('quote');
    expect(r.quote).toMatchObject({ noticeNumber: plain.noticeNumber, fiscalCode: plain.fiscalCode, amountCents: plain.amountCents, verifiedOnline: true, creditorName: plain.companyName });
    const fee = r.quote.methods.find((m: { method: string }) => m.method === 'cash').feeCents;
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    expect(begun).toMatchObject({ state: 'pending', method: 'cash', amountCents: plain.amountCents, feeCents: fee });
    const textsBefore = printedTexts().length;
    const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed', tenderedCents: 20_000, changeCents: 20_000 - plain.amountCents - fee, receiptNumber: begun.id });
    expect(paid.receipt.job).toMatchObject({ state: 'printed', kind: 'receipt', copyNumber: 0, paymentId: begun.id });
    // The preview is a real PNG rasterised from the job's bytes.
    const png = Buffer.from(paid.receipt.preview.pngDataUrl.split(',')[1], 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(paid.receipt.preview.widthPx);
    expect(paid.receipt.preview.heightPx).toBeGreaterThan(200);

    const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string; paymentToken: string }[];
    const entries = ledger.filter((e) => e.noticeNumber === plain.noticeNumber);
    expect(entries).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: plain.amountCents })]);
    // The bytes reached the virtual printer over TCP: its interpreter saw the SANP attestation with the
    // token the node accepted and our local reference.
    const texts = printedTexts();
    expect(texts.length).toBe(textsBefore + 1);
    expect(texts.at(-1)).toContain('ATTESTAZIONE DI PAGAMENTO');
    expect(texts.at(-1)).toContain(entries[0]!.paymentToken);
    expect(texts.at(-1)).toContain(begun.id);
    expect(t.events.some((e) => e.name === 'payment/changed' && e.payload.id === begun.id && e.payload.state === 'paid')).toBe(true);

    // A second original is refused; a copy is marked COPIA.
    expect(await callRaw(t.app, 'receipt/print', { paymentId: begun.id })).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'already-printed' } });
    const copy = await call(t.app, 'receipt/reprint', { paymentId: begun.id });
    expect(copy).toMatchObject({ kind: 'reprint', copyNumber: 1, state: 'printed' });
    expect(printedTexts().at(-1)).toMatch(/COPIA/);
    const recent = await call(t.app, 'payment/recent', { limit: 5 });
    expect(recent[0]).toMatchObject({ id: begun.id, state: 'paid' });
  });

  it('refuses an already-paid notice clearly, before any payment', async () => {
    const n = DEMO_NOTICES.alreadyPaid;
    const r = await call(t.app, 'notice/lookup', { source: 'manual', noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode });
    expect(r).toMatchObject({ kind: 'refusal', refusal: { category: 'already-paid', faultCode: 'PPT_PAGAMENTO_DUPLICATO' } });
    expect(r.refusal.message).toMatch(/already paid/i);
    const bad = await call(t.app, 'notice/lookup', { source: 'scan', raw: 'PAGOPA|002|123|x|1' });
    expect(bad).toMatchObject({ kind: 'refusal', refusal: { category: 'invalid-code' } });
  });

  it('card via the virtual terminal: progress events, approval, outcome OK, receipt', async () => {
    const n = DEMO_NOTICES.second;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'card' });
    const from = t.events.length;
    const paid = await call(t.app, 'payment/collectCard', { paymentId: begun.id });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed', method: 'card' });
    expect(paid.card.authCode).toMatch(/\S/);
    expect(paid.receipt.job.state).toBe('printed');
    const stages = t.events
      .slice(from)
      .filter((e) => e.name === 'payment/progress')
      .map((e) => (e.payload as { stage: string }).stage);
    expect(stages[0]).toBe('connecting');
    expect(stages).toContain('terminal');
    expect(stages).toContain('approved');
    const state = await admin(`${labAdmin}/state`);
    expect(state.terminal.totals.count).toBeGreaterThanOrEqual(1);
    const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string }[];
    expect(ledger.filter((e) => e.noticeNumber === n.noticeNumber).map((e) => e.outcome)).toEqual(['OK']);
  });

  it('declined card → back to pending; cancel sends outcome KO and reopens the notice', async () => {
    await admin(`${labAdmin}/terminal/scenario?name=decline`, 'POST');
    const n = DEMO_NOTICES.multiTransfer;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'card' });
    const declined = await call(t.app, 'payment/collectCard', { paymentId: begun.id });
    expect(declined).toMatchObject({ state: 'pending', error: { kind: 'declined' } });
    await admin(`${labAdmin}/terminal/scenario?name=approve`, 'POST');
    const cancelled = await call(t.app, 'payment/cancel', { paymentId: begun.id, reason: 'customer left' });
    expect(cancelled.state).toBe('cancelled');
    const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string }[];
    expect(ledger.filter((e) => e.noticeNumber === n.noticeNumber).map((e) => e.outcome)).toEqual(['KO']);
    // The position is open again: a new quote works.
    expect(await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr })).toMatchObject({ kind: 'quote' });
  });

  it('node/check verifies the demo notice and reports latency; devices/health is live', async () => {
    const c = await call(t.app, 'node/check');
    // The demo notice was paid above: the node's answer (a fault) still proves it is reachable.
    expect(c).toMatchObject({ online: true, endpoint: 'embedded simulator', error: null, outcome: 'PPT_PAGAMENTO_DUPLICATO' });
    expect(c.latencyMs).toBeGreaterThanOrEqual(0);
    const h = await call(t.app, 'devices/health');
    expect(h.printer.state).toBe('ok');
    expect(h.terminal.state).toBe('ok');
    await eventually(() => t.events.some((e) => e.name === 'status/changed' && e.payload.node.online), 'status online');
  });
});
