// The whole terminal (createApp, dispatch as the UI calls it) with upstream.kind = "mil" and no MIL URL:
// the embedded MIL simulator in front of the embedded node simulator. The engine is the same; every MIL
// exchange is validated against the vendored OpenAPI documents, and the node's ledger proves each notice
// is paid exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MilExchange, MilSimulator } from '../../src/main/mil-sim/simulator';
import { buildQrPayload } from '../../src/common/notice/build-payload';
import { DEMO_NOTICES, generatePositions } from '../../src/main/node-sim/simulator';
import { admin, call, loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';
import { exchangeErrors } from './mil-openapi';

type Ledger = { noticeNumber: string; outcome: string; paymentToken: string; amountCents: number }[];

let t: TestApp;
let mil: MilSimulator;
let nodeAdmin: string;
const exchanges: MilExchange[] = [];

beforeAll(async () => {
  t = await startTestApp({ config: { upstream: { kind: 'mil' } } });
  mil = t.app.services.node.milSimulator!;
  mil.onExchange((x) => exchanges.push(x));
  nodeAdmin = t.app.demo!.nodeSimulatorAdmin!;
  await loginClerk(t.app);
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});
afterEach(() => {
  for (const x of exchanges.splice(0)) expect(exchangeErrors(x), `${x.method} ${x.path} → ${x.status}`).toEqual([]);
});

const ledgerOf = async (noticeNumber: string) => ((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => e.noticeNumber === noticeNumber);

describe('the terminal on MIL', () => {
  it('runs on the embedded MIL simulator, and says so', () => {
    expect(t.app.services.node.upstream).toBe('mil');
    expect(t.app.services.node.endpoint).toBe('embedded MIL simulator');
    expect(t.app.services.node.mil).not.toBeNull();
    expect(t.app.demo!.milSimulatorAdmin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/$/);
  });

  it('cash: lookup (verify) → begin (activate) → collect (preClose + close) → confirmed, once at the node', async () => {
    const n = DEMO_NOTICES.plain;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    expect(r.quote).toMatchObject({ noticeNumber: n.noticeNumber, amountCents: n.amountCents, verifiedOnline: true, creditorName: n.companyName });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    const ledger = await ledgerOf(n.noticeNumber);
    expect(ledger).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: n.amountCents })]);
    const tx = mil.transactions().find((x) => x.notices.some((m) => m.paymentToken === ledger[0]?.paymentToken));
    expect(tx).toMatchObject({ status: 'CLOSED', totalAmount: n.amountCents, fee: begun.feeCents, paymentMethod: 'CASH', closesSent: 1, acquirerId: '4585625', terminalId: '0aB9wXyZ' });
    expect(exchanges.map((x) => x.operation)).toEqual(expect.arrayContaining(['verify', 'activate', 'preClose', 'close', 'status']));
  });

  it('card: the close says PAYMENT_CARD', async () => {
    const n = DEMO_NOTICES.second;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'card' });
    const paid = await call(t.app, 'payment/collectCard', { paymentId: begun.id });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed', method: 'card' });
    const ledger = await ledgerOf(n.noticeNumber);
    expect(ledger.map((e) => e.outcome)).toEqual(['OK']);
    expect(mil.transactions().find((x) => x.notices.some((m) => m.paymentToken === ledger[0]?.paymentToken))).toMatchObject({ status: 'CLOSED', paymentMethod: 'PAYMENT_CARD' });
  });

  it('node/check: MIL answered, the token expiry and the transactions MIL reports for this terminal', async () => {
    const check = await call(t.app, 'node/check');
    // The test notice is the demo "plain" one, paid above: any MIL answer means the link works.
    expect(check).toMatchObject({ online: true, upstream: 'mil', endpoint: 'embedded MIL simulator', outcome: 'PPT_PAGAMENTO_DUPLICATO' });
    expect(Date.parse(check.mil.tokenExpiresAt)).toBeGreaterThan(Date.now());
    expect(check.mil.tokenError).toBeNull();
    const closed = mil.transactions().filter((x) => x.status === 'CLOSED');
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect(check.mil.transactions.map((x: { transactionId: string }) => x.transactionId).sort()).toEqual(
      mil
        .transactions()
        .map((x) => x.transactionId)
        .sort(),
    );
  });

  it('refusals arrive with the same categories as on nodeForPsp', async () => {
    const n = DEMO_NOTICES.alreadyPaid;
    const r = await call(t.app, 'notice/lookup', { source: 'manual', noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode });
    expect(r).toMatchObject({ kind: 'refusal', refusal: { category: 'already-paid' } });
  });

  it('cancel after activate: ABORT, and the notice can be paid afterwards', async () => {
    const n = DEMO_NOTICES.multiTransfer;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'card' });
    const cancelled = await call(t.app, 'payment/cancel', { paymentId: begun.id, reason: 'customer left' });
    expect(cancelled.state).toBe('cancelled');
    expect(exchanges.some((x) => x.operation === 'abort' && x.status === 201)).toBe(true);
    expect((await ledgerOf(n.noticeNumber)).map((e) => e.outcome)).toEqual(['KO']);
    expect(await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr })).toMatchObject({ kind: 'quote' });
  });

  it('close answer lost after MIL processed it: the retry reads the status, never sends a second close', async () => {
    const n = DEMO_NOTICES.multiTransfer;
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    // Through the admin API, as a tester at the counter would.
    await admin(`${t.app.demo!.milSimulatorAdmin!}faults`, 'POST', { operation: 'close', kind: 'drop-after' });
    const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 50_000 });
    // The money is taken and the receipt printed; the outcome is not confirmed yet.
    expect(paid).toMatchObject({ state: 'paid' });
    expect(paid.outcome).not.toBe('confirmed');
    const after = await call(t.app, 'queue/syncNow');
    expect(after).toMatchObject({ pending: 0 });
    expect(await call(t.app, 'payment/get', { paymentId: begun.id })).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    const ok = (await ledgerOf(n.noticeNumber)).filter((e) => e.outcome === 'OK');
    expect(ok).toHaveLength(1);
    const listed = (await admin(`${t.app.demo!.milSimulatorAdmin!}transactions`)) as { transactions: { status: string; closesSent: number; notices: { paymentToken: string }[] }[] };
    const tx = listed.transactions.find((x) => x.notices.some((m) => m.paymentToken === ok[0]?.paymentToken));
    expect(tx).toMatchObject({ status: 'CLOSED', closesSent: 1 });
  });

  it('a 3-notice cart is ONE MIL transaction: one preClose with the 3 tokens, one close; each notice paid once at the node', async () => {
    const notices = generatePositions(3, 515).map((p, i) => ({ ...p, amountCents: 2_000 + i * 1_000 }));
    await admin(`${nodeAdmin}positions`, 'POST', { positions: notices });
    let cartId: string | undefined;
    for (const n of notices) {
      const r = await call(t.app, 'cart/add', { ...(cartId ? { cartId } : {}), notice: { source: 'scan', raw: buildQrPayload(n) } });
      expect(r.result.kind).toBe('quote');
      cartId = r.cart.cartId;
    }
    const begun = await call(t.app, 'cart/begin', { cartId, method: 'cash' });
    expect(begun.refused).toEqual([]);
    const paid = await call(t.app, 'cart/collectCash', { cartId, tenderedCents: begun.totalCents });
    expect(paid.status).toBe('collected');
    await call(t.app, 'queue/syncNow');
    const after = await call(t.app, 'cart/get', { cartId });
    expect(after.items.map((p: { outcome: string }) => p.outcome)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    for (const n of notices) expect((await ledgerOf(n.noticeNumber)).map((e) => e.outcome)).toEqual(['OK']);
    const tokens = new Set(((await admin(`${nodeAdmin}ledger`)) as Ledger).filter((e) => notices.some((n) => n.noticeNumber === e.noticeNumber)).map((e) => e.paymentToken));
    const txs = mil.transactions().filter((x) => x.notices.some((m) => tokens.has(m.paymentToken)));
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ status: 'CLOSED', closesSent: 1, totalAmount: 2_000 + 3_000 + 4_000 });
    expect(txs[0]!.notices.map((m) => m.paymentToken).sort()).toEqual([...tokens].sort());
  });

  it('Nodo down behind MIL: offline acceptance, then synced through MIL exactly once', async () => {
    // A fresh open notice (the demo ones above are paid by now).
    const target = generatePositions(1, 4242)[0]!;
    await admin(`${nodeAdmin}positions`, 'POST', { positions: [target] });
    const qr = buildQrPayload({ ...target, amountDigits: 10 });
    await admin(`${nodeAdmin}faults`, 'POST', { operation: '*', kind: 'reset' });
    const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: qr });
    expect(r).toMatchObject({ kind: 'quote', quote: { verifiedOnline: false, amountCents: target.amountCents, offline: { eligible: true } } });
    // MIL answered 500 008000028 (Nodo unreachable): the terminal treats MIL like an unreachable node.
    expect(exchanges.some((x) => x.operation === 'verify' && x.status === 500 && x.responseBody.includes('008000028'))).toBe(true);
    const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
    const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 50_000 });
    expect(paid).toMatchObject({ state: 'paid', offline: true, outcome: 'queued' });
    expect(await call(t.app, 'queue/syncNow')).toMatchObject({ pending: 1 });
    await admin(`${nodeAdmin}faults`, 'DELETE');
    expect(await call(t.app, 'queue/syncNow')).toMatchObject({ pending: 0, failed: 0 });
    expect(await call(t.app, 'payment/get', { paymentId: begun.id })).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    await call(t.app, 'queue/syncNow');
    const ok = (await ledgerOf(target.noticeNumber)).filter((e) => e.outcome === 'OK');
    expect(ok).toHaveLength(1);
    expect(mil.transactions().find((x) => x.notices.some((m) => m.paymentToken === ok[0]?.paymentToken))).toMatchObject({ status: 'CLOSED', closesSent: 1 });
  });
});
