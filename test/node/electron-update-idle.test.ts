// The shell's idleness check for silent updates (pos-practice.md §6 "Kiosk gotchas") against a real
// core: SQLite file, embedded node simulator over loopback SOAP, in-process virtual lab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { terminalIdleCheck } from '../../src/main/electron/terminal-idle';
import { call, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await loginClerk(t.app);
});

afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('terminalIdleCheck', () => {
  it('is busy while a payment holds a token or a receipt waits to print, idle once it is closed', async () => {
    const isIdle = terminalIdleCheck(t.app);
    expect(await isIdle()).toBe(true);

    const n = DEMO_NOTICES.plain;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    // A quote alone is not a payment in progress.
    expect(await isIdle()).toBe(true);
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    expect(await isIdle()).toBe(false);
    await call(t.app, 'payment/cancel', { paymentId: begun.id, reason: 'customer left' });
    expect(t.app.services.engine.get(begun.id)?.state).toBe('voided');
    expect(await isIdle()).toBe(true);

    const job = t.app.services.print.enqueueTestPage({ issuedAt: new Date(0).toISOString(), terminalId: 'T01' });
    expect(await isIdle()).toBe(false);
    t.app.services.print.cancel(job.id, 'tech', 'test');
    expect(await isIdle()).toBe(true);
  });
});
