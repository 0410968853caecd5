// Issue #11 §13, the core's side of small counter defects, through `dispatch` as the UI calls it:
// "Ultimi pagamenti" lists payments, not quotes nobody paid; a wrong PIN says how many tries are left
// (and a lockout until when); the virtual lab's card terminal reports an id worth printing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

const printedTexts = () => {
  const lab = t.app.services.devices.lab!;
  return 'device' in lab.printer ? (lab.printer.device.printedText?.() ?? []) : [];
};

describe('counter details (issue #11 §13)', () => {
  it('a wrong PIN says how many attempts are left; the lockout says until when', async () => {
    const first = await callRaw(t.app, 'session/login', { operatorId: 'mario', pin: '0000' });
    expect(first).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'wrong-pin', params: { attemptsLeft: 4 } } });
    expect(await callRaw(t.app, 'session/login', { operatorId: 'mario', pin: '0001' })).toMatchObject({ ok: false, error: { params: { attemptsLeft: 3 } } });
    // An unknown id gets the same code, with no count (the core keeps none for it).
    const unknown = await callRaw(t.app, 'session/login', { operatorId: 'nobody', pin: '0000' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'wrong-pin' } });
    expect(unknown.ok === false && unknown.error.params).toBeFalsy();
    // Five wrong PINs lock the supervisor (nobody needs her in this file), and the answer says until when.
    let last = await callRaw(t.app, 'session/login', { operatorId: 'anna', pin: '0000' });
    for (let i = 0; i < 4; i++) last = await callRaw(t.app, 'session/login', { operatorId: 'anna', pin: '0000' });
    expect(last).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'locked', params: { lockedUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } } });
    await loginClerk(t.app);
  });

  it('"Ultimi pagamenti" leaves out quotes nobody paid and keeps every payment a method was chosen for', async () => {
    // A quote looked at and left (the clerk pressed Esc): no method, no money.
    const left = await call(t.app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.poste.qr });
    expect(left.kind).toBe('quote');
    // A payment begun and cancelled: listed (as cancelled).
    const cancelled = await call(t.app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.second.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: cancelled.quote.quoteId, method: 'cash' });
    await call(t.app, 'payment/cancel', { paymentId: begun.id, reason: 'operator' });
    // A paid one.
    const q = await call(t.app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    const p = await call(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    await call(t.app, 'payment/collectCash', { paymentId: p.id, tenderedCents: 100_000 });
    // Another quote left on screen, the newest row of all.
    const newest = await call(t.app, 'notice/lookup', { source: 'manual', noticeNumber: DEMO_NOTICES.amountChanged.noticeNumber, fiscalCode: DEMO_NOTICES.amountChanged.fiscalCode });
    expect(newest.kind).toBe('quote');

    const recent = await call<{ id: string; state: string }[]>(t.app, 'payment/recent', { limit: 2 });
    // The limit counts payments, not quotes: the two newest payments, the quotes skipped.
    expect(recent.map((r) => r.id)).toEqual([p.id, begun.id]);
    expect(recent.map((r) => r.state)).toEqual(['paid', 'cancelled']);
    const all = await call<{ id: string }[]>(t.app, 'payment/recent');
    const ids = all.map((r) => r.id);
    expect(ids).not.toContain(left.quote.quoteId);
    expect(ids).not.toContain(newest.quote.quoteId);
  });

  it('a card receipt from the virtual terminal prints its terminal id, not zeros', async () => {
    const n = DEMO_NOTICES.multiTransfer;
    const q = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    expect(q.kind).toBe('quote');
    const p = await call(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'card' });
    const paid = await call(t.app, 'payment/collectCard', { paymentId: p.id });
    expect(paid).toMatchObject({ state: 'paid' });
    const receipt = printedTexts().at(-1) ?? '';
    expect(receipt).toMatch(/Terminale POS\s+\d{8}/);
    expect(receipt).not.toMatch(/Terminale POS\s+0{8}/);
  });
});
