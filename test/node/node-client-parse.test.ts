// Parsing of real response shapes (fixture files in test/fixtures/soap: SANP examples, other prefixes,
// standin, multi-transfer, marca da bollo, extended fault bean, SOAP Faults) and of malformed answers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeCallError } from '../../src/main/core/node/errors';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { NodeClient } from '../../src/main/core/node/types';
import { startCaptureServer } from './node-helpers/capture-server';

const FIX = path.resolve(__dirname, '../fixtures/soap');
const fixture = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const qr = { fiscalCode: '77777777777', noticeNumber: '311111111112222222' };
const act = { ...qr, amountCents: 3000, idempotencyKey: '88888888888_AbCdEf1234' };

let next: { status: number; body: string } = { status: 200, body: '' };
let server: Awaited<ReturnType<typeof startCaptureServer>>;
let v1: NodeClient;
let v2: NodeClient;
beforeAll(async () => {
  server = await startCaptureServer(() => next);
  v1 = createNodeClient({ url: server.url, identity, apiVersion: 'v1' });
  v2 = createNodeClient({ url: server.url, identity });
});
afterAll(async () => {
  await v1.close();
  await v2.close();
  await server.close();
});
const answer = (body: string, status = 200) => (next = { status, body });

async function callError(p: Promise<unknown>): Promise<NodeCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NodeCallError) return e;
    throw e;
  }
  throw new Error('expected a NodeCallError');
}

describe('real response shapes', () => {
  it('SANP verify example (nfpsp: prefix)', async () => {
    answer(fixture('verify-ok-sanp-nfpsp.xml'));
    expect(await v2.verifyPaymentNotice(qr)).toEqual({
      outcome: 'OK',
      amountCents: 3000,
      options: 'EQ',
      paymentNote: 'test',
      paymentDescription: 'payment',
      fiscalCodePA: '77777777777',
      companyName: 'company EC',
      officeName: 'office EC',
      standin: false,
      // Every option, not only the first (issue #12 §7).
      paymentOptions: [{ amountCents: 3000, options: 'EQ', paymentNote: 'test' }],
    });
  });

  it('stand-in verify with a default namespace, entities and a due date', async () => {
    answer(fixture('verify-ok-standin-default-ns.xml'));
    expect(await v2.verifyPaymentNotice(qr)).toMatchObject({ outcome: 'OK', amountCents: 123_456, dueDate: '2026-12-31', paymentDescription: 'TARI & TEFA 2026 – saldo', standin: true });
  });

  it('SANP activate V1 example with two transfers', async () => {
    answer(fixture('activate-v1-ok-sanp-multi-transfer.xml'));
    const r = await v1.activatePaymentNotice(act);
    expect(r).toMatchObject({ outcome: 'OK', totalAmountCents: 3000, paymentToken: 'c110729d258c4ab1b765fe902aae41d6', creditorReferenceId: '11111111112222222', standin: false });
    expect(r.outcome === 'OK' && r.transfers).toEqual([
      { idTransfer: 1, amountCents: 2000, fiscalCodePA: '77777777777', iban: 'IT0000000000000000000000000', remittanceInformation: 'remittanceInformation1' },
      { idTransfer: 2, amountCents: 1000, fiscalCodePA: '77777777778', iban: 'IT0000000000000000000000001', remittanceInformation: 'remittanceInformation2' },
    ]);
  });

  it('activate V2 (ns2:) with a marca da bollo transfer, transferCategory, suggestedUserFee and standin', async () => {
    answer(fixture('activate-v2-ok-ns2-bollo.xml'));
    const r = await v2.activatePaymentNotice(act);
    expect(r).toMatchObject({ outcome: 'OK', totalAmountCents: 11_600, suggestedUserFeeCents: 150, standin: true });
    expect(r.outcome === 'OK' && r.transfers.map((t) => [t.amountCents, t.iban, t.transferCategory, t.companyName])).toEqual([
      [10_000, 'IT60X0542811101000000123456', '9/0101108TS/', 'Comune di Milano'],
      [1_600, undefined, undefined, undefined],
    ]);
    // Issue #12 §7: the stamp transfer is marked, so the engine can refuse the notice before any money moves.
    expect(r.outcome === 'OK' && r.transfers.map((t) => t.richiestaMarcaDaBollo ?? false)).toEqual([false, true]);
    // No suggestedPaFee / bundle ids in this answer: nothing invented.
    expect(r).not.toHaveProperty('suggestedPaFeeCents');
    expect(r).not.toHaveProperty('suggestedIdBundle');
  });

  it('activate V2 with every GEC field (issue #12 §4) and a verify with several payment options (§7)', async () => {
    const xml = fixture('activate-v2-ok-ns2-bollo.xml').replace(
      '<suggestedUserFee>1.50</suggestedUserFee>',
      '<suggestedUserFee>1.00</suggestedUserFee><suggestedPaFee>0.50</suggestedPaFee><suggestedIdBundle>B-1</suggestedIdBundle><suggestedIdCiBundle>CI-9</suggestedIdCiBundle>',
    );
    answer(xml);
    expect(await v2.activatePaymentNotice(act)).toMatchObject({ suggestedUserFeeCents: 100, suggestedPaFeeCents: 50, suggestedIdBundle: 'B-1', suggestedIdCiBundle: 'CI-9' });
    const options = [
      '<paymentOptionDescription><amount>600.00</amount><options>EQ</options></paymentOptionDescription>',
      '<paymentOptionDescription><amount>300.00</amount><options>EQ</options><dueDate>2027-06-30</dueDate><paymentNote>Rata 2</paymentNote></paymentOptionDescription>',
    ];
    answer(
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><n:verifyPaymentNoticeRes xmlns:n="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome><paymentList>${options.join('')}</paymentList><fiscalCodePA>77777777777</fiscalCodePA></n:verifyPaymentNoticeRes></soapenv:Body></soapenv:Envelope>`,
    );
    const v = await v2.verifyPaymentNotice(qr);
    expect(v.outcome === 'OK' && v.paymentOptions).toEqual([
      { amountCents: 60_000, options: 'EQ' },
      { amountCents: 30_000, options: 'EQ', dueDate: '2027-06-30', paymentNote: 'Rata 2' },
    ]);
  });

  it('KO with the extended fault bean', async () => {
    answer(fixture('activate-ko-paa-scaduto.xml'));
    expect(await v2.activatePaymentNotice(act)).toEqual({
      outcome: 'KO',
      fault: {
        faultCode: 'PPT_ERRORE_EMESSO_DA_PAA',
        faultString: "Errore restituito dall'ente creditore",
        id: '77777777777',
        description: 'scaduto',
        serial: 1,
        originalFaultCode: 'PAA_PAGAMENTO_SCADUTO',
        originalFaultString: 'Pagamento in attesa risulta scaduto alla PAA.',
      },
    });
  });

  it('outcome OK', async () => {
    answer(fixture('outcome-ok.xml'));
    expect(await v2.sendPaymentOutcome({ paymentTokens: ['t'], outcome: 'KO', idempotencyKey: act.idempotencyKey })).toEqual({ outcome: 'OK' });
  });

  it('SOAP Faults: Server → maybe processed, Client → not processed', async () => {
    answer(fixture('soap-fault-server.xml'), 500);
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'http', httpStatus: 500, maybeProcessed: true, soapFault: { faultcode: 'soap:Server', faultstring: 'Internal error' } });
    answer(fixture('soap-fault-client.xml'), 500);
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'http', maybeProcessed: false, soapFault: { faultcode: 'soap:Client' } });
  });
});

describe('malformed or unexpected answers are typed errors', () => {
  const sanpVerify = () => fixture('verify-ok-sanp-nfpsp.xml');
  const sanpActivate = () => fixture('activate-v1-ok-sanp-multi-transfer.xml');
  it.each([
    ['empty body', () => ''],
    ['truncated XML', () => sanpVerify().slice(0, 200)],
    ['not XML', () => '<html><body>Bad gateway</body></html>'],
    ['another operation', () => fixture('outcome-ok.xml')],
    ['amount with one decimal', () => sanpVerify().replace('30.00', '30.0')],
    ['amount zero (stAmountNotZero)', () => sanpVerify().replace('30.00', '0.00')],
    ['outcome neither OK nor KO', () => sanpVerify().replace('<outcome>OK', '<outcome>MAYBE')],
    ['KO without fault', () => sanpVerify().replace('<outcome>OK', '<outcome>KO')],
    ['OK without paymentList', () => sanpVerify().replace(/<paymentList>[\s\S]*<\/paymentList>/, '')],
    ['standin not boolean', () => sanpVerify().replace('<standin>false', '<standin>no')],
    ['fiscalCodePA 10 digits', () => sanpVerify().replace('<fiscalCodePA>77777777777', '<fiscalCodePA>7777777777')],
    ['two outcome elements', () => sanpVerify().replace('<outcome>OK</outcome>', '<outcome>OK</outcome><outcome>OK</outcome>')],
  ])('verify: %s', async (_name, body) => {
    answer(body());
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'malformed-response', maybeProcessed: true, operation: 'verifyPaymentNotice' });
  });

  it.each([
    ['no paymentToken', () => sanpActivate().replace(/<paymentToken>[^<]*<\/paymentToken>/, '')],
    ['no totalAmount', () => sanpActivate().replace(/<totalAmount>[^<]*<\/totalAmount>/, '')],
    ['paymentToken 36 chars', () => sanpActivate().replace('c110729d258c4ab1b765fe902aae41d6', 'c'.repeat(36))],
    ['idTransfer 6', () => sanpActivate().replace('<idTransfer>2', '<idTransfer>6')],
    ['V1 transfer without IBAN', () => sanpActivate().replace(/<IBAN>IT0000000000000000000000001<\/IBAN>/, '')],
  ])('activate: %s', async (_name, body) => {
    answer(body());
    expect(await callError(v1.activatePaymentNotice(act))).toMatchObject({ kind: 'malformed-response', maybeProcessed: true });
  });

  it('HTTP errors without a SOAP body', async () => {
    answer('<html>502 Bad Gateway</html>', 502);
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'http', httpStatus: 502, maybeProcessed: true });
    answer('Not Found', 404);
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'http', httpStatus: 404, maybeProcessed: false });
    answer('{"statusCode":401}', 401);
    expect(await callError(v2.verifyPaymentNotice(qr))).toMatchObject({ kind: 'unauthorized', maybeProcessed: false });
  });
});
