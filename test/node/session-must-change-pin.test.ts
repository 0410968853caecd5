// Issue #10 §2: a PIN someone else chose (seeded, or reset by a supervisor) is changed at first login. The
// rule is the core's: through IPC the operator logs in, but every operator-acting use-case refuses with
// 'must-change-pin' until session/changePin succeeds — the same refusal the CLI meets.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, callRaw, removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  if (t) removeDir(t.dataDir);
  t = null;
});

const refusedMustChange = { ok: false, error: { kind: 'forbidden', code: 'must-change-pin' } };

describe('must-change PIN at first login (core rule, IPC)', () => {
  it('an operator reset by a supervisor logs in, is refused everything but the PIN change, then works', async () => {
    t = await startTestApp();
    const { app } = t;
    // Anna opens the shift and reads a notice, then hands over.
    await call(app, 'session/login', { operatorId: 'anna', pin: '5678' });
    await call(app, 'shift/open', { openingFloatCents: 10_000 });
    const q = await call(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr });
    expect(q.kind).toBe('quote');
    await call(app, 'session/logout');

    await app.services.operators.resetPin('mario', '2468', 'anna');
    const state = await call(app, 'session/login', { operatorId: 'mario', pin: '2468' });
    expect(state).toMatchObject({ operator: { id: 'mario' }, mustChangePin: true });

    // Every way to act is refused by the core, not by the UI.
    expect(await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' })).toMatchObject(refusedMustChange);
    expect(await callRaw(app, 'notice/lookup', { source: 'scan', raw: DEMO_NOTICES.plain.qr })).toMatchObject(refusedMustChange);
    expect(await callRaw(app, 'shift/close', { countedCashCents: 10_000 })).toMatchObject(refusedMustChange);
    // A reprint is journaled under the operator's name: refused before the receipt is even looked for.
    expect(await callRaw(app, 'receipt/reprint', { paymentId: q.quote.quoteId })).toMatchObject(refusedMustChange);

    // The change itself: the core's rules (current PIN, a different PIN, 4–12 digits) stay.
    expect(await callRaw(app, 'session/changePin', { currentPin: '1111', newPin: '9753' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await callRaw(app, 'session/changePin', { currentPin: '2468', newPin: '2468' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await callRaw(app, 'session/changePin', { currentPin: '2468', newPin: '12' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await call(app, 'session/state')).toMatchObject({ mustChangePin: true });
    expect(await call(app, 'session/changePin', { currentPin: '2468', newPin: '9753' })).toMatchObject({ operator: { id: 'mario' }, mustChangePin: false });

    const begun = await callRaw(app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(begun.ok, JSON.stringify(begun)).toBe(true);
    // The new PIN is the one that logs in from now on.
    await call(app, 'session/logout');
    expect(await callRaw(app, 'session/login', { operatorId: 'mario', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
    expect(await call(app, 'session/login', { operatorId: 'mario', pin: '9753' })).toMatchObject({ mustChangePin: false });
  });

  it('shift/open is refused until the change; a reset supervisor PIN authorises nothing', async () => {
    t = await startTestApp();
    const { app } = t;
    const { operators, sale } = app.services;
    await operators.resetPin('mario', '2468', 'anna');
    await call(app, 'session/login', { operatorId: 'mario', pin: '2468' });
    expect(await callRaw(app, 'shift/open', { openingFloatCents: 0 })).toMatchObject(refusedMustChange);
    expect(await call(app, 'shift/current')).toBeNull();
    expect(() => operators.requireRole('mario', 'clerk')).toThrow(expect.objectContaining({ kind: 'must-change-pin' }));
    await call(app, 'session/changePin', { currentPin: '2468', newPin: '9753' });
    expect(await callRaw(app, 'shift/open', { openingFloatCents: 0 })).toMatchObject({ ok: true });

    // A supervisor whose PIN was reset (by the technician) cannot authorise a correction with it.
    await operators.resetPin('anna', '8642', 'tech');
    await expect(sale.requireSupervisor({ operatorId: 'mario' }, '8642', 'anna')).rejects.toMatchObject({ code: 'must-change-pin' });
    await expect(sale.resolveException('anna', 'x', 'refund', 'r')).rejects.toMatchObject({ code: 'must-change-pin' });
    // Changing the own PIN needs no role: it is the one thing left to do.
    await operators.changePin('anna', '8642', '1357');
    await expect(sale.requireSupervisor({ operatorId: 'mario' }, '1357', 'anna')).resolves.toBe('anna');
  });

  it('a reset technician PIN opens neither the technician screen nor the kiosk exit until it is changed', async () => {
    t = await startTestApp();
    const { app } = t;
    const { operators } = app.services;
    // A second technician, added with a PIN the first one chose (as `operators add` does).
    await operators.create({ id: 'tec2', name: 'Second Technician', role: 'technician', pin: '24682468', mustChangePin: true }, 'tech');
    for (const name of ['tech/unlock', 'kiosk/exit', 'tech/devtools'] as const) expect(await callRaw(app, name, { operatorId: 'tec2', pin: '24682468' }), name).toMatchObject(refusedMustChange);
    expect(await call(app, 'session/state')).toMatchObject({ technicianUntil: null });
    await operators.changePin('tec2', '24682468', '13571357');
    expect(await call(app, 'tech/unlock', { operatorId: 'tec2', pin: '13571357' })).toMatchObject({ until: expect.any(Number) });
  });
});
