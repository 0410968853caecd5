// Drawer openings and reprints reach the audit journal (pos-practice.md §1.8: "append-only journal of
// every action incl. drawer opens, reprints"), through `dispatch` as the UI calls them, with the real
// virtual printer behind TCP; the hash chain stays intact.
import { afterEach, describe, expect, it } from 'vitest';
import { listJournal, verifyJournal } from '../../src/main/core/journal/journal';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  if (t) removeDir(t.dataDir);
  t = null;
});

const entries = (app: TestApp['app'], type: string) => listJournal(app.db).filter((e) => e.type === type);

describe('audit journal: drawer and reprints', () => {
  it('a cash collection journals the drawer opening; a reprint journals the copy; the technician drawer test too', async () => {
    t = await startTestApp();
    const { app } = t;
    await loginClerk(app);
    expect((await app.services.devices.printer.status()).drawerOpen).toBe(false);

    const q = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const begun = await call(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(entries(app, 'drawer.opened')).toEqual([]);
    await call(app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });

    // The pulse really went out (the virtual printer's drawer sensor reports open) and was journaled.
    expect((await app.services.devices.printer.status()).drawerOpen).toBe(true);
    const opened = entries(app, 'drawer.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ paymentId: begun.id, operatorId: 'mario', data: { reason: 'cash-payment', pin: 2 } });

    const copy = await call(app, 'receipt/reprint', { paymentId: begun.id });
    const reprinted = entries(app, 'receipt.reprinted');
    expect(reprinted).toHaveLength(1);
    expect(reprinted[0]).toMatchObject({ paymentId: begun.id, operatorId: 'mario', data: { copyJobId: Number(copy.id), kind: 'payment', supersededHeld: false } });
    const source = reprinted[0]!.data.sourceJobId as number;
    expect(app.services.print.getJob(Number(copy.id))).toMatchObject({ copyOf: source });

    await call(app, 'tech/unlock', { pin: '000000' });
    expect(await call(app, 'devices/diagnostic', { action: 'drawer-open' })).toMatchObject({ ok: true });
    const all = entries(app, 'drawer.opened');
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ paymentId: null, operatorId: 'mario', data: { reason: 'diagnostic', pin: 2 } });

    expect(verifyJournal(app.db)).toMatchObject({ ok: true });
  });

  it('a drawer test that cannot open the drawer is journaled as a failed attempt', async () => {
    t = await startTestApp({ config: { devices: { drawer: { enabled: false } } } });
    const { app } = t;
    await call(app, 'tech/unlock', { pin: '000000' });
    expect(await call(app, 'devices/diagnostic', { action: 'drawer-open' })).toMatchObject({ ok: false });
    expect(entries(app, 'drawer.opened')).toEqual([]);
    const failed = entries(app, 'drawer.open-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ operatorId: 'tech', data: { reason: 'diagnostic', error: expect.stringMatching(/disabled/) } });
    expect(verifyJournal(app.db)).toMatchObject({ ok: true });
  });
});
