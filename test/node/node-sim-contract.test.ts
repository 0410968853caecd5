// Simulator contract: the SANP rules of pagopa-psp.md §3.3–§3.11, driven through the real client over
// loopback HTTP, with a ManualClock for token and idempotency-key expiry.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { makeIdempotencyKey } from '../../src/main/core/node/idempotency';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { ActivateOk, KO, NodeClient, OutcomeDetails } from '../../src/main/core/node/types';
import { isValidEcFiscalCode, hasValidCheckDigits, isValidIban } from '../../src/main/node-sim/codes';
import { seededRandom } from '../../src/main/node-sim/seed';
import { BENCH_EC_FISCAL_CODE, DEFAULT_SEED, DEMO_NOTICES, generatePositions, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const details: OutcomeDetails = { paymentMethod: 'cash', paymentChannel: 'frontOffice', feeCents: 200, applicationDate: '2026-11-22', transferDate: '2026-11-23' };
const key = () => makeIdempotencyKey(identity.idPSP);
const faultCode = (r: { outcome: string }) => (r as KO).fault?.faultCode;
const original = (r: { outcome: string }) => (r as KO).fault?.originalFaultCode;

let clock: ManualClock;
let sim: NodeSimulator;
let client: NodeClient;
let v1: NodeClient;
beforeEach(async () => {
  clock = new ManualClock();
  sim = await startNodeSimulator({ clock, random: seededRandom(7) });
  client = createNodeClient({ url: sim.soapUrl, identity });
  v1 = createNodeClient({ url: sim.url, identity, apiVersion: 'v1' });
});
afterEach(async () => {
  await client.close();
  await v1.close();
  await sim.close();
});

const activate = (c: NodeClient, n: { fiscalCode: string; noticeNumber: string; amountCents: number }, extra: { idempotencyKey?: string; expirationTimeMs?: number } = {}) =>
  c.activatePaymentNotice({
    fiscalCode: n.fiscalCode,
    noticeNumber: n.noticeNumber,
    amountCents: n.amountCents,
    idempotencyKey: extra.idempotencyKey ?? key(),
    ...(extra.expirationTimeMs ? { expirationTimeMs: extra.expirationTimeMs } : {}),
  });

describe('seed data', () => {
  it('uses Luhn-valid EC codes, mod-93-valid notice numbers and valid IBANs', () => {
    for (const p of [...DEFAULT_SEED, ...generatePositions(50, 3)]) {
      expect(isValidEcFiscalCode(p.fiscalCode), p.fiscalCode).toBe(true);
      expect(hasValidCheckDigits(p.noticeNumber), p.noticeNumber).toBe(true);
      for (const t of p.transfers ?? []) expect(isValidIban(t.iban), t.iban).toBe(true);
      if (p.transfers) expect(p.transfers.reduce((s, t) => s + t.amountCents, 0)).toBe(p.amountCents);
    }
    expect(DEMO_NOTICES.amountChanged.qr).toBe(`PAGOPA|002|${DEMO_NOTICES.amountChanged.noticeNumber}|${DEMO_NOTICES.amountChanged.fiscalCode}|0000005000`);
    expect(new Set(generatePositions(1000, 1).map((p) => p.noticeNumber)).size).toBe(1000);
    expect(generatePositions(3, 9)).toEqual(generatePositions(3, 9));
  });
});

describe('verifyPaymentNotice', () => {
  it('answers each default-seed case as SANP does', async () => {
    expect(await client.verifyPaymentNotice(DEMO_NOTICES.plain)).toMatchObject({
      outcome: 'OK',
      amountCents: 12_350,
      companyName: 'Comune di Milano',
      dueDate: '2026-12-31',
      fiscalCodePA: DEMO_NOTICES.plain.fiscalCode,
    });
    expect(await client.verifyPaymentNotice(DEMO_NOTICES.amountChanged)).toMatchObject({ outcome: 'OK', amountCents: 5_430 });
    expect(DEMO_NOTICES.amountChanged.printedAmountCents).toBe(5_000);
    expect(faultCode(await client.verifyPaymentNotice(DEMO_NOTICES.alreadyPaid))).toBe('PPT_PAGAMENTO_DUPLICATO');
    expect(original(await client.verifyPaymentNotice(DEMO_NOTICES.expired))).toBe('PAA_PAGAMENTO_SCADUTO');
    expect(original(await client.verifyPaymentNotice(DEMO_NOTICES.revoked))).toBe('PAA_PAGAMENTO_ANNULLATO');
    expect(faultCode(await client.verifyPaymentNotice(DEMO_NOTICES.ecUnreachable))).toBe('PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
    expect(faultCode(await client.verifyPaymentNotice(DEMO_NOTICES.ecTimeout))).toBe('PPT_STAZIONE_INT_PA_TIMEOUT');
    const unknown = await client.verifyPaymentNotice({ fiscalCode: DEMO_NOTICES.plain.fiscalCode, noticeNumber: '301999999999999900' });
    expect(unknown).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO', id: DEMO_NOTICES.plain.fiscalCode } });
  });

  it('auto-creates open positions for the bench EC', async () => {
    const r = await client.verifyPaymentNotice({ fiscalCode: BENCH_EC_FISCAL_CODE, noticeNumber: '347000000001234532' });
    expect(r.outcome).toBe('OK');
    expect(sim.positions().some((p) => p.noticeNumber === '347000000001234532')).toBe(true);
  });

  it('answers verificaBollettino with allCCP for the Poste case', async () => {
    const p = DEMO_NOTICES.poste;
    expect(await client.verificaBollettino({ ccPost: p.ccPost as string, noticeNumber: p.noticeNumber })).toMatchObject({ outcome: 'OK', amountCents: 6_050, allCCP: true });
    expect(original(await client.verificaBollettino({ ccPost: '000000000001', noticeNumber: p.noticeNumber }))).toBe('PAA_PAGAMENTO_SCONOSCIUTO');
  });
});

describe('activate and outcome', () => {
  it('activates with the current amount and multi-transfer list, locks the position, and closes it on OK', async () => {
    const a = (await activate(client, DEMO_NOTICES.multiTransfer)) as ActivateOk;
    expect(a).toMatchObject({ outcome: 'OK', totalAmountCents: 31_000, creditorReferenceId: DEMO_NOTICES.multiTransfer.noticeNumber.slice(1) });
    expect(a.paymentToken).toMatch(/^[0-9a-f]{32}$/);
    expect(a.transfers.map((t) => t.fiscalCodePA)).toEqual(['02438750586', '80034390585', '80143490581']);
    expect(sim.positions().find((p) => p.noticeNumber === DEMO_NOTICES.multiTransfer.noticeNumber)?.lockedByToken).toBe(a.paymentToken);
    expect(faultCode(await activate(client, DEMO_NOTICES.multiTransfer))).toBe('PPT_PAGAMENTO_IN_CORSO');
    expect(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: key(), details })).toEqual({ outcome: 'OK' });
    expect(sim.ledger()).toEqual([
      {
        fiscalCode: '02438750586',
        noticeNumber: DEMO_NOTICES.multiTransfer.noticeNumber,
        paymentToken: a.paymentToken,
        outcome: 'OK',
        amountCents: 31_000,
        receivedAt: new Date(clock.now()).toISOString(),
      },
    ]);
    expect(faultCode(await client.verifyPaymentNotice(DEMO_NOTICES.multiTransfer))).toBe('PPT_PAGAMENTO_DUPLICATO');
    expect(faultCode(await activate(client, DEMO_NOTICES.multiTransfer))).toBe('PPT_PAGAMENTO_DUPLICATO');
    // SANP: a repeated outcome (new key) → PPT_ESITO_GIA_ACQUISITO
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: key(), details }))).toBe('PPT_ESITO_GIA_ACQUISITO');
  });

  it('charges the updated amount: activate answers totalAmount = amount due now', async () => {
    const a = await activate(client, { ...DEMO_NOTICES.amountChanged, amountCents: DEMO_NOTICES.amountChanged.printedAmountCents });
    expect(a).toMatchObject({ outcome: 'OK', totalAmountCents: 5_430 });
  });

  it('reopens the position on outcome KO', async () => {
    const a = (await activate(v1, DEMO_NOTICES.plain)) as ActivateOk;
    expect(await v1.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'KO', idempotencyKey: key() })).toEqual({ outcome: 'OK' });
    expect(sim.ledger().map((e) => e.outcome)).toEqual(['KO']);
    expect((await activate(v1, DEMO_NOTICES.plain)).outcome).toBe('OK');
  });

  it('honours the idempotency key: same parameters → original answer, different → PPT_ERRORE_IDEMPOTENZA', async () => {
    const k = key();
    const first = await activate(client, DEMO_NOTICES.plain, { idempotencyKey: k });
    const again = await activate(client, DEMO_NOTICES.plain, { idempotencyKey: k });
    expect(again).toEqual(first);
    expect(faultCode(await activate(client, { ...DEMO_NOTICES.plain, amountCents: 1 }, { idempotencyKey: k }))).toBe('PPT_ERRORE_IDEMPOTENZA');
    const token = (first as ActivateOk).paymentToken;
    const ko = key();
    expect(await client.sendPaymentOutcome({ paymentTokens: [token], outcome: 'OK', idempotencyKey: ko, details })).toEqual({ outcome: 'OK' });
    expect(await client.sendPaymentOutcome({ paymentTokens: [token], outcome: 'OK', idempotencyKey: ko, details })).toEqual({ outcome: 'OK' });
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [token], outcome: 'KO', idempotencyKey: ko }))).toBe('PPT_ERRORE_IDEMPOTENZA');
    expect(sim.ledger()).toHaveLength(1);
    // SANP: the activate key is invalidated when the outcome arrives → it is a new request: paid → DUPLICATO
    expect(faultCode(await activate(client, DEMO_NOTICES.plain, { idempotencyKey: k }))).toBe('PPT_PAGAMENTO_DUPLICATO');
  });

  it('expires tokens: late OK → PPT_TOKEN_SCADUTO, late KO → PPT_TOKEN_SCADUTO_KO, paid meanwhile → PPT_PAGAMENTO_DUPLICATO', async () => {
    const a = (await activate(client, DEMO_NOTICES.plain, { expirationTimeMs: 60_000 })) as ActivateOk;
    clock.advance(60_001);
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: key(), details }))).toBe('PPT_TOKEN_SCADUTO');
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'KO', idempotencyKey: key() }))).toBe('PPT_TOKEN_SCADUTO_KO');
    // the expired lock no longer blocks a new activation, which then pays the position
    const b = (await activate(client, DEMO_NOTICES.plain)) as ActivateOk;
    expect(b.outcome).toBe('OK');
    await client.sendPaymentOutcome({ paymentTokens: [b.paymentToken], outcome: 'OK', idempotencyKey: key(), details });
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: key(), details }))).toBe('PPT_PAGAMENTO_DUPLICATO');
    expect(sim.ledger().map((e) => e.paymentToken)).toEqual([b.paymentToken]);
  });

  it('defaults the token to 30 minutes, and the activate key lives no longer than its token', async () => {
    const k = key();
    const a = (await activate(client, DEMO_NOTICES.second, { idempotencyKey: k })) as ActivateOk;
    clock.advance(1_799_000);
    expect(faultCode(await activate(client, DEMO_NOTICES.second))).toBe('PPT_PAGAMENTO_IN_CORSO');
    clock.advance(2_000);
    const again = (await activate(client, DEMO_NOTICES.second, { idempotencyKey: k })) as ActivateOk;
    expect(again.outcome).toBe('OK');
    expect(again.paymentToken).not.toBe(a.paymentToken);
  });

  it('rejects expirationTime above the configured token validity with PPT_AUTORIZZAZIONE', async () => {
    await sim.close();
    sim = await startNodeSimulator({ clock, maxTokenMs: 600_000 });
    const c = createNodeClient({ url: sim.soapUrl, identity });
    expect(faultCode(await activate(c, DEMO_NOTICES.plain, { expirationTimeMs: 600_001 }))).toBe('PPT_AUTORIZZAZIONE');
    await c.close();
  });

  it('sends V2 outcomes for several tokens at once, and unknown tokens get PPT_TOKEN_SCONOSCIUTO', async () => {
    const [p1, p2] = generatePositions(2, 11) as [never, never];
    sim.addPositions([p1, p2]);
    const a = (await activate(client, p1)) as ActivateOk;
    const b = (await activate(client, p2)) as ActivateOk;
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken, 'ffffffffffffffffffffffffffffffff'], outcome: 'OK', idempotencyKey: key(), details }))).toBe(
      'PPT_TOKEN_SCONOSCIUTO',
    );
    expect(sim.ledger()).toEqual([]);
    expect(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken, b.paymentToken], outcome: 'OK', idempotencyKey: key(), details })).toEqual({ outcome: 'OK' });
    expect(sim.ledger().map((e) => e.paymentToken)).toEqual([a.paymentToken, b.paymentToken]);
  });
});

describe('protocol checks', () => {
  const post = (url: string, body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/xml', ...headers } });
  const env = (inner: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;
  const verifyBody = (pwd = 'pwdpwdpwd', psp = '88888888888') =>
    `<n:verifyPaymentNoticeReq xmlns:n="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><idPSP>${psp}</idPSP><idBrokerPSP>88888888888</idBrokerPSP><idChannel>88888888888_01</idChannel><password>${pwd}</password><qrCode><fiscalCode>${DEMO_NOTICES.plain.fiscalCode}</fiscalCode><noticeNumber>${DEMO_NOTICES.plain.noticeNumber}</noticeNumber></qrCode></n:verifyPaymentNoticeReq>`;

  it('checks SOAPAction, XSD and identity', async () => {
    const wrongAction = await (await post(sim.soapUrl, env(verifyBody()), { soapaction: 'activatePaymentNotice' })).text();
    expect(wrongAction).toContain('<faultCode>PPT_SOAPACTION_ERRATA</faultCode>');
    const quoted = await (await post(sim.url + '/', env(verifyBody()), { soapaction: '"verifyPaymentNotice"' })).text();
    expect(quoted).toContain('<outcome>OK</outcome>');
    const badXsd = await (await post(sim.soapUrl, env(verifyBody('short')), { soapaction: 'verifyPaymentNotice' })).text();
    expect(badXsd).toContain('<faultCode>PPT_SINTASSI_EXTRAXSD</faultCode>');
    expect(badXsd).toContain('verifyPaymentNoticeRes');
    expect(await (await post(sim.soapUrl, env(verifyBody('wrongpassword')), { soapaction: 'verifyPaymentNotice' })).text()).toContain('PPT_AUTENTICAZIONE');
    expect(await (await post(sim.soapUrl, env(verifyBody(undefined, 'OTHERPSP')), { soapaction: 'verifyPaymentNotice' })).text()).toContain('PPT_PSP_SCONOSCIUTO');
    // not well-formed: the SOAPAction names the operation, so the node answers its KO (HTTP 200)
    const garbage = await post(sim.soapUrl, 'not xml', { soapaction: 'verifyPaymentNotice' });
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toContain('<faultCode>PPT_SINTASSI_EXTRAXSD</faultCode>');
    // nothing names an operation: a SOAP Fault
    const anonymous = await post(sim.soapUrl, 'not xml');
    expect(anonymous.status).toBe(500);
    expect(await anonymous.text()).toContain('<faultcode>soapenv:Client</faultcode>');
    expect((await fetch(sim.url + '/nowhere')).status).toBe(404);
  });

  it('answers 401 without the configured subscription key', async () => {
    const keyed = await startNodeSimulator({ subscriptionKey: 'k-123' });
    const good = createNodeClient({ url: keyed.soapUrl, identity, subscriptionKey: 'k-123' });
    const bad = createNodeClient({ url: keyed.soapUrl, identity, subscriptionKey: 'wrong' });
    expect((await good.verifyPaymentNotice(DEMO_NOTICES.plain)).outcome).toBe('OK');
    await expect(bad.verifyPaymentNotice(DEMO_NOTICES.plain)).rejects.toMatchObject({ kind: 'unauthorized', maybeProcessed: false, httpStatus: 401 });
    await Promise.all([good.close(), bad.close(), keyed.close()]);
  });

  it('serves the admin API: positions, faults, clock, ledger, reset', async () => {
    const j = async (path: string, method = 'GET', body?: unknown) => {
      const r = await fetch(sim.url + path, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      return { status: r.status, body: (await r.json()) as unknown };
    };
    const [p] = generatePositions(1, 42);
    expect(await j('/admin/positions', 'POST', { positions: [p] })).toEqual({ status: 200, body: { added: 1 } });
    // Issue #10 §7, like the bridge: application/json only, Host/Origin of the loopback listener only.
    const port = new URL(sim.url).port;
    const asText = await fetch(`${sim.url}/admin/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(asText.status).toBe(415);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/admin/positions', method: 'GET', headers: { host: `evil.example:${port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
    expect((await fetch(`${sim.url}/admin/positions`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(`${sim.url}/admin/positions`, { headers: { origin: sim.url } })).status).toBe(200);
    expect((await j('/admin/positions', 'POST', { positions: [{ ...p, noticeNumber: '1' }] })).status).toBe(400);
    expect(await j('/admin/faults', 'POST', { operation: 'verifyPaymentNotice', kind: 'fault', faultCode: 'PPT_SYSTEM_ERROR', count: 1 })).toEqual({ status: 200, body: { armed: 1 } });
    expect(faultCode(await client.verifyPaymentNotice(p as never))).toBe('PPT_SYSTEM_ERROR');
    expect((await client.verifyPaymentNotice(p as never)).outcome).toBe('OK');
    const a = (await activate(client, p as never, { expirationTimeMs: 1000 })) as ActivateOk;
    await j('/admin/clock', 'POST', { advanceMs: 1001 });
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'KO', idempotencyKey: key() }))).toBe('PPT_TOKEN_SCADUTO_KO');
    expect(await j('/admin/jobs/mod3Cancel', 'POST')).toMatchObject({ status: 200, body: { released: 1 } });
    const b = (await activate(client, p as never)) as ActivateOk;
    await client.sendPaymentOutcome({ paymentTokens: [b.paymentToken], outcome: 'OK', idempotencyKey: key(), details });
    const ledger = (await j('/admin/ledger')).body as { paymentToken: string }[];
    expect(ledger.map((e) => e.paymentToken)).toEqual([b.paymentToken]);
    const positions = (await j('/admin/positions')).body as { noticeNumber: string; status: string }[];
    expect(positions.find((x) => x.noticeNumber === p?.noticeNumber)?.status).toBe('paid');
    expect(await j('/admin/reset', 'POST')).toEqual({ status: 200, body: { reset: true } });
    expect((await j('/admin/ledger')).body).toEqual([]);
    expect(((await j('/admin/positions')).body as unknown[]).length).toBe(DEFAULT_SEED.length);
  });
});
