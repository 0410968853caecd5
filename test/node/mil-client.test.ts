// The MIL client (src/main/core/mil) against the MIL simulator (src/main/mil-sim) in front of the real
// nodeForPsp simulator, over loopback HTTP. Every exchange of the client is validated against the vendored
// OpenAPI documents (test/node/mil-openapi.ts, Ajv): the client's requests and the simulator's answers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeCallError } from '../../src/main/core/node/errors';
import { createMilClient, qrCodePathSegment, transactionIdFor } from '../../src/main/core/mil/client';
import type { MilClient } from '../../src/main/core/mil/types';
import { faultCategory } from '../../src/common/node-faults';
import { DEMO_MIL_CLIENT } from '../../src/main/mil-sim/auth';
import { startMilSimulator, type MilExchange, type MilSimulator } from '../../src/main/mil-sim/simulator';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { exchangeErrors, requestErrors, responseErrors } from './mil-openapi';

const IDENTITY = {
  acquirerId: '4585625',
  channel: 'POS' as const,
  merchantId: '28405fHfk73x88D',
  terminalId: '0aB9wXyZ',
  clientId: DEMO_MIL_CLIENT.clientId,
  clientSecret: DEMO_MIL_CLIENT.clientSecret,
  version: '1.0.0',
};
const KEY = (suffix: string) => `88888888888_${suffix.padEnd(10, '0').slice(0, 10)}`;

let node: NodeSimulator;
let mil: MilSimulator;
let client: MilClient;
let exchanges: MilExchange[] = [];
let strict = true;
let nowMs = Date.now();

beforeAll(async () => {
  node = await startNodeSimulator({ port: 0 });
  mil = await startMilSimulator({ nodeUrl: node.soapUrl, tokenLifetimeSec: 300 });
  mil.onExchange((x) => exchanges.push(x));
});
afterAll(async () => {
  await mil.close();
  await node.close();
});
beforeEach(() => {
  node.reset();
  mil.reset();
  exchanges = [];
  strict = true;
  nowMs = Date.now();
  client = createMilClient({ url: mil.url, authUrl: mil.authUrl, identity: IDENTITY, timeouts: { tokenMs: 2_000, verifyMs: 2_000, activateMs: 2_000, outcomeMs: 400 }, now: () => nowMs });
});
afterEach(async () => {
  await client.close();
  // Every request the client sent and every answer the simulator gave conforms to the OpenAPI documents.
  if (strict) for (const x of exchanges) expect(exchangeErrors(x), `${x.method} ${x.path} → ${x.status}`).toEqual([]);
  else for (const x of exchanges) expect(responseErrors(x), `${x.method} ${x.path} → ${x.status}`).toEqual([]);
});

const plain = DEMO_NOTICES.plain;

async function activated(n = plain, key = KEY('plainkey01')) {
  const a = await client.activatePaymentNotice({ fiscalCode: n.fiscalCode, noticeNumber: n.noticeNumber, amountCents: n.amountCents, idempotencyKey: key });
  if (a.outcome !== 'OK') throw new Error(`activate KO ${a.fault.faultCode}`);
  return a;
}

const cashDetails = (feeCents = 200) => ({ paymentMethod: 'cash' as const, feeCents, applicationDate: '2026-11-27', transferDate: '2026-11-28', totalAmountCents: plain.amountCents });

describe('validator', () => {
  it('rejects what the OpenAPI documents forbid (so the afterEach checks can fail)', () => {
    const bad: MilExchange = {
      operation: 'preClose',
      method: 'POST',
      path: '/mil-payment-notice/payments',
      requestHeaders: { requestid: 'not-a-uuid', acquirerid: '4585625', channel: 'POS', terminalid: 'T1', 'content-type': 'application/json' },
      requestBody: JSON.stringify({ outcome: 'PRE_CLOSE', paymentTokens: ['t'], transactionId: 'short', totalAmount: 100, fee: 0 }),
      status: 201,
      responseHeaders: { 'Content-Type': 'application/json' },
      responseBody: JSON.stringify({ outcome: 'KO' }),
    };
    const errs = exchangeErrors(bad);
    expect(errs.some((e) => e.startsWith('header RequestId'))).toBe(true);
    expect(errs.some((e) => e.includes('request body'))).toBe(true);
    expect(errs.some((e) => e.startsWith('response 201 body'))).toBe(true);
    expect(responseErrors({ ...bad, status: 418, responseBody: '' })).toEqual([]); // "default" covers any status
    expect(requestErrors({ ...bad, path: '/mil-payment-notice/nothing' })[0]).toMatch(/no such operation/);
  });
});

describe('token and headers', () => {
  it('gets one token, sends the CommonHeader with a fresh RequestId on every call, and reuses the token', async () => {
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    expect(mil.tokensIssued()).toBe(1);
    const calls = exchanges.filter((x) => x.operation === 'verify');
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.requestHeaders).toMatchObject({ acquirerid: '4585625', channel: 'POS', merchantid: '28405fHfk73x88D', terminalid: '0aB9wXyZ', version: '1.0.0' });
      expect(c.requestHeaders.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    }
    expect(calls[0]?.requestHeaders.requestid).not.toBe(calls[1]?.requestHeaders.requestid);
    const token = exchanges.find((x) => x.operation === 'token');
    expect(new URLSearchParams(token?.requestBody).get('grant_type')).toBe('client_credentials');
    expect(client.tokenState().expiresAt).toBe(nowMs + 300_000);
  });

  it('renews the token before it expires (refresh margin), not after every call', async () => {
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    nowMs += 200_000; // 100 s left: more than the 60 s margin
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    expect(mil.tokensIssued()).toBe(1);
    nowMs += 50_000; // 50 s left: inside the margin
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    expect(mil.tokensIssued()).toBe(2);
  });

  it('a token the server considers expired (401) is replaced once and the call goes through', async () => {
    await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    mil.advanceClock(301_000); // server time past the token's exp; the client still thinks it is fresh
    const r = await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    mil.advanceClock(-301_000);
    expect(r.outcome).toBe('OK');
    expect(exchanges.filter((x) => x.operation === 'verify').map((x) => x.status)).toEqual([200, 401, 200]);
    expect(mil.tokensIssued()).toBe(2);
  });

  it('concurrent calls share one token request', async () => {
    await Promise.all([1, 2, 3].map(() => client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber })));
    expect(mil.tokensIssued()).toBe(1);
  });

  it('wrong client secret: unauthorized, not processed, and the token endpoint says why', async () => {
    await client.close();
    client = createMilClient({ url: mil.url, authUrl: mil.authUrl, identity: { ...IDENTITY, clientSecret: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }, now: () => nowMs });
    const err = await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeCallError);
    expect(err).toMatchObject({ kind: 'unauthorized', maybeProcessed: false });
    expect(JSON.parse(exchanges[0]?.responseBody ?? '{}')).toMatchObject({ errors: ['009000021'] });
    expect(client.tokenState().lastError).toMatch(/unauthorized/);
  });

  it('the simulator checks every CommonHeader (400 with mil-common codes) and the token (401)', async () => {
    strict = false; // these requests are wrong on purpose: only the answers must conform
    const token = await fetch(`${mil.authUrl}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', AcquirerId: '4585625', Channel: 'POS', MerchantId: 'M1', TerminalId: 'T1' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_MIL_CLIENT.clientId, client_secret: DEMO_MIL_CLIENT.clientSecret }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const base = { Authorization: `Bearer ${token.access_token}`, RequestId: crypto.randomUUID(), AcquirerId: '4585625', Channel: 'POS', MerchantId: 'M1', TerminalId: 'T1' };
    const get = async (h: Record<string, string>) => {
      const r = await fetch(`${mil.url}/paymentNotices/${plain.fiscalCode}/${plain.noticeNumber}`, { headers: h });
      return { status: r.status, body: r.status === 400 ? ((await r.json()) as { errors: string[] }).errors : await r.text() };
    };
    const without = (k: keyof typeof base) => Object.fromEntries(Object.entries(base).filter(([n]) => n !== k));
    expect(await get(without('RequestId'))).toEqual({ status: 400, body: ['000000001'] });
    expect(await get({ ...base, RequestId: 'nope' })).toEqual({ status: 400, body: ['000000002'] });
    expect(await get({ ...base, Version: 'v1' })).toEqual({ status: 400, body: ['000000004'] });
    expect(await get(without('AcquirerId'))).toEqual({ status: 400, body: ['000000005'] });
    expect(await get({ ...base, Channel: 'PHONE' })).toEqual({ status: 400, body: ['000000008'] });
    expect(await get(without('TerminalId'))).toEqual({ status: 400, body: ['000000009'] });
    expect(await get(without('MerchantId'))).toEqual({ status: 400, body: ['00000000B'] });
    expect((await get(without('Authorization'))).status).toBe(401);
    expect((await get({ ...base, Authorization: `Bearer ${token.access_token}x` })).status).toBe(401);
    expect((await get(base)).status).toBe(200);
  });
});

describe('verify and activate', () => {
  it('verify by tax code and notice number, and by QR code (base64url path)', async () => {
    const a = await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
    expect(a).toMatchObject({ outcome: 'OK', amountCents: plain.amountCents, fiscalCodePA: plain.fiscalCode, companyName: plain.companyName });
    const b = await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber, qrPayload: plain.qr });
    expect(b).toEqual(a);
    expect(exchanges.filter((x) => x.operation === 'verify').map((x) => x.path)).toEqual([
      `/mil-payment-notice/paymentNotices/${plain.fiscalCode}/${plain.noticeNumber}`,
      `/mil-payment-notice/paymentNotices/${qrCodePathSegment(plain.qr)}`,
    ]);
  });

  it.each([
    ['alreadyPaid', 'already-paid'],
    ['expired', 'expired'],
    ['revoked', 'revoked'],
    ['ecUnreachable', 'creditor-unreachable'],
  ] as const)('node refusal of %s → MIL KoOutcome → fault of category %s', async (name, category) => {
    const n = DEMO_NOTICES[name];
    const r = await client.verifyPaymentNotice({ fiscalCode: n.fiscalCode, noticeNumber: n.noticeNumber });
    expect(r.outcome).toBe('KO');
    if (r.outcome === 'KO') expect(faultCategory(r.fault)).toBe(category);
  });

  it('an unknown notice is UNKNOWN_NOTICE', async () => {
    const r = await client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: '301999999999999999' });
    expect(r.outcome === 'KO' && faultCategory(r.fault)).toBe('unknown-notice');
  });

  it('activate with the idempotency key: token and amount; the same key again gives the same token', async () => {
    const a = await activated();
    expect(a).toMatchObject({ outcome: 'OK', totalAmountCents: plain.amountCents, fiscalCodePA: plain.fiscalCode });
    expect(a.paymentToken).toMatch(/^[ -~]{1,35}$/);
    const again = await activated();
    expect(again.paymentToken).toBe(a.paymentToken);
    const other = await client.activatePaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber, amountCents: plain.amountCents, idempotencyKey: KEY('otherkey01') });
    expect(other.outcome === 'KO' && faultCategory(other.fault)).toBe('in-progress');
  });

  it('a key MIL would refuse (not 11 digits) is never sent', async () => {
    const r = await client.activatePaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber, amountCents: plain.amountCents, idempotencyKey: 'PSP1_abcdefghij' });
    expect(r.outcome).toBe('KO');
    expect(exchanges.filter((x) => x.operation === 'activate')).toHaveLength(0);
  });
});

describe('HTTP statuses → port results', () => {
  const verify = () => client.verifyPaymentNotice({ fiscalCode: plain.fiscalCode, noticeNumber: plain.noticeNumber });
  it.each([
    [403, 'unauthorized', false],
    [406, 'http', false],
    [415, 'http', false],
    [429, 'http', false],
    [500, 'http', true],
    [503, 'http', true],
  ] as const)('verify answered %i → NodeCallError %s, maybeProcessed %s', async (status, kind, maybeProcessed) => {
    mil.setFault({ operation: 'verify', kind: 'status', status, ...(status === 500 ? { errors: ['008000028'] } : {}) });
    await expect(verify()).rejects.toMatchObject({ name: 'NodeCallError', kind, maybeProcessed, httpStatus: status });
  });

  it('401 twice (a fresh token refused too) → unauthorized, not processed', async () => {
    mil.setFault({ operation: 'verify', kind: 'status', status: 401, times: 2 });
    await expect(verify()).rejects.toMatchObject({ kind: 'unauthorized', maybeProcessed: false });
    expect(mil.tokensIssued()).toBe(2);
  });

  it('400 with header codes → terminal-config fault; other 400 → wrong-notice-data; 404 → unknown-notice', async () => {
    mil.setFault({ operation: 'verify', kind: 'status', status: 400, errors: ['000000006'] });
    const a = await verify();
    expect(a.outcome === 'KO' && faultCategory(a.fault)).toBe('terminal-config');
    mil.setFault({ operation: 'verify', kind: 'status', status: 400, errors: ['008000003'] });
    const b = await verify();
    expect(b.outcome === 'KO' && faultCategory(b.fault)).toBe('wrong-notice-data');
    mil.setFault({ operation: 'verify', kind: 'status', status: 404 });
    const c = await verify();
    expect(c.outcome === 'KO' && faultCategory(c.fault)).toBe('unknown-notice');
  });

  it('Nodo down on activate (500 008000028) → maybe processed; a timeout too', async () => {
    mil.setFault({ operation: 'activate', kind: 'nodo-down' });
    await expect(activated()).rejects.toMatchObject({ kind: 'http', maybeProcessed: true, httpStatus: 500 });
    mil.setFault({ operation: 'activate', kind: 'hang' });
    await client.close();
    client = createMilClient({ url: mil.url, authUrl: mil.authUrl, identity: IDENTITY, timeouts: { activateMs: 300 }, now: () => nowMs });
    await expect(activated()).rejects.toMatchObject({ kind: 'timeout', maybeProcessed: true });
  });

  it('close refused (400) or unknown transaction (404) → KO for a person; preClose 401 twice → unauthorized, not processed', async () => {
    const a = await activated();
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome010'), details: cashDetails() };
    mil.setFault({ operation: 'close', kind: 'status', status: 400, errors: ['008000020'] });
    expect(await client.sendPaymentOutcome(req)).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_CLOSE_REFUSED', description: 'MIL 400 008000020' } });
    mil.setFault({ operation: 'close', kind: 'status', status: 404 });
    expect(await client.sendPaymentOutcome(req)).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_TRANSACTION_NOT_FOUND' } });
    // Nothing reached the node: the transaction is still PRE_CLOSE, and a later attempt closes it once.
    expect(node.ledger().filter((l) => l.paymentToken === a.paymentToken)).toEqual([]);
    mil.setFault({ operation: 'preClose', kind: 'status', status: 401, times: 2 });
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ kind: 'unauthorized', maybeProcessed: false });
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    expect(
      node
        .ledger()
        .filter((l) => l.paymentToken === a.paymentToken)
        .map((l) => l.outcome),
    ).toEqual(['OK']);
  });

  it('status 500 while confirming after a 409 → maybe processed (retry later)', async () => {
    const a = await activated();
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome011'), details: cashDetails() };
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    mil.setFault({ operation: 'status', kind: 'status', status: 500, errors: ['008000099'] });
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ operation: 'mil.status', kind: 'http', maybeProcessed: true });
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    expect(mil.transactions()[0]).toMatchObject({ closesSent: 1 });
  });

  it('token endpoint down → the payment call was not sent (maybeProcessed false)', async () => {
    mil.setFault({ operation: 'token', kind: 'status', status: 500, errors: ['009000099'] });
    await expect(verify()).rejects.toMatchObject({ operation: 'mil.token', kind: 'http', maybeProcessed: false });
    expect(exchanges.filter((x) => x.operation === 'verify')).toHaveLength(0);
  });
});

describe('outcome: preClose, close, status', () => {
  it('OK: preClose with the derived transaction id, close, status CLOSED; the node receives one outcome', async () => {
    const a = await activated();
    const r = await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: KEY('outcome001'), details: cashDetails() });
    expect(r).toEqual({ outcome: 'OK' });
    const id = transactionIdFor([a.paymentToken]);
    expect(exchanges.map((x) => `${x.operation} ${x.status}`)).toEqual(['token 200', 'activate 200', 'preClose 201', 'close 202', 'status 200']);
    expect(JSON.parse(exchanges[2]?.requestBody ?? '{}')).toEqual({ outcome: 'PRE_CLOSE', paymentTokens: [a.paymentToken], transactionId: id, totalAmount: plain.amountCents, fee: 200 });
    expect(JSON.parse(exchanges[3]?.requestBody ?? '{}')).toMatchObject({ outcome: 'CLOSE', paymentMethod: 'CASH' });
    const status = await client.getPaymentStatus(id);
    expect(status).toMatchObject({
      transactionId: id,
      status: 'CLOSED',
      totalAmount: plain.amountCents,
      fee: 200,
      paymentMethod: 'CASH',
      notices: [{ paymentToken: a.paymentToken, noticeNumber: plain.noticeNumber }],
    });
    expect(node.ledger().filter((l) => l.noticeNumber === plain.noticeNumber)).toEqual([expect.objectContaining({ outcome: 'OK', paymentToken: a.paymentToken })]);
    expect((await client.listTransactions()).map((t) => t.transactionId)).toEqual([id]);
    expect(await client.getPaymentStatus('0'.repeat(32))).toBeNull();
  });

  it('timeout on close after MIL processed it: the retry reads the status (CLOSED) and never resends the close', async () => {
    const a = await activated();
    const id = transactionIdFor([a.paymentToken]);
    mil.setFault({ operation: 'close', kind: 'drop-after' });
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome002'), details: cashDetails() };
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ name: 'NodeCallError', maybeProcessed: true });
    expect(mil.transactions().find((t) => t.transactionId === id)).toMatchObject({ status: 'CLOSED', closesSent: 1 });
    // A new process (crash) retries the same outcome: same transaction id, 409, GET → CLOSED → done.
    await client.close();
    client = createMilClient({ url: mil.url, authUrl: mil.authUrl, identity: IDENTITY, now: () => nowMs });
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    expect(exchanges.slice(-3).map((x) => `${x.operation} ${x.status}`)).toEqual(['token 200', 'preClose 409', 'status 200']);
    expect(mil.transactions().find((t) => t.transactionId === id)).toMatchObject({ status: 'CLOSED', closesSent: 1 });
    expect(node.ledger().filter((l) => l.paymentToken === a.paymentToken)).toHaveLength(1);
  });

  it('close lost before MIL processed it (timeout): status PRE_CLOSE → the retry sends the close once', async () => {
    const a = await activated();
    const id = transactionIdFor([a.paymentToken]);
    mil.setFault({ operation: 'close', kind: 'hang' });
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome003'), details: cashDetails() };
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ kind: 'timeout', maybeProcessed: true });
    expect(mil.transactions().find((t) => t.transactionId === id)).toMatchObject({ status: 'PRE_CLOSE', closesSent: 0 });
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    // The retry: 409 (the transaction exists), GET says PRE_CLOSE, so the close is sent, then its result read.
    expect(exchanges.slice(-4).map((x) => `${x.operation} ${x.status}`)).toEqual(['preClose 409', 'status 200', 'close 202', 'status 200']);
    expect(exchanges.filter((x) => x.operation === 'close').map((x) => x.status)).toEqual([202]);
    expect(mil.transactions().find((t) => t.transactionId === id)).toMatchObject({ status: 'CLOSED', closesSent: 1 });
    expect(node.ledger().filter((l) => l.paymentToken === a.paymentToken)).toHaveLength(1);
  });

  it('Nodo down on close (500 008000028): status stays PRE_CLOSE, maybe processed; the retry closes', async () => {
    const a = await activated();
    mil.setFault({ operation: 'close', kind: 'nodo-down' });
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome004'), details: cashDetails() };
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ kind: 'http', maybeProcessed: true, httpStatus: 500 });
    expect(await client.sendPaymentOutcome(req)).toEqual({ outcome: 'OK' });
    expect(node.ledger().filter((l) => l.paymentToken === a.paymentToken)).toHaveLength(1);
  });

  it('known MIL ambiguity: the node took the outcome but MIL lost its answer → the resend is ERROR_ON_RESULT, never a second payment', async () => {
    const a = await activated();
    // The node processes sendPaymentOutcomeV2, then resets the connection: MIL answers 500 008000028 and keeps PRE_CLOSE.
    node.setFault({ operation: 'sendPaymentOutcome', kind: 'process-then-reset', count: 1 });
    const req = { paymentTokens: [a.paymentToken], outcome: 'OK' as const, idempotencyKey: KEY('outcome009'), details: cashDetails() };
    await expect(client.sendPaymentOutcome(req)).rejects.toMatchObject({ kind: 'http', maybeProcessed: true, httpStatus: 500 });
    expect(mil.transactions()[0]).toMatchObject({ status: 'PRE_CLOSE', closesSent: 1 });
    // pagopa-extra.md §a.3: PRE_CLOSE → resend. The node answers PPT_ESITO_GIA_ACQUISITO, which MIL records as
    // ERROR_ON_RESULT: the terminal cannot tell it from a refusal, so the payment goes to a person (KO fault).
    const r = await client.sendPaymentOutcome(req);
    expect(r).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_ERROR_ON_RESULT' } });
    expect(
      node
        .ledger()
        .filter((l) => l.paymentToken === a.paymentToken)
        .map((l) => l.outcome),
    ).toEqual(['OK']);
  });

  it('the Nodo refuses the outcome → ERROR_ON_RESULT → KO fault (a person reconciles)', async () => {
    const a = await activated();
    // The node loses the token (expired and cancelled): its sendPaymentOutcome is KO.
    node.advanceClock(31 * 60_000);
    node.runCancelJob();
    const r = await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: KEY('outcome005'), details: cashDetails() });
    node.advanceClock(-31 * 60_000);
    expect(r).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_ERROR_ON_RESULT' } });
    expect(mil.transactions()[0]).toMatchObject({ status: 'ERROR_ON_RESULT' });
  });

  it('preClose refusals: fee 0 never sent; a total that differs → 400 008000033 → KO', async () => {
    const a = await activated();
    const zero = await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: KEY('outcome006'), details: cashDetails(0) });
    expect(zero).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_FEE_REQUIRED' } });
    expect(exchanges.filter((x) => x.operation === 'preClose')).toHaveLength(0);
    // A restarted client knows only the total the engine passes: here a wrong one.
    await client.close();
    client = createMilClient({ url: mil.url, authUrl: mil.authUrl, identity: IDENTITY, now: () => nowMs });
    const wrong = await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: KEY('outcome006'), details: { ...cashDetails(), totalAmountCents: 1 } });
    expect(wrong).toMatchObject({ outcome: 'KO', fault: { faultCode: 'MIL_PRECLOSE_REFUSED', description: 'MIL 400 008000033' } });
  });

  it('an unknown token on preClose (400 008000032, no transaction) → PPT_TOKEN_SCONOSCIUTO', async () => {
    const r = await client.sendPaymentOutcome({ paymentTokens: ['nosuchtoken'], outcome: 'OK', idempotencyKey: KEY('outcome007'), details: cashDetails() });
    expect(r).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_TOKEN_SCONOSCIUTO' } });
  });

  it('KO: ABORT releases the notice at the node (it can be activated again with a new key)', async () => {
    const a = await activated();
    expect(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'KO', idempotencyKey: KEY('outcome008') })).toEqual({ outcome: 'OK' });
    expect(JSON.parse(exchanges.find((x) => x.operation === 'abort')?.requestBody ?? '{}')).toEqual({ outcome: 'ABORT', paymentTokens: [a.paymentToken] });
    const again = await activated(plain, KEY('newkey0001'));
    expect(again.paymentToken).not.toBe(a.paymentToken);
    // A second abort of the released token: MIL no longer holds it → KO, which the engine acknowledges.
    const twice = await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'KO', idempotencyKey: KEY('outcome008') });
    expect(twice).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_TOKEN_SCONOSCIUTO' } });
  });

  it('a 3-notice transaction: one preClose, one close with all tokens', async () => {
    const ns = [DEMO_NOTICES.plain, DEMO_NOTICES.second, DEMO_NOTICES.multiTransfer];
    const tokens: string[] = [];
    let total = 0;
    for (const [i, n] of ns.entries()) {
      const a = await activated(n, KEY(`cart00000${i}`));
      tokens.push(a.paymentToken);
      total += a.totalAmountCents;
    }
    const r = await client.sendPaymentOutcome({ paymentTokens: tokens, outcome: 'OK', idempotencyKey: KEY('cartoutc01'), details: { ...cashDetails(300), totalAmountCents: total } });
    expect(r).toEqual({ outcome: 'OK' });
    expect(mil.transactions()[0]).toMatchObject({ status: 'CLOSED', totalAmount: total, closesSent: 1 });
    expect(mil.transactions()[0]?.notices).toHaveLength(3);
  });
});
