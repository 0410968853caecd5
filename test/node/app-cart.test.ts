// Carts (issue #12 §1–3) through `dispatch`, as the counter calls them: up to 5 notices verified into one
// cart, activated together, one collection, one outcome per token, one receipt. Real SQLite file, the
// embedded node simulator over loopback SOAP, the in-process virtual lab.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildQrPayload } from '../../src/common/notice';
import { generatePositions, type SimPosition } from '../../src/main/node-sim/simulator';
import { admin, call, callRaw, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

type Ledger = { noticeNumber: string; outcome: string; paymentToken: string; amountCents: number }[];

let t: TestApp | null = null;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dataDir);
    t = null;
  }
});

/** `n` open notices of the simulator's bench creditor with small amounts (under the cash ceiling together). */
async function seedNotices(nodeAdmin: string, n: number, seed: number): Promise<(SimPosition & { qr: string })[]> {
  const positions = generatePositions(n, seed).map((p, i) => ({ ...p, amountCents: 2_000 + i * 1_000 }));
  await admin(`${nodeAdmin}positions`, 'POST', { positions });
  return positions.map((p) => ({ ...p, qr: buildQrPayload({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: p.amountCents }) }));
}

async function start(config: Record<string, unknown> = {}): Promise<{ app: TestApp['app']; nodeAdmin: string }> {
  t = await startTestApp({ config });
  await loginClerk(t.app);
  return { app: t.app, nodeAdmin: t.app.demo!.nodeSimulatorAdmin! };
}

async function fillCart(app: TestApp['app'], qrs: readonly string[]): Promise<string> {
  let cartId: string | undefined;
  for (const raw of qrs) {
    const r = await call(app, 'cart/add', { ...(cartId ? { cartId } : {}), notice: { source: 'scan', raw } });
    expect(r.result.kind).toBe('quote');
    cartId = r.cart.cartId;
  }
  return cartId!;
}

const printedTexts = (app: TestApp['app']): string[] => {
  const lab = app.services.devices.lab!;
  return 'device' in lab.printer ? (lab.printer.device.printedText?.() ?? []) : [];
};

describe('a cart of notices', () => {
  it('5 notices in cash: one collection, one outcome OK per token, one receipt listing every notice', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 5, 101);
    const cartId = await fillCart(
      app,
      notices.map((n) => n.qr),
    );
    const open = await call(app, 'cart/get', { cartId });
    expect(open).toMatchObject({ status: 'open', maxItems: 5, amountCents: notices.reduce((s, n) => s + n.amountCents, 0) });
    expect(open.items.map((p: { noticeNumber: string }) => p.noticeNumber)).toEqual(notices.map((n) => n.noticeNumber));

    const begun = await call(app, 'cart/begin', { cartId, method: 'cash' });
    expect(begun.refused).toEqual([]);
    expect(begun.items.every((p: { state: string; method: string }) => p.state === 'pending' && p.method === 'cash')).toBe(true);
    const total = begun.totalCents as number;
    const paid = await call(app, 'cart/collectCash', { cartId, tenderedCents: total + 1_000 });
    expect(paid).toMatchObject({ status: 'collected', tenderedCents: total + 1_000, changeCents: 1_000 });
    expect(paid.items.every((p: { state: string; outcome: string }) => p.state === 'paid' && p.outcome === 'confirmed')).toBe(true);
    expect(paid.receipt.job.state).toBe('printed');

    const ledger = ((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => notices.some((n) => n.noticeNumber === e.noticeNumber));
    expect(ledger.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(new Set(ledger.map((e) => e.noticeNumber)).size).toBe(5);
    const text = printedTexts(app).at(-1)!;
    expect(text).toContain('ATTESTAZIONE DI PAGAMENTO');
    for (const e of ledger) expect(text).toContain(e.paymentToken);
    expect(text).toContain(cartId);

    // Any notice of the cart has the cart's one receipt: a copy asked for the third is the cart's, marked COPIA.
    const third = paid.items[2].id as string;
    expect(await callRaw(app, 'receipt/print', { paymentId: third })).toMatchObject({ ok: false, error: { code: 'already-printed' } });
    const copy = await call(app, 'receipt/reprint', { paymentId: third });
    expect(copy).toMatchObject({ state: 'printed', copyNumber: 1 });
    const copyText = printedTexts(app).at(-1)!;
    expect(copyText).toContain('COPIA');
    for (const e of ledger) expect(copyText).toContain(e.paymentToken);
  });

  it('refuses a sixth notice before asking the node, and a notice twice', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 6, 102);
    const cartId = await fillCart(
      app,
      notices.slice(0, 5).map((n) => n.qr),
    );
    const sixth = await callRaw(app, 'cart/add', { cartId, notice: { source: 'scan', raw: notices[5]!.qr } });
    expect(sixth).toMatchObject({ ok: false, error: { code: 'cart-full' } });
    await call(app, 'cart/remove', { cartId, paymentId: (await call(app, 'cart/get', { cartId })).items[0].id });
    const again = await callRaw(app, 'cart/add', { cartId, notice: { source: 'scan', raw: notices[1]!.qr } });
    expect(again).toMatchObject({ ok: false, error: { code: 'cart-duplicate' } });
    expect((await call(app, 'cart/add', { cartId, notice: { source: 'scan', raw: notices[5]!.qr } })).cart.items).toHaveLength(5);
  });

  it('one refused activation: that notice leaves the cart, the rest is paid; cancel sends KO for every token', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 3, 103);
    const cartId = await fillCart(
      app,
      notices.map((n) => n.qr),
    );
    await admin(`${nodeAdmin}faults`, 'POST', { operation: 'activatePaymentNotice', kind: 'fault', faultCode: 'PPT_PAGAMENTO_IN_CORSO', count: 1 });
    const begun = await call(app, 'cart/begin', { cartId, method: 'cash' });
    expect(begun.refused).toHaveLength(1);
    expect(begun.items).toHaveLength(2);
    const paid = await call(app, 'cart/collectCash', { cartId, tenderedCents: begun.totalCents });
    expect(paid.items.map((p: { outcome: string }) => p.outcome)).toEqual(['confirmed', 'confirmed']);

    const more = await seedNotices(nodeAdmin, 2, 104);
    const second = await fillCart(
      app,
      more.map((n) => n.qr),
    );
    const activated = await call(app, 'cart/begin', { cartId: second, method: 'cash' });
    expect(activated.refused).toEqual([]);
    const cancelled = await call(app, 'cart/cancel', { cartId: second });
    expect(cancelled).toMatchObject({ status: 'cancelled', items: [] });
    const ledger = ((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => more.some((n) => n.noticeNumber === e.noticeNumber));
    expect(ledger.map((e) => e.outcome)).toEqual(['KO', 'KO']);
  });

  it('card: one charge for the total on the terminal, each notice its own approval share', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 3, 105);
    const cartId = await fillCart(
      app,
      notices.map((n) => n.qr),
    );
    const begun = await call(app, 'cart/begin', { cartId, method: 'card' });
    const paid = await call(app, 'cart/collectCard', { cartId });
    expect(paid).toMatchObject({ status: 'collected', totalCents: begun.totalCents });
    expect(paid.items.every((p: { outcome: string; card: { authCode: string } }) => p.outcome === 'confirmed' && p.card?.authCode)).toBe(true);
    const approvals = paid.items.map((p: { id: string }) => app.services.engine.repo.cardApprovalFor(p.id)!);
    expect(approvals.reduce((s: number, a: { amountCents: number }) => s + a.amountCents, 0)).toBe(begun.totalCents);
    expect(new Set(approvals.map((a: { authCode?: string }) => a.authCode)).size).toBe(1);
  });

  it('offline cart: the total counts against the exposure; after the node returns one notice is already paid → one exception, the others confirmed', async () => {
    const { app, nodeAdmin } = await start({ offline: { maxTotalCents: 30_000 } });
    const notices = await seedNotices(nodeAdmin, 5, 106); // 2 000 + … + 6 000 = 20 000 cents
    await admin(`${nodeAdmin}faults`, 'POST', { operation: '*', kind: 'reset' });
    const cartId = await fillCart(
      app,
      notices.map((n) => n.qr),
    );
    const begun = await call(app, 'cart/begin', { cartId, method: 'cash' });
    expect(begun.amountCents).toBe(20_000);
    const paid = await call(app, 'cart/collectCash', { cartId, tenderedCents: begun.totalCents });
    expect(paid.items.every((p: { offline: boolean; outcome: string }) => p.offline && p.outcome === 'queued')).toBe(true);
    expect(paid.receipt.job.state).toBe('printed');
    expect(printedTexts(app).at(-1)).toContain('RICEVUTA PROVVISORIA');

    // A second offline cart over the exposure left (10 000 cents) is refused as a whole.
    const over = await seedNotices(nodeAdmin, 3, 107); // 9 000 cents + …
    await admin(`${nodeAdmin}positions`, 'POST', { positions: over.map((p) => ({ ...p, amountCents: 4_000 })) });
    const overCart = await fillCart(
      app,
      over.map((n) => buildQrPayload({ noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, amountCents: 4_000 })),
    );
    const overBegun = await call(app, 'cart/begin', { cartId: overCart, method: 'cash' });
    const refused = await callRaw(app, 'cart/collectCash', { cartId: overCart, tenderedCents: overBegun.totalCents });
    expect(refused).toMatchObject({ ok: false, error: { code: 'offline-limit' } });
    await call(app, 'cart/cancel', { cartId: overCart });

    // Meanwhile the citizen paid the third notice elsewhere.
    await admin(`${nodeAdmin}positions`, 'POST', { positions: [{ ...notices[2]!, status: 'paid' }] });
    await admin(`${nodeAdmin}faults`, 'DELETE');
    await call(app, 'queue/syncNow');
    const after = await call(app, 'cart/get', { cartId });
    const states = after.items.map((p: { state: string; outcome: string }) => `${p.state}/${p.outcome}`);
    expect(states.filter((s: string) => s === 'paid/confirmed')).toHaveLength(4);
    expect(after.items[2]).toMatchObject({ noticeNumber: notices[2]!.noticeNumber, state: 'needs-attention' });
    const ledger = ((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => notices.some((n) => n.noticeNumber === e.noticeNumber));
    expect(ledger.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK']);
  });

  it('a notice quoted on its own joins a cart as it is (cart/adopt), under the same limits', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 2, 109);
    const alone = await call(app, 'notice/lookup', { source: 'scan', raw: notices[0]!.qr });
    const cart = await call(app, 'cart/adopt', { paymentId: alone.quote.quoteId });
    expect(cart.items.map((p: { id: string }) => p.id)).toEqual([alone.quote.quoteId]);
    // Once in a cart it cannot join another one, and the same notice is never twice in a cart.
    expect(await callRaw(app, 'cart/adopt', { paymentId: alone.quote.quoteId })).toMatchObject({ ok: false });
    const again = await call(app, 'notice/lookup', { source: 'scan', raw: notices[0]!.qr });
    expect(await callRaw(app, 'cart/adopt', { cartId: cart.cartId, paymentId: again.quote.quoteId })).toMatchObject({ ok: false, error: { code: 'cart-duplicate' } });
    await call(app, 'cart/add', { cartId: cart.cartId, notice: { source: 'scan', raw: notices[1]!.qr } });
    const begun = await call(app, 'cart/begin', { cartId: cart.cartId, method: 'cash' });
    const paid = await call(app, 'cart/collectCash', { cartId: cart.cartId, tenderedCents: begun.totalCents });
    expect(paid.items.map((p: { outcome: string }) => p.outcome)).toEqual(['confirmed', 'confirmed']);
  });

  it('every step needs an open shift and an operator, as for a single notice', async () => {
    t = await startTestApp();
    const { app } = t;
    await call(app, 'session/login', { operatorId: 'mario', pin: '1234' });
    const notices = await seedNotices(app.demo!.nodeSimulatorAdmin!, 1, 108);
    const r = await call(app, 'cart/add', { notice: { source: 'scan', raw: notices[0]!.qr } });
    expect(await callRaw(app, 'cart/begin', { cartId: r.cart.cartId, method: 'cash' })).toMatchObject({ ok: false, error: { code: 'no-open-shift' } });
  });

  it('payer (issue #12 §6): set on the cart, it reaches every notice and every outcome details.payer, a later notice too; refused once the money is taken', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 3, 110);
    const cartId = await fillCart(
      app,
      notices.slice(0, 2).map((n) => n.qr),
    );
    // The shared rules: a wrong check character is refused and nothing is written.
    expect(await callRaw(app, 'cart/setPayer', { cartId, payer: { id: 'RSSMRA85T10A562X', fullName: 'Mario Rossi' } })).toMatchObject({ ok: false, error: { code: 'payer-id-check' } });
    expect((await call(app, 'cart/get', { cartId })).items.map((p: { payer: unknown }) => p.payer)).toEqual([null, null]);
    const set = await call(app, 'cart/setPayer', { cartId, payer: { id: ' rssmra85t10a5snt ', fullName: ' Mario  Rossi ', email: 'mario@example.it' } });
    const payer = { type: 'F', id: 'RSSMRA85T10A5SNT', fullName: 'Mario Rossi', email: 'mario@example.it' };
    expect(set.payer).toEqual(payer);
    expect(set.items.map((p: { payer: unknown }) => p.payer)).toEqual([payer, payer]);
    // A notice added afterwards gets the cart's payer.
    const third = await call(app, 'cart/add', { cartId, notice: { source: 'scan', raw: notices[2]!.qr } });
    expect(third.cart.items.map((p: { payer: unknown }) => p.payer)).toEqual([payer, payer, payer]);

    const sent = vi.spyOn(app.services.node.observed, 'sendPaymentOutcome');
    const begun = await call(app, 'cart/begin', { cartId, method: 'cash' });
    expect(begun.refused).toEqual([]);
    const paid = await call(app, 'cart/collectCash', { cartId, tenderedCents: begun.totalCents });
    expect(paid.items.map((p: { outcome: string }) => p.outcome)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    const oks = sent.mock.calls.map((c) => c[0]).filter((r) => r.outcome === 'OK');
    expect(oks).toHaveLength(3);
    for (const r of oks) expect(r.details?.payer).toEqual(payer);
    expect(await callRaw(app, 'cart/setPayer', { cartId, payer: null })).toMatchObject({ ok: false, error: { code: 'payer-too-late' } });
    expect((await call(app, 'cart/get', { cartId })).payer).toEqual(payer);
  });

  it('payer: the quote on screen carries its payer into the cart it becomes (verified again, or adopted as it is)', async () => {
    const { app, nodeAdmin } = await start();
    const notices = await seedNotices(nodeAdmin, 4, 111);
    const company = { type: 'G', id: '01199250158', fullName: 'Ditta Rossi' };
    // The counter verifies the quote on screen again into the new cart: payerFrom names that quote.
    const alone = await call(app, 'notice/lookup', { source: 'scan', raw: notices[0]!.qr });
    await call(app, 'payment/setPayer', { paymentId: alone.quote.quoteId, payer: { id: '01199250158', fullName: 'Ditta Rossi' } });
    const first = await call(app, 'cart/add', { notice: { source: 'scan', raw: notices[0]!.qr }, payerFrom: alone.quote.quoteId });
    expect(first.cart.payer).toEqual(company);
    const second = await call(app, 'cart/add', { cartId: first.cart.cartId, notice: { source: 'scan', raw: notices[1]!.qr } });
    expect(second.cart.items.map((p: { payer: unknown }) => p.payer)).toEqual([company, company]);
    // Cleared on the cart: cleared on every notice.
    const cleared = await call(app, 'cart/setPayer', { cartId: first.cart.cartId, payer: null });
    expect(cleared.payer).toBeNull();
    expect(cleared.items.map((p: { payer: unknown }) => p.payer)).toEqual([null, null]);

    // A quote that cannot be verified again joins as it is (cart/adopt), with its payer.
    const demanded = await call(app, 'notice/lookup', { source: 'scan', raw: notices[2]!.qr });
    await call(app, 'payment/setPayer', { paymentId: demanded.quote.quoteId, payer: { id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' } });
    const adopted = await call(app, 'cart/adopt', { paymentId: demanded.quote.quoteId });
    const person = { type: 'F', id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' };
    expect(adopted.payer).toEqual(person);
    const more = await call(app, 'cart/add', { cartId: adopted.cartId, notice: { source: 'scan', raw: notices[3]!.qr } });
    expect(more.cart.items.map((p: { payer: unknown }) => p.payer)).toEqual([person, person]);
  });
});
