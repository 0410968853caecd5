// Distrust the node (issue #10 §3): a hostile nodeForPsp behind a real SOAP client and the real payment
// engine. Every case is refused before any money moves; no control byte reaches the database (and so the
// screen or the printer, which read the payment from there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import { startCaptureServer, type Captured } from './node-helpers/capture-server';
import { makeRig, type Rig } from './payments-helpers';

const EC = '01199250158';
const OTHER_EC = '77777777777';
const NOTICE = '301202600000000103';
const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CTRL = /[\u0000-\u001F\u007F-\u009F]/;

type Answers = { verify: string; activate: string };
let answers: Answers;
let server: Awaited<ReturnType<typeof startCaptureServer>>;

const env = (body: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
function verify(o: { amount?: string; fiscalCodePA?: string; companyName?: string; description?: string } = {}): string {
  return env(
    `<nfpsp:verifyPaymentNoticeRes xmlns:nfpsp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome><paymentList><paymentOptionDescription><amount>${o.amount ?? '123.50'}</amount><options>EQ</options></paymentOptionDescription></paymentList>` +
      `<paymentDescription>${o.description ?? 'TARI 2026'}</paymentDescription><fiscalCodePA>${o.fiscalCodePA ?? EC}</fiscalCodePA><companyName>${o.companyName ?? 'Comune di Milano'}</companyName></nfpsp:verifyPaymentNoticeRes>`,
  );
}
let tokenSeq = 0;
function activate(o: { total?: string; fiscalCodePA?: string; token?: string } = {}): string {
  const total = o.total ?? '123.50';
  return env(
    `<ns2:activatePaymentNoticeV2Response xmlns:ns2="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome><totalAmount>${total}</totalAmount><paymentDescription>TARI 2026</paymentDescription><fiscalCodePA>${o.fiscalCodePA ?? EC}</fiscalCodePA><companyName>Comune di Milano</companyName>` +
      `<paymentToken>${o.token ?? `tok${(tokenSeq += 1)}`}</paymentToken><transferList><transfer><idTransfer>1</idTransfer><transferAmount>${total}</transferAmount><fiscalCodePA>${EC}</fiscalCodePA><IBAN>IT60X0542811101000000123456</IBAN><remittanceInformation>TARI</remittanceInformation></transfer></transferList></ns2:activatePaymentNoticeV2Response>`,
  );
}
const OUTCOME_OK = env('<nfpsp:sendPaymentOutcomeV2Response xmlns:nfpsp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome></nfpsp:sendPaymentOutcomeV2Response>');

function answer(c: Captured): { status: number; body: string } {
  if (c.body.includes('verifyPaymentNoticeReq')) return { status: 200, body: answers.verify };
  if (c.body.includes('activatePaymentNoticeV2Req')) return { status: 200, body: answers.activate };
  return { status: 200, body: OUTCOME_OK };
}
const ops = () =>
  server.requests.map((r) =>
    r.body.includes('verifyPaymentNoticeReq') ? 'verify' : r.body.includes('activatePaymentNoticeV2Req') ? 'activate' : r.body.includes('sendPaymentOutcome') ? 'outcome' : 'other',
  );

let rig: Rig;
beforeAll(async () => {
  server = await startCaptureServer(answer);
  rig = makeRig(createNodeClient({ url: `${server.url}/node`, identity, timeouts: { verifyMs: 2000, activateMs: 2000, outcomeMs: 2000 } }));
});
afterAll(async () => {
  rig.close();
  await server.close();
});

const scanned = { fiscalCode: EC, noticeNumber: NOTICE, amountCents: 12_350, format: 'qr' as const };
const counter = { mode: 'counter' as const, operatorId: 'mario' };

function reset(a: Partial<Answers>): void {
  answers = { verify: verify(), activate: activate(), ...a };
  server.requests.length = 0;
  rig.db.prepare("UPDATE payments SET state = 'voided' WHERE state NOT IN ('voided', 'confirmed', 'printed')").run();
}

describe('a hostile node is refused before any money moves', () => {
  it('verify answering €1,000,000,001.99 for a notice printed at €123,50: refused, no activation', async () => {
    reset({ verify: verify({ amount: '1000000001.99' }) });
    // Beyond stAmount: the answer is malformed, and a nonsense answer never becomes an offline collection.
    expect(await rig.engine.lookup(scanned, counter)).toMatchObject({ kind: 'refused', category: 'node-error' });
    // Within stAmount but above the ceiling (default €99.999,99).
    reset({ verify: verify({ amount: '100000.00' }) });
    expect(await rig.engine.lookup(scanned, counter)).toMatchObject({ kind: 'refused', category: 'amount-out-of-range' });
    expect(ops()).toEqual(['verify']);
    expect(rig.db.prepare("SELECT COUNT(*) AS n FROM payments WHERE state NOT IN ('voided')").get()).toEqual({ n: 0 });
  });

  it('verify for another creditor (fiscalCodePA differs from the scanned one): refused, no activation', async () => {
    reset({ verify: verify({ fiscalCodePA: OTHER_EC }) });
    const q = await rig.engine.lookup(scanned, counter);
    expect(q).toMatchObject({ kind: 'refused', category: 'node-answer-mismatch' });
    expect(q.kind === 'refused' && q.message).toMatch(/different creditor/);
    expect(ops()).toEqual(['verify']);
  });

  it('amounts above a configured ceiling are refused', async () => {
    const tight = makeRig(createNodeClient({ url: `${server.url}/node`, identity }), { config: { node: { maxNoticeAmountCents: 10_000 } } });
    try {
      reset({});
      expect(await tight.engine.lookup(scanned, counter)).toMatchObject({ kind: 'refused', category: 'amount-out-of-range' });
    } finally {
      tight.close();
    }
  });

  it('activate for another creditor: the token is released (outcome KO), nothing is collected', async () => {
    reset({ activate: activate({ fiscalCodePA: OTHER_EC }) });
    const q = await rig.engine.lookup(scanned, counter);
    expect(q.kind).toBe('online');
    const id = q.kind === 'online' ? q.paymentId : '';
    const b = await rig.engine.begin(id, 'cash');
    expect(b).toMatchObject({ kind: 'refused', category: 'node-answer-mismatch' });
    expect(ops()).toEqual(['verify', 'activate', 'outcome']);
    expect(server.requests.at(-1)?.body).toMatch(/<outcome>KO<\/outcome>/);
    const p = rig.engine.get(id);
    expect(p?.state).toBe('voided');
    expect(p?.collectedCents ?? null).toBeNull();
  });

  it('activate with an insane total: released (KO), refused', async () => {
    reset({ activate: activate({ total: '100000.00' }) });
    const q = await rig.engine.lookup(scanned, counter);
    const id = q.kind === 'online' ? q.paymentId : '';
    expect(await rig.engine.begin(id, 'card')).toMatchObject({ kind: 'refused', category: 'amount-out-of-range' });
    expect(server.requests.at(-1)?.body).toMatch(/<outcome>KO<\/outcome>/);
    expect(rig.engine.get(id)?.state).toBe('voided');
  });

  it('a control byte in an identifier (payment token) makes the answer malformed: no activation is kept', async () => {
    reset({ activate: activate({ token: 'tok&#0;\u001b@' }) });
    const q = await rig.engine.lookup(scanned, counter);
    const id = q.kind === 'online' ? q.paymentId : '';
    const b = await rig.engine.begin(id, 'cash');
    expect(b).toMatchObject({ kind: 'refused', category: 'node-error' });
    const p = rig.engine.get(id);
    expect(p?.paymentToken ?? null).toBeNull();
    expect(p?.mode).toBe('online'); // never fell back to an offline collection
  });

  it('NUL, ESC and GS in the node text fields never reach the database (the screen and the printer read it)', async () => {
    reset({ verify: verify({ companyName: 'Comune\u001b@ di\u001dV\u0001 Milano&#x1b;', description: 'TARI&#0;\u0007 2026\u0085\u202e' }) });
    const q = await rig.engine.lookup(scanned, counter);
    expect(q).toMatchObject({ kind: 'online', companyName: 'Comune@ diV Milano', description: 'TARI 2026' });
    const id = q.kind === 'online' ? q.paymentId : '';
    const row = rig.db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as Record<string, unknown>;
    for (const [k, v] of Object.entries(row)) if (typeof v === 'string') expect(CTRL.test(v), `payments.${k}`).toBe(false);
    const journal = rig.db.prepare('SELECT data FROM journal').all() as { data: string }[];
    for (const j of journal) expect(CTRL.test(j.data)).toBe(false);
  });
});
