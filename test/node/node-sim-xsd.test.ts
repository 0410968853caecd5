// The simulator's in-process XSD validator agrees with `xmllint --schema nodeForPsp.xsd` on a corpus of
// valid requests and of mutations that break (or, subtly, do not break) the schema (issue #3 §2).
import { describe, expect, it } from 'vitest';
import { buildActivateBody, buildOutcomeBody, buildVerificaBollettinoBody, buildVerifyBody } from '../../src/main/core/node/requests';
import { parseXmlTree } from '../../src/main/node-sim/xml-tree';
import { validateRequestElement } from '../../src/main/node-sim/xsd-validator';
import { xmllintValidate } from './node-helpers/xmllint';

const id = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const qr = { fiscalCode: '01199250158', noticeNumber: '301202600000000167' };
const details = {
  paymentMethod: 'cash',
  paymentChannel: 'frontOffice',
  feeCents: 200,
  payer: { type: 'G', id: '01199250158', fullName: 'Ditta Rossi' },
  applicationDate: '2026-11-22',
  transferDate: '2026-11-23',
} as const;

const verify = buildVerifyBody(id, qr);
const bollettino = buildVerificaBollettinoBody(id, { ccPost: '001234567890', noticeNumber: qr.noticeNumber });
const act1 = buildActivateBody(id, { ...qr, amountCents: 12_350, idempotencyKey: '88888888888_AbCdEf1234', expirationTimeMs: 60_000, dueDate: '2026-12-31', paymentNote: 'nota' }, 'v1');
const act2 = buildActivateBody(id, { ...qr, amountCents: 12_350, idempotencyKey: '88888888888_AbCdEf1234', paymentMethod: 'PO', touchPoint: 'TS' }, 'v2');
const spo1 = buildOutcomeBody(id, { paymentTokens: ['tok1'], outcome: 'OK', idempotencyKey: '88888888888_AbCdEf1234', details }, 'v1');
const spo2 = buildOutcomeBody(id, { paymentTokens: ['tok1', 'tok2'], outcome: 'OK', idempotencyKey: '88888888888_AbCdEf1234', details }, 'v2');
const NS = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';

const sub = (doc: string, from: string | RegExp, to: string) => {
  const out = doc.replace(from, to);
  if (out === doc) throw new Error(`mutation did not apply: ${String(from)}`);
  return out;
};

const corpus: [string, string][] = [
  ['verify', verify],
  ['bollettino', bollettino],
  ['activate v1', act1],
  ['activate v2', act2],
  ['outcome v1', spo1],
  ['outcome v2', spo2],
  ['outcome v2 KO', buildOutcomeBody(id, { paymentTokens: ['t'], outcome: 'KO', idempotencyKey: '88888888888_AbCdEf1234' }, 'v2')],
  ['whitespace between elements', sub(verify, '<qrCode>', '\n  <!-- c --> <qrCode>\n')],
  ['other prefix', sub(verify, /nod([:=])/g, 'x$1')],
  [
    'default namespace with xmlns="" children',
    sub(sub(verify, '<nod:verifyPaymentNoticeReq xmlns:nod=', '<verifyPaymentNoticeReq xmlns='), '</nod:verifyPaymentNoticeReq>', '</verifyPaymentNoticeReq>').replace(
      /<(idPSP|idBrokerPSP|idChannel|password|qrCode)>/g,
      '<$1 xmlns="">',
    ),
  ],
  ['default namespace qualifies children', sub(sub(verify, '<nod:verifyPaymentNoticeReq xmlns:nod=', '<verifyPaymentNoticeReq xmlns='), '</nod:verifyPaymentNoticeReq>', '</verifyPaymentNoticeReq>')],
  ['qualified child', sub(sub(verify, '<idPSP>', '<nod:idPSP>'), '</idPSP>', '</nod:idPSP>')],
  ['wrong root namespace', sub(verify, `xmlns:nod="${NS}"`, 'xmlns:nod="urn:other"')],
  ['missing required element', sub(verify, /<idChannel>[^<]*<\/idChannel>/, '')],
  ['elements out of order', sub(verify, '<idPSP>88888888888</idPSP><idBrokerPSP>88888888888</idBrokerPSP>', '<idBrokerPSP>88888888888</idBrokerPSP><idPSP>88888888888</idPSP>')],
  ['unknown element', sub(verify, '<qrCode>', '<extra>1</extra><qrCode>')],
  ['duplicated element', sub(verify, '<idPSP>88888888888</idPSP>', '<idPSP>88888888888</idPSP><idPSP>88888888888</idPSP>')],
  ['attribute', sub(verify, '<idPSP>', '<idPSP foo="1">')],
  ['text in complex element', sub(verify, '<qrCode>', '<qrCode>oops')],
  ['child in simple element', sub(verify, '<idPSP>88888888888</idPSP>', '<idPSP><b>8</b></idPSP>')],
  ['notice 17 digits', sub(verify, '301202600000000167', '30120260000000016')],
  ['notice with letters', sub(verify, '301202600000000167', '30120260000000016A')],
  ['notice with arabic-indic digit (\\d is Unicode Nd)', sub(verify, '301202600000000167', '30120260000000016٧')],
  ['notice padded with spaces (string preserves whitespace)', sub(verify, '301202600000000167', ' 301202600000000167 ')],
  ['fiscal code 12 digits', sub(verify, '01199250158', '011992501580')],
  ['password 7 chars', sub(verify, 'pwdpwdpwd', 'pwdpwdp')],
  ['password 15 chars', sub(verify, 'pwdpwdpwd', 'pwdpwdpwdpwdpwd')],
  ['password 16 chars', sub(verify, 'pwdpwdpwd', 'pwdpwdpwdpwdpwdp')],
  ['password 8 multibyte chars', sub(verify, 'pwdpwdpwd', 'àèìòùàèì')],
  ['empty idPSP', sub(verify, '<idPSP>88888888888</idPSP>', '<idPSP/>')],
  ['idPSP 36 chars', sub(verify, '<idPSP>88888888888</idPSP>', `<idPSP>${'x'.repeat(36)}</idPSP>`)],
  ['ccPost 11 digits', sub(bollettino, '001234567890', '00123456789')],
  ['amount one decimal', sub(act1, '<amount>123.50</amount>', '<amount>123.5</amount>')],
  ['amount no decimals', sub(act1, '<amount>123.50</amount>', '<amount>123</amount>')],
  ['amount at max', sub(act1, '<amount>123.50</amount>', '<amount>999999999.99</amount>')],
  ['amount above max', sub(act1, '<amount>123.50</amount>', '<amount>1000000000.00</amount>')],
  ['amount negative', sub(act1, '<amount>123.50</amount>', '<amount>-1.00</amount>')],
  ['amount surrounded by whitespace (decimal collapses)', sub(act1, '<amount>123.50</amount>', '<amount> 123.50\n</amount>')],
  ['amount leading zeros', sub(act1, '<amount>123.50</amount>', '<amount>000123.50</amount>')],
  ['expirationTime max', sub(act1, '<expirationTime>60000</expirationTime>', '<expirationTime>1800000</expirationTime>')],
  ['expirationTime above max', sub(act1, '<expirationTime>60000</expirationTime>', '<expirationTime>1800001</expirationTime>')],
  ['expirationTime negative (schema allows it)', sub(act1, '<expirationTime>60000</expirationTime>', '<expirationTime>-5</expirationTime>')],
  ['expirationTime decimal', sub(act1, '<expirationTime>60000</expirationTime>', '<expirationTime>60000.0</expirationTime>')],
  ['dueDate 30 Feb', sub(act1, '2026-12-31', '2026-02-30')],
  ['dueDate 29 Feb leap year', sub(act1, '2026-12-31', '2024-02-29')],
  ['dueDate 29 Feb non-leap', sub(act1, '2026-12-31', '2023-02-29')],
  ['dueDate with timezone', sub(act1, '2026-12-31', '2026-12-31+01:00')],
  ['dueDate as dateTime', sub(act1, '2026-12-31', '2026-12-31T00:00:00')],
  ['dueDate month 13', sub(act1, '2026-12-31', '2026-13-01')],
  ['paymentNote 210', sub(act1, '<paymentNote>nota</paymentNote>', `<paymentNote>${'n'.repeat(210)}</paymentNote>`)],
  ['paymentNote 211', sub(act1, '<paymentNote>nota</paymentNote>', `<paymentNote>${'n'.repeat(211)}</paymentNote>`)],
  ['paymentNote empty', sub(act1, '<paymentNote>nota</paymentNote>', '<paymentNote></paymentNote>')],
  ['idempotencyKey 1-char prefix', sub(act1, '88888888888_AbCdEf1234', '8_AbCdEf1234')],
  ['idempotencyKey 19-char prefix', sub(act1, '88888888888_AbCdEf1234', '8888888888888888888_AbCdEf1234')],
  ['idempotencyKey 18-char prefix', sub(act1, '88888888888_AbCdEf1234', '888888888888888888_AbCdEf1234')],
  ['idempotencyKey 9-char suffix', sub(act1, '88888888888_AbCdEf1234', '88888888888_AbCdEf123')],
  ['idempotencyKey with dash', sub(act1, '88888888888_AbCdEf1234', '8888-888888_AbCdEf1234')],
  ['V2 fields in V1 request', sub(act1, '</nod:activatePaymentNoticeReq>', '<paymentMethod>PO</paymentMethod></nod:activatePaymentNoticeReq>')],
  ['paymentMethod not in enumeration', sub(act2, '<paymentMethod>PO</paymentMethod>', '<paymentMethod>XX</paymentMethod>')],
  ['touchPoint lowercase', sub(act2, '<touchPoint>TS</touchPoint>', '<touchPoint>ts</touchPoint>')],
  ['touchPoint before paymentMethod', sub(act2, '<paymentMethod>PO</paymentMethod><touchPoint>TS</touchPoint>', '<touchPoint>TS</touchPoint><paymentMethod>PO</paymentMethod>')],
  ['outcome lowercase', sub(spo1, '<outcome>OK</outcome>', '<outcome>ok</outcome>')],
  ['paymentMethod with trailing space (string enum)', sub(spo1, '<paymentMethod>cash</paymentMethod>', '<paymentMethod>cash </paymentMethod>')],
  ['payer type X', sub(spo1, '<entityUniqueIdentifierType>G</entityUniqueIdentifierType>', '<entityUniqueIdentifierType>X</entityUniqueIdentifierType>')],
  ['payer id 1 char', sub(spo1, '<entityUniqueIdentifierValue>01199250158</entityUniqueIdentifierValue>', '<entityUniqueIdentifierValue>0</entityUniqueIdentifierValue>')],
  [
    'payer full address',
    sub(
      spo1,
      '<fullName>Ditta Rossi</fullName>',
      '<fullName>Ditta Rossi</fullName><streetName>Via Roma</streetName><civicNumber>1</civicNumber><postalCode>20100</postalCode><city>Milano</city><stateProvinceRegion>MI</stateProvinceRegion><country>IT</country><e-mail>a.b+c@example.it</e-mail>',
    ),
  ],
  ['payer country lowercase', sub(spo1, '<fullName>Ditta Rossi</fullName>', '<fullName>Ditta Rossi</fullName><country>it</country>')],
  ['payer bad e-mail', sub(spo1, '<fullName>Ditta Rossi</fullName>', '<fullName>Ditta Rossi</fullName><e-mail>not-an-email</e-mail>')],
  ['details without fee', sub(spo1, '<fee>2.00</fee>', '')],
  ['V1 outcome with paymentTokens', sub(spo1, '<paymentToken>tok1</paymentToken>', '<paymentTokens><paymentToken>tok1</paymentToken></paymentTokens>')],
  ['V2 outcome 5 tokens', sub(spo2, '<paymentToken>tok2</paymentToken>', '<paymentToken>2</paymentToken><paymentToken>3</paymentToken><paymentToken>4</paymentToken><paymentToken>5</paymentToken>')],
  [
    'V2 outcome 6 tokens',
    sub(
      spo2,
      '<paymentToken>tok2</paymentToken>',
      '<paymentToken>2</paymentToken><paymentToken>3</paymentToken><paymentToken>4</paymentToken><paymentToken>5</paymentToken><paymentToken>6</paymentToken>',
    ),
  ],
  ['V2 outcome empty paymentTokens', sub(spo2, /<paymentTokens>.*<\/paymentTokens>/, '<paymentTokens></paymentTokens>')],
  ['V2 token 36 chars', sub(spo2, '<paymentToken>tok2</paymentToken>', `<paymentToken>${'t'.repeat(36)}</paymentToken>`)],
  ['V2 details with bundle fields', sub(spo2, '<fee>2.00</fee>', '<fee>2.00</fee><primaryCiIncurredFee>0.50</primaryCiIncurredFee><idBundle>b1</idBundle><idCiBundle>c1</idCiBundle>')],
  [
    'V2 details with marcheDaBollo',
    sub(
      spo2,
      '<transferDate>2026-11-23</transferDate>',
      '<transferDate>2026-11-23</transferDate><marcheDaBollo><marcaDaBollo><paymentToken>tok1</paymentToken><idTransfer>1</idTransfer><MBDAttachment>QUJD</MBDAttachment></marcaDaBollo></marcheDaBollo>',
    ),
  ],
  [
    'marcaDaBollo idTransfer 6',
    sub(
      spo2,
      '<transferDate>2026-11-23</transferDate>',
      '<transferDate>2026-11-23</transferDate><marcheDaBollo><marcaDaBollo><paymentToken>tok1</paymentToken><idTransfer>6</idTransfer><MBDAttachment>QUJD</MBDAttachment></marcaDaBollo></marcheDaBollo>',
    ),
  ],
  [
    'marcaDaBollo bad base64',
    sub(
      spo2,
      '<transferDate>2026-11-23</transferDate>',
      '<transferDate>2026-11-23</transferDate><marcheDaBollo><marcaDaBollo><paymentToken>tok1</paymentToken><idTransfer>1</idTransfer><MBDAttachment>QUJ</MBDAttachment></marcaDaBollo></marcheDaBollo>',
    ),
  ],
  ['unknown operation element', sub(sub(verify, '<nod:verifyPaymentNoticeReq', '<nod:verifyPaymentNoticeReqX'), '</nod:verifyPaymentNoticeReq>', '</nod:verifyPaymentNoticeReqX>')],
];

describe('in-process XSD validator vs xmllint', () => {
  it(`agrees with xmllint on all ${corpus.length} corpus documents`, async () => {
    const lint = await xmllintValidate(corpus.map(([, d]) => d));
    const ours = corpus.map(([, d]) => {
      try {
        return validateRequestElement(parseXmlTree(d)).ok;
      } catch {
        return false; // not namespace-well-formed
      }
    });
    const disagreements = corpus.map(([name], i) => `${name}: xmllint=${lint[i]} ours=${ours[i]}`).filter((_, i) => lint[i] !== ours[i]);
    expect(disagreements).toEqual([]);
    // The corpus exercises both sides.
    expect(lint.filter(Boolean).length).toBeGreaterThan(15);
    expect(lint.filter((v) => !v).length).toBeGreaterThan(30);
  });

  it('explains what is wrong', () => {
    const r = validateRequestElement(parseXmlTree(sub(verify, '<idPSP>88888888888</idPSP><idBrokerPSP>88888888888</idBrokerPSP>', '<idBrokerPSP>88888888888</idBrokerPSP><idPSP>88888888888</idPSP>')));
    expect(r).toEqual({ ok: false, error: expect.stringContaining('idBrokerPSP: this element is not expected; expected is ( idPSP )') });
  });
});
