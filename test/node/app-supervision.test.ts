// Supervisor and technician intents through `dispatch`: the exceptions inbox (offline amount mismatch →
// accept the difference with a supervisor PIN → synced once), void before collection, X report printing,
// and device diagnostics behind the technician unlock.
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

const printed = () => {
  const lab = t.app.services.devices.lab!;
  return 'device' in lab.printer ? (lab.printer.device.printedText?.() ?? []) : [];
};

describe('supervision', () => {
  it('offline payment whose amount changed → exception → supervisor accepts the difference → synced once', async () => {
    const n = DEMO_NOTICES.amountChanged; // QR says 50,00 €; the creditor now asks 54,30 €
    await admin(`${nodeAdmin}faults`, 'POST', { operation: '*', kind: 'reset' });
    const q = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    expect(q.quote).toMatchObject({ verifiedOnline: false, amountCents: n.printedAmountCents });
    const p = await call(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    await call(t.app, 'payment/collectCash', { paymentId: p.id, tenderedCents: 10_000 });
    await admin(`${nodeAdmin}faults`, 'DELETE');
    await call(t.app, 'queue/syncNow');

    const open = await call(t.app, 'exceptions/list');
    expect(open).toEqual([expect.objectContaining({ id: p.id, kind: 'amount-mismatch', status: 'open', actions: ['refund', 'accept-difference'] })]);
    expect(await call(t.app, 'payment/get', { paymentId: p.id })).toMatchObject({ state: 'needs-attention' });
    // A clerk alone cannot decide about money; a wrong supervisor PIN is refused.
    expect(await callRaw(t.app, 'exceptions/resolve', { id: p.id, action: 'accept-difference' })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'supervisor-required' } });
    expect(await callRaw(t.app, 'exceptions/resolve', { id: p.id, action: 'accept-difference', supervisorPin: '0000' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await callRaw(t.app, 'exceptions/resolve', { id: p.id, action: 'mark-collected', supervisorPin: '5678' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const resolved = await call(t.app, 'exceptions/resolve', { id: p.id, action: 'accept-difference', note: 'PSP bears the interest', supervisorPin: '5678' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'accept-difference: PSP bears the interest' });
    await call(t.app, 'queue/syncNow');
    expect(await call(t.app, 'payment/get', { paymentId: p.id })).toMatchObject({ state: 'paid', outcome: 'confirmed', amountCents: n.amountCents });
    expect(await call(t.app, 'exceptions/list')).toEqual([]);
    expect(await call(t.app, 'exceptions/list', { status: 'resolved' })).toEqual([expect.objectContaining({ id: p.id })]);
    const ledger = ((await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string; amountCents: number }[]).filter((e) => e.noticeNumber === n.noticeNumber);
    expect(ledger).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: n.amountCents })]);
  });

  it('void: needs a supervisor, releases an activated notice with KO, refuses once money is taken', async () => {
    const n = DEMO_NOTICES.poste;
    const q = await call(t.app, 'notice/lookup', { source: 'manual', noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode });
    const p = await call(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(await callRaw(t.app, 'payment/void', { paymentId: p.id, reason: 'wrong notice' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await call(t.app, 'payment/void', { paymentId: p.id, reason: 'wrong notice', supervisorPin: '5678' })).toMatchObject({ state: 'cancelled' });
    const ledger = ((await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string }[]).filter((e) => e.noticeNumber === n.noticeNumber);
    expect(ledger.map((e) => e.outcome)).toEqual(['KO']);
    const paidOne = (await call(t.app, 'payment/recent')).find((x: { state: string }) => x.state === 'paid');
    expect(await callRaw(t.app, 'payment/void', { paymentId: paidOne.id, reason: 'x', supervisorPin: '5678' })).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'not-reversible' } });
  });

  it('prints the X report and runs diagnostics only with the technician unlock', async () => {
    expect(await call(t.app, 'shift/current')).not.toBeNull(); // opened by loginClerk
    const job = await call(t.app, 'shift/print', { kind: 'x' });
    expect(job).toMatchObject({ kind: 'report', state: 'printed' });
    expect(printed().at(-1)).toMatch(/\bX\b/);
    expect(await callRaw(t.app, 'devices/diagnostic', { action: 'printer-test' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await call(t.app, 'tech/unlock', { pin: '000000' });
    expect(await call(t.app, 'devices/diagnostic', { action: 'printer-test' })).toMatchObject({ action: 'printer-test', ok: true });
    expect(await call(t.app, 'devices/diagnostic', { action: 'terminal-status' })).toMatchObject({ ok: true });
    expect(await call(t.app, 'devices/diagnostic', { action: 'printer-status' })).toMatchObject({ ok: true, lines: expect.arrayContaining(['state: ready']) });
  });
});
