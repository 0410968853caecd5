// Issue 15: the simulator answers as the real Nodo does. Each rule is driven with the request shape the node's
// own test suite sends (pagopa-psp.md §6 [S10], pagopa/pagopa-nodo-dei-pagamenti-test: NewMod3 and NewMod1
// primitives and flows) and expects the node's answer there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { makeIdempotencyKey } from '../../src/main/core/node/idempotency';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { ActivateOk, KO, NodeClient, OutcomeDetails } from '../../src/main/core/node/types';
import { noticeNumber } from '../../src/main/node-sim/codes';
import { seededRandom } from '../../src/main/node-sim/seed';
import { BENCH_EC_FISCAL_CODE, DEFAULT_SEED, DEMO_NOTICES, generatePositions, startNodeSimulator, type NodeSimulator, type SimRegistry } from '../../src/main/node-sim/simulator';

const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const details: OutcomeDetails = { paymentMethod: 'cash', paymentChannel: 'frontOffice', feeCents: 200, applicationDate: '2026-11-22', transferDate: '2026-11-23' };
const key = () => makeIdempotencyKey(identity.idPSP);
const faultCode = (r: { outcome: string }) => (r as KO).fault?.faultCode;
const NFP = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const milano = DEMO_NOTICES.plain;

let clock: ManualClock;
let sim: NodeSimulator;
let client: NodeClient;
beforeEach(async () => {
  clock = new ManualClock();
  sim = await startNodeSimulator({ clock, random: seededRandom(15) });
  client = createNodeClient({ url: sim.soapUrl, identity });
});
afterEach(async () => {
  await client.close();
  await sim.close();
});

const activate = (c: NodeClient, n: { fiscalCode: string; noticeNumber: string }, extra: { idempotencyKey?: string; expirationTimeMs?: number } = {}) =>
  c.activatePaymentNotice({
    fiscalCode: n.fiscalCode,
    noticeNumber: n.noticeNumber,
    amountCents: 100,
    idempotencyKey: extra.idempotencyKey ?? key(),
    ...(extra.expirationTimeMs ? { expirationTimeMs: extra.expirationTimeMs } : {}),
  });

/** POSTs a raw SOAP request; returns status, body and the fault code of a KO. */
async function post(body: string, soapAction: string) {
  const r = await fetch(sim.soapUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: soapAction } });
  const text = await r.text();
  return { status: r.status, text, faultCode: /<faultCode>([^<]*)<\/faultCode>/.exec(text)?.[1], outcome: /<outcome>([^<]*)<\/outcome>/.exec(text)?.[1] };
}
const envelope = (inner: string, ns = SOAP) => `<soapenv:Envelope xmlns:soapenv="${ns}" xmlns:nod="${NFP}"><soapenv:Header/><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
const idXml = (o: Partial<typeof identity> = {}) => {
  const i = { ...identity, ...o };
  return `<idPSP>${i.idPSP}</idPSP><idBrokerPSP>${i.idBrokerPSP}</idBrokerPSP><idChannel>${i.idChannel}</idChannel><password>${i.password}</password>`;
};
const verifyReq = (fc: string, nn: string, id = idXml()) =>
  `<nod:verifyPaymentNoticeReq>${id}<qrCode><fiscalCode>${fc}</fiscalCode><noticeNumber>${nn}</noticeNumber></qrCode></nod:verifyPaymentNoticeReq>`;
const detailsXml = `<details><paymentMethod>cash</paymentMethod><paymentChannel>frontOffice</paymentChannel><fee>2.00</fee><applicationDate>2021-12-12</applicationDate><transferDate>2021-12-11</transferDate></details>`;
const spoV1 = (id: string, token = '12345678901234567890123456789012') =>
  `<nod:sendPaymentOutcomeReq>${id}<idempotencyKey>${key()}</idempotencyKey><paymentToken>${token}</paymentToken><outcome>OK</outcome>${detailsXml}</nod:sendPaymentOutcomeReq>`;

describe('rule 1: a well-formed request that breaks the schema is PPT_SINTASSI_EXTRAXSD (HTTP 200, KO)', () => {
  it('sendPaymentOutcome without idPSP (SIN_SPO_05)', async () => {
    const id = idXml().replace(/<idPSP>[^<]*<\/idPSP>/, '');
    const r = await post(envelope(spoV1(id)), 'sendPaymentOutcome');
    expect(r).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(r.text).toContain('sendPaymentOutcomeRes');
  });

  it('verifyPaymentNotice with an invalid noticeNumber, a too long password, an empty idChannel', async () => {
    for (const body of [
      verifyReq(milano.fiscalCode, '31145678901234567'),
      verifyReq(milano.fiscalCode, '3114567890123456AB'),
      verifyReq(milano.fiscalCode, milano.noticeNumber, idXml({ password: '1234567890123456' })),
      verifyReq(milano.fiscalCode, milano.noticeNumber, idXml({ idChannel: '' })),
      verifyReq('1234567890', milano.noticeNumber),
    ]) {
      expect(await post(envelope(body), 'verifyPaymentNotice')).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    }
  });

  it('an activate with a bad idempotencyKey pattern (SIN_APNR idempotencyKey)', async () => {
    const body = `<nod:activatePaymentNoticeReq>${idXml()}<idempotencyKey>88888888888-1244565744</idempotencyKey><qrCode><fiscalCode>${milano.fiscalCode}</fiscalCode><noticeNumber>${milano.noticeNumber}</noticeNumber></qrCode><amount>10.00</amount></nod:activatePaymentNoticeReq>`;
    expect(await post(envelope(body), 'activatePaymentNotice')).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
  });
});

describe('rule 2: a broken envelope still gets HTTP 200 and a KO body (PPT_SINTASSI_EXTRAXSD)', () => {
  it('wrong envelope namespace (SIN_SPO_01), Body missing (SIN_SPO_02), Body empty (SIN_SPO_03), request element empty (SIN_SPO_04)', async () => {
    const wrongNs = await post(envelope(spoV1(idXml()), 'http://schemas.xmlsoap.org/ciao/envelope/'), 'sendPaymentOutcome');
    expect(wrongNs).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(wrongNs.text).toContain('sendPaymentOutcomeRes');
    const noBody = await post(`<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Header/></soapenv:Envelope>`, 'sendPaymentOutcome');
    expect(noBody).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(noBody.text).toContain('sendPaymentOutcomeRes');
    const emptyBody = await post(envelope(''), 'sendPaymentOutcomeV2');
    expect(emptyBody).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(emptyBody.text).toContain('sendPaymentOutcomeV2Response');
    expect(await post(envelope('<nod:sendPaymentOutcomeReq/>'), 'sendPaymentOutcome')).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(await post('<soapenv:Envelope', 'verifyPaymentNotice')).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
  });
});

describe('rule 3: the node checks its registry before asking the creditor', () => {
  const ec = async () => (await (await fetch(`${sim.url}/admin/registry`)).json()) as SimRegistry;
  const patch = (body: unknown) => fetch(`${sim.url}/admin/registry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('an unknown creditor is PPT_DOMINIO_SCONOSCIUTO, not the creditor saying the notice is unknown', async () => {
    const unknownEc = { fiscalCode: '10000000000', noticeNumber: milano.noticeNumber };
    expect(faultCode(await client.verifyPaymentNotice(unknownEc))).toBe('PPT_DOMINIO_SCONOSCIUTO');
    expect(faultCode(await activate(client, unknownEc))).toBe('PPT_DOMINIO_SCONOSCIUTO');
    // a known creditor with a notice it does not know is still asked: PAA_PAGAMENTO_SCONOSCIUTO
    const unknownNotice = await client.verifyPaymentNotice({ fiscalCode: milano.fiscalCode, noticeNumber: noticeNumber('01', '2026999999999') });
    expect(unknownNotice).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO' } });
  });

  it('a notice whose aux digit or segregation code has no station is PPT_STAZIONE_INT_PA_SCONOSCIUTA (SEM_VPNR_11)', async () => {
    const aux5 = { fiscalCode: milano.fiscalCode, noticeNumber: `5${milano.noticeNumber.slice(1)}` };
    expect(faultCode(await client.verifyPaymentNotice(aux5))).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    expect(faultCode(await activate(client, aux5))).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    const aux0 = { fiscalCode: milano.fiscalCode, noticeNumber: '011456789012345678' };
    expect(faultCode(await client.verifyPaymentNotice(aux0))).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    const otherSegregation = { fiscalCode: milano.fiscalCode, noticeNumber: noticeNumber('16', '4567890123456') };
    expect(faultCode(await client.verifyPaymentNotice(otherSegregation))).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    // the bench EC serves every aux-3 segregation code, not aux 5
    expect((await client.verifyPaymentNotice({ fiscalCode: BENCH_EC_FISCAL_CODE, noticeNumber: noticeNumber('22', '0000000000077') })).outcome).toBe('OK');
    expect(faultCode(await client.verifyPaymentNotice({ fiscalCode: BENCH_EC_FISCAL_CODE, noticeNumber: '500000000000000077' }))).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
  });

  it('the default registry holds the default identity and every creditor and station of the seed and generatePositions', async () => {
    const r = await ec();
    expect(r.psps).toContainEqual({ idPSP: '88888888888', fiscalCode: '88888888888', enabled: true });
    expect(r.brokers).toContainEqual({ idBrokerPSP: '88888888888', enabled: true });
    expect(r.channels).toContainEqual({ idChannel: '88888888888_01', idBrokerPSP: '88888888888', password: 'pwdpwdpwd', enabled: true });
    for (const p of DEFAULT_SEED) {
      expect(r.creditors.map((c) => c.fiscalCode)).toContain(p.fiscalCode);
      const answer = await client.verifyPaymentNotice(p);
      expect(['PPT_DOMINIO_SCONOSCIUTO', 'PPT_STAZIONE_INT_PA_SCONOSCIUTA']).not.toContain(faultCode(answer));
    }
    for (const p of generatePositions(5, 4)) expect((await client.verifyPaymentNotice(p)).outcome).toBe('OK');
    // positions added later bring their creditor and station along
    const added = { ...generatePositions(1, 5)[0]!, fiscalCode: '00743110157', companyName: 'Comune di prova' };
    sim.addPositions([added]);
    expect((await client.verifyPaymentNotice(added)).outcome).toBe('OK');
  });

  it('applies the checks in the node order: PSP, broker, channel, password, pairing, creditor, station', async () => {
    const all = async () => [faultCode(await client.verifyPaymentNotice(milano)), faultCode(await activate(client, milano))];
    expect((await patch({ creditors: [{ fiscalCode: milano.fiscalCode, enabled: false }], stations: [] })).status).toBe(200);
    const station = (await ec()).stations.find((s) => s.creditors.includes(milano.fiscalCode) && s.codes?.includes('01'))!;
    await patch({ stations: [{ ...station, enabled: false }] });
    expect(await all()).toEqual(['PPT_DOMINIO_DISABILITATO', 'PPT_DOMINIO_DISABILITATO']);
    await patch({ channels: [{ idChannel: '88888888888_01', idBrokerPSP: '88888888888', password: 'pwdpwdpwd', enabled: false }] });
    expect(await all()).toEqual(['PPT_CANALE_DISABILITATO', 'PPT_CANALE_DISABILITATO']);
    await patch({ brokers: [{ idBrokerPSP: '88888888888', enabled: false }] });
    expect(await all()).toEqual(['PPT_INTERMEDIARIO_PSP_DISABILITATO', 'PPT_INTERMEDIARIO_PSP_DISABILITATO']);
    await patch({ psps: [{ idPSP: '88888888888', fiscalCode: '88888888888', enabled: false }] });
    expect(await all()).toEqual(['PPT_PSP_DISABILITATO', 'PPT_PSP_DISABILITATO']);
    await patch({ psps: [{ idPSP: '88888888888', fiscalCode: '88888888888', enabled: true }], brokers: [{ idBrokerPSP: '88888888888', enabled: true }] });
    await patch({ channels: [{ idChannel: '88888888888_01', idBrokerPSP: '88888888888', password: 'pwdpwdpwd', enabled: true }], creditors: [{ fiscalCode: milano.fiscalCode, enabled: true }] });
    expect(await all()).toEqual(['PPT_STAZIONE_INT_PA_DISABILITATA', 'PPT_STAZIONE_INT_PA_DISABILITATA']);
    // unknown PSP / broker / channel, wrong password, broker not paired with the channel
    await patch({ brokers: [{ idBrokerPSP: '97735020584', enabled: true }] });
    const raw = async (o: Partial<typeof identity>) => (await post(envelope(verifyReq(DEMO_NOTICES.second.fiscalCode, DEMO_NOTICES.second.noticeNumber, idXml(o))), 'verifyPaymentNotice')).faultCode;
    expect(await raw({ idPSP: 'pspUnknown' })).toBe('PPT_PSP_SCONOSCIUTO');
    expect(await raw({ idBrokerPSP: 'brokerPspUnknown' })).toBe('PPT_INTERMEDIARIO_PSP_SCONOSCIUTO');
    expect(await raw({ idChannel: 'channelUnknown' })).toBe('PPT_CANALE_SCONOSCIUTO');
    expect(await raw({ password: 'wrongPassword' })).toBe('PPT_AUTENTICAZIONE');
    expect(await raw({ idBrokerPSP: '97735020584' })).toBe('PPT_AUTORIZZAZIONE');
    // reset brings the default registry back
    await fetch(`${sim.url}/admin/reset`, { method: 'POST' });
    expect((await client.verifyPaymentNotice(milano)).outcome).toBe('OK');
  });

  it('admin: rejects a malformed registry patch, removes entries', async () => {
    expect((await patch({ creditors: [{ fiscalCode: '123' }] })).status).toBe(400);
    expect((await patch({ nonsense: [] })).status).toBe(400);
    const removed = await fetch(`${sim.url}/admin/registry/remove`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ creditors: [milano.fiscalCode] }) });
    expect(await removed.json()).toEqual({ removed: 1 });
    expect(faultCode(await client.verifyPaymentNotice(milano))).toBe('PPT_DOMINIO_SCONOSCIUTO');
  });
});

describe('rule 4: idempotency keys', () => {
  it('a key whose prefix is not the PSP fiscal code is PPT_SINTASSI_EXTRAXSD', async () => {
    expect(faultCode(await activate(client, milano, { idempotencyKey: '70000000001_1244565744' }))).toBe('PPT_SINTASSI_EXTRAXSD');
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: ['12345678901234567890123456789012'], outcome: 'KO', idempotencyKey: '70000000001_1244565744' }))).toBe('PPT_SINTASSI_EXTRAXSD');
    // the PSP's own prefix passes the check (and then the token is unknown)
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: ['12345678901234567890123456789012'], outcome: 'KO', idempotencyKey: key() }))).toBe('PPT_TOKEN_SCONOSCIUTO');
  });

  it('a key first refused for authentication and reused with the right password is PPT_ERRORE_IDEMPOTENZA', async () => {
    const wrong = createNodeClient({ url: sim.soapUrl, identity: { ...identity, password: 'wrongPassword' } });
    const k = key();
    expect(faultCode(await activate(wrong, milano, { idempotencyKey: k }))).toBe('PPT_AUTENTICAZIONE');
    // the same request again gets the original answer
    expect(faultCode(await activate(wrong, milano, { idempotencyKey: k }))).toBe('PPT_AUTENTICAZIONE');
    expect(faultCode(await activate(client, milano, { idempotencyKey: k }))).toBe('PPT_ERRORE_IDEMPOTENZA');
    const k2 = key();
    expect(faultCode(await wrong.sendPaymentOutcome({ paymentTokens: ['12345678901234567890123456789012'], outcome: 'KO', idempotencyKey: k2 }))).toBe('PPT_AUTENTICAZIONE');
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: ['12345678901234567890123456789012'], outcome: 'KO', idempotencyKey: k2 }))).toBe('PPT_ERRORE_IDEMPOTENZA');
    await wrong.close();
    // a fresh key works
    expect((await activate(client, milano)).outcome).toBe('OK');
  });

  it('same key + same request → the original answer; a new key while the token lives → PPT_PAGAMENTO_IN_CORSO', async () => {
    const k = key();
    const a = (await activate(client, milano, { idempotencyKey: k })) as ActivateOk;
    expect(((await activate(client, milano, { idempotencyKey: k })) as ActivateOk).paymentToken).toBe(a.paymentToken);
    expect(faultCode(await activate(client, milano))).toBe('PPT_PAGAMENTO_IN_CORSO');
  });
});

describe('rule 5: an expired token keeps the position locked until the cancellation job runs', () => {
  it('runs the job every cancelJobIntervalMs of simulator time', async () => {
    const t0 = clock.now();
    const a = (await activate(client, milano, { expirationTimeMs: 90_000 })) as ActivateOk;
    const expiresAt = t0 + 90_000;
    const job = Math.ceil(expiresAt / 60_000) * 60_000;
    expect(job).toBeGreaterThan(expiresAt);
    clock.set(expiresAt + 1);
    // expired, not yet cancelled: a new activation is still "in corso" (IDMP_ACT_19), a late OK is TOKEN_SCADUTO
    expect(faultCode(await activate(client, milano))).toBe('PPT_PAGAMENTO_IN_CORSO');
    expect(faultCode(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: key(), details }))).toBe('PPT_TOKEN_SCADUTO');
    clock.set(job - 1);
    expect(faultCode(await activate(client, milano))).toBe('PPT_PAGAMENTO_IN_CORSO');
    clock.set(job);
    const b = (await activate(client, milano)) as ActivateOk;
    expect(b.outcome).toBe('OK');
    expect(b.paymentToken).not.toBe(a.paymentToken);
  });

  it('with the period at 0 the job runs only when triggered (POST /admin/jobs/mod3Cancel)', async () => {
    await sim.close();
    sim = await startNodeSimulator({ clock, random: seededRandom(16), cancelJobIntervalMs: 0 });
    const c = createNodeClient({ url: sim.soapUrl, identity });
    await activate(c, milano, { expirationTimeMs: 1000 });
    clock.advance(3_600_000);
    expect(faultCode(await activate(c, milano))).toBe('PPT_PAGAMENTO_IN_CORSO');
    const run = (await (await fetch(`${sim.url}/admin/jobs/mod3Cancel`, { method: 'POST' })).json()) as { released: number };
    expect(run.released).toBe(1);
    expect((await activate(c, milano)).outcome).toBe('OK');
    await c.close();
  });
});

describe('rule 6: sendPaymentOutcomeV2 checks the tokens before the details, the stamps before the tokens', () => {
  const spoV2 = (opts: { key?: boolean; details?: string }) =>
    `<nod:sendPaymentOutcomeV2Request>${idXml()}${opts.key === false ? '' : `<idempotencyKey>${key()}</idempotencyKey>`}<paymentTokens><paymentToken>12345678901234567890123456789012</paymentToken></paymentTokens><outcome>OK</outcome>${opts.details ?? ''}</nod:sendPaymentOutcomeV2Request>`;
  const withStamp = (attachment: string) =>
    detailsXml.replace(
      '</details>',
      `<marcheDaBollo><marcaDaBollo><paymentToken>12345678901234567890123456789012</paymentToken><idTransfer>1</idTransfer><MBDAttachment>${attachment}</MBDAttachment></marcaDaBollo></marcheDaBollo></details>`,
    );
  const mbd = Buffer.from(
    `<marcaDaBollo xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"><PSP><CodiceFiscale>CF88888888888</CodiceFiscale><Denominazione>PSP</Denominazione></PSP><IUBD>01234567890123</IUBD><OraAcquisto>2022-02-06T15:00:44.659+01:00</OraAcquisto><Importo>16.00</Importo><TipoBollo>01</TipoBollo><ImprontaDocumento><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue xmlns="http://www.w3.org/2000/09/xmldsig#">wHpFSLCGZjIvNSXxqtGbxg7275t446DRTk5ZrsdUQ6E=</DigestValue></ImprontaDocumento></marcaDaBollo>`,
  ).toString('base64');

  it('no idempotency key and no details on an unknown token: PPT_TOKEN_SCONOSCIUTO, not EXTRAXSD (SIN_SPO_00)', async () => {
    const r = await post(envelope(spoV2({ key: false })), 'sendPaymentOutcomeV2');
    expect(r).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_TOKEN_SCONOSCIUTO' });
    // on a live token the missing details are the syntax error ("details mandatory")
    const a = (await activate(client, milano)) as ActivateOk;
    const live = await post(envelope(spoV2({ key: false }).replace('12345678901234567890123456789012', a.paymentToken)), 'sendPaymentOutcomeV2');
    expect(live).toMatchObject({ outcome: 'KO', faultCode: 'PPT_SINTASSI_EXTRAXSD' });
    expect(live.text).toContain('details mandatory');
  });

  it('an empty revenue-stamp attachment is PPT_SINTASSI_XSD; bad base64 EXTRAXSD; a valid stamp reaches the token check', async () => {
    const empty = await post(envelope(spoV2({ details: withStamp('') })), 'sendPaymentOutcomeV2');
    expect(empty).toMatchObject({ status: 200, outcome: 'KO', faultCode: 'PPT_SINTASSI_XSD' });
    expect(empty.text).toContain('Errore validazione marca da bollo');
    expect((await post(envelope(spoV2({ details: withStamp('s') })), 'sendPaymentOutcomeV2')).faultCode).toBe('PPT_SINTASSI_EXTRAXSD');
    const notAStamp = Buffer.from('<marcaDaBollo xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"><IUBD>1</IUBD></marcaDaBollo>').toString('base64');
    expect((await post(envelope(spoV2({ details: withStamp(notAStamp) })), 'sendPaymentOutcomeV2')).faultCode).toBe('PPT_SINTASSI_XSD');
    expect((await post(envelope(spoV2({ details: withStamp(mbd) })), 'sendPaymentOutcomeV2')).faultCode).toBe('PPT_TOKEN_SCONOSCIUTO');
  });
});
