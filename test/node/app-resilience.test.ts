// What goes wrong at a counter or kiosk, through `dispatch`: the node goes down (offline acceptance,
// then sync exactly once), the paper runs out mid-receipt (held job, resume), a kiosk whose printer is
// out of paper goes out of service, and an idle kiosk cancels an activated payment with outcome KO.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import { defaultVirtualDeviceBindings, startVirtualLab, type VirtualLab } from '../../src/main/virtual-lab/virtual-lab';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

type Ledger = { noticeNumber: string; outcome: string; paymentToken: string }[];

let t: TestApp | null = null;
let lab: VirtualLab | null = null;

afterEach(async () => {
  await t?.close();
  await lab?.close();
  if (t) removeDir(t.dataDir);
  t = null;
  lab = null;
});

describe('node down', () => {
  it('accepts offline within policy, prints a provisional receipt, and syncs exactly once when the node is back', async () => {
    t = await startTestApp();
    const { app } = t;
    const nodeAdmin = app.demo!.nodeSimulatorAdmin!;
    await loginClerk(app);
    // Every SOAP call now has its TCP connection reset: the node is unreachable.
    await admin(`${nodeAdmin}faults`, 'POST', { operation: '*', kind: 'reset' });
    const n = DEMO_NOTICES.second;
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: n.qr });
    expect(r).toMatchObject({ kind: 'quote', quote: { verifiedOnline: false, amountCents: n.printedAmountCents, offline: { eligible: true } } });
    // Card is not allowed offline by default (offline.methods = ['cash']).
    expect(r.quote.methods).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'card', available: false }), expect.objectContaining({ method: 'cash', available: true })]));
    const begun = await call(app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    expect(begun).toMatchObject({ offline: true, state: 'pending' });
    const paid = await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 30_000 });
    expect(paid).toMatchObject({ state: 'paid', offline: true, outcome: 'queued' });
    expect(paid.receipt.job.state).toBe('printed');
    const status = await call(app, 'queue/snapshot');
    expect(status).toMatchObject({ pending: 1, entries: [expect.objectContaining({ paymentId: begun.id, kind: 'offline-payment' })] });
    const st = t.events.filter((e) => e.name === 'status/changed').at(-1)!.payload as { node: { online: boolean }; offline: { remainingTotalCents: number }; queue: { pending: number } };
    expect(st.node.online).toBe(false);
    expect(st.queue.pending).toBe(1);
    expect(st.offline.remainingTotalCents).toBe(500_000 - n.printedAmountCents);
    // A sync while the node is still down changes nothing, and says why (issue #11 §8).
    expect(await call(app, 'queue/syncNow')).toMatchObject({ pending: 1, worker: 'offline', run: { online: false, confirmed: 0, lastError: expect.any(String) } });
    expect((await admin(`${nodeAdmin}ledger`)) as Ledger).toEqual([]);

    await admin(`${nodeAdmin}faults`, 'DELETE');
    const after = await call(app, 'queue/syncNow');
    expect(after).toMatchObject({ pending: 0, failed: 0, run: { online: true, confirmed: 1, lastError: null } });
    expect(await call(app, 'payment/get', { paymentId: begun.id })).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    // Further passes send nothing again: the node holds exactly one outcome for the notice.
    await call(app, 'queue/syncNow');
    const ledger = ((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => e.noticeNumber === n.noticeNumber);
    expect(ledger.map((e) => e.outcome)).toEqual(['OK']);
    expect(t.events.some((e) => e.name === 'status/changed' && (e.payload as { node: { online: boolean } }).node.online)).toBe(true);
  });
});

describe('printer', () => {
  it('paper out in the middle of a receipt → job held → paper loaded → resume → printed', async () => {
    // A lab whose printer the test can read back directly (the paper itself is driven via the admin API).
    let printer: VirtualPrinter | null = null;
    lab = await startVirtualLab({
      bindings: {
        ...defaultVirtualDeviceBindings,
        async startVirtualPrinter() {
          const vp = new VirtualPrinter();
          printer = vp;
          const { port } = await vp.listenTcp(0);
          return {
            host: '127.0.0.1',
            port,
            control: { setPaper: (s) => vp.setPaper(s), setCoverOpen: (o) => vp.setCover(o), runOutOfPaperAfter: (b) => vp.runOutOfPaperAfter(b), printedText: () => vp.jobs().map((j) => j.text) },
            close: () => vp.close(),
          };
        },
      },
    });
    // The driver waits for the GS r completion barrier a job cut short never gives: keep that wait short.
    t = await startTestApp({ extra: { lab }, config: { devices: { printer: { barrierTimeoutMs: 1_000 } } } });
    const { app } = t;
    await loginClerk(app);
    const n = DEMO_NOTICES.plain;
    const r = await call(app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    await admin(`${app.demo!.deviceLabAdmin!}/printer/paper-out-after?bytes=300`, 'POST');
    const paid = await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 13_000 });
    // The money and the node's outcome are safe whatever the printer did.
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed', receiptNumber: null });
    expect(paid.receipt.job).toMatchObject({ state: 'held', reason: 'paper-out' });
    const held = await call(app, 'receipt/heldJobs');
    expect(held).toEqual([expect.objectContaining({ id: paid.receipt.job.id, paymentId: begun.id })]);
    const health = await call(app, 'devices/health');
    expect(health.printer).toMatchObject({ state: 'error', code: 'paper-out' });
    // Never an automatic reprint: nothing is sent until a person confirms.
    expect(await callRaw(app, 'receipt/print', { paymentId: begun.id })).toMatchObject({ ok: false, error: { code: 'held' } });
    await admin(`${app.demo!.deviceLabAdmin!}/printer/paper?state=ok`, 'POST');
    const resumed = await call(app, 'receipt/resume', { jobId: paid.receipt.job.id });
    expect(resumed).toMatchObject({ id: paid.receipt.job.id, state: 'printed', copyNumber: 0 });
    expect(await call(app, 'receipt/heldJobs')).toEqual([]);
    expect(await call(app, 'payment/get', { paymentId: begun.id })).toMatchObject({ receiptNumber: begun.id });
    expect(printer!.jobs().at(-1)!.text).toContain('ATTESTAZIONE DI PAGAMENTO');
  });
});

describe('kiosk', () => {
  it('card only; out of service when the printer is out of paper; back in service when loaded', async () => {
    t = await startTestApp({ mode: 'kiosk' });
    const { app } = t;
    const labAdmin = app.demo!.deviceLabAdmin!;
    await call(app, 'devices/health');
    await call(app, 'node/check');
    const last = () => t!.events.filter((e) => e.name === 'status/changed').at(-1)!.payload as { kiosk?: { available: boolean; reasons: string[] } };
    expect(last().kiosk).toEqual({ available: true, reasons: [] });
    const q = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.second.qr });
    expect(q.quote.methods.map((m: { method: string }) => m.method)).toEqual(['card']);
    expect(await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' })).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'method-not-offered' } });
    // Idle timeout after activation: the kiosk cancels and the node gets outcome KO.
    const begun = await call(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'card' });
    expect(await call(app, 'payment/cancel', { paymentId: begun.id })).toMatchObject({ state: 'cancelled' });
    const ledger = ((await admin(`${app.demo!.nodeSimulatorAdmin!}ledger`)) as Ledger).filter((e) => e.noticeNumber === DEMO_NOTICES.second.noticeNumber);
    expect(ledger.map((e) => e.outcome)).toEqual(['KO']);

    await admin(`${labAdmin}/printer/paper?state=out`, 'POST');
    await call(app, 'devices/health');
    expect(last().kiosk).toEqual({ available: false, reasons: ['printer'] });
    expect(await callRaw(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr })).toMatchObject({ ok: false, error: { kind: 'device', code: 'out-of-service' } });
    await admin(`${labAdmin}/printer/paper?state=ok`, 'POST');
    await call(app, 'devices/health');
    expect(last().kiosk).toEqual({ available: true, reasons: [] });
  });
});
