// The request side of wsdl/xsd/nodeForPsp.xsd (+ xsd-common/sac-common-types-1.0.xsd) as data, for the
// in-process validator. Names, order, cardinalities and facets are transcribed from the XSDs; the
// xmllint-agreement test (test/node/node-sim-xsd.test.ts) keeps this honest.
export type SimpleType =
  | { kind: 'string'; name: string; minLength?: number; maxLength?: number; length?: number; pattern?: string; enumeration?: readonly string[] }
  | { kind: 'decimal'; name: string; pattern?: string; minInclusive?: string; maxInclusive?: string }
  | { kind: 'integer'; name: string; maxInclusive?: bigint }
  | { kind: 'int'; name: string; enumeration?: readonly string[] }
  | { kind: 'date'; name: string }
  | { kind: 'boolean'; name: string }
  | { kind: 'base64'; name: string };

export type Particle = { el: string; type: SimpleType | ComplexType; min: number; max: number } | { choice: { el: string; type: SimpleType | ComplexType }[]; min: number; max: number };

export type ComplexType = { kind: 'complex'; name: string; seq: Particle[] };

const str = (name: string, f: Omit<Extract<SimpleType, { kind: 'string' }>, 'kind' | 'name'> = {}): SimpleType => ({ kind: 'string', name, ...f });
const text = (n: number) => str(`stText${n}`, { minLength: 1, maxLength: n });

// sac-common-types-1.0.xsd
const stPassword = str('stPassword', { minLength: 8, maxLength: 15 });
const stFiscalCodePA = str('stFiscalCodePA', { length: 11, pattern: '[0-9]{11}' });
const stNoticeNumber = str('stNoticeNumber', { pattern: '[0-9]{18}' });
const stOutcome = str('stOutcome', { enumeration: ['OK', 'KO'] });
const stAmount: SimpleType = { kind: 'decimal', name: 'stAmount', pattern: '\\d+\\.\\d{2}', maxInclusive: '999999999.99' };
const stPaymentToken = str('stPaymentToken', { minLength: 1, maxLength: 35 });
const stISODate: SimpleType = { kind: 'date', name: 'stISODate' };
const stNazioneProvincia = str('stNazioneProvincia', { pattern: '[A-Z]{2,2}' });
const stEMail = str('stEMail', { pattern: '[a-zA-Z0-9_\\.\\+\\-]+@[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*', maxLength: 256 });

// nodeForPsp.xsd
const id35 = (name: string) => str(name, { minLength: 1, maxLength: 35 });
const stIdPSP = id35('stIdPSP');
const stIdBroker = id35('stIdBroker');
const stIdChannel = id35('stIdChannel');
const stIdempotencyKey = str('stIdempotencyKey', { pattern: '[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}' });
const stExpirationTime: SimpleType = { kind: 'integer', name: 'stExpirationTime', maxInclusive: 1_800_000n };
const stText210 = str('stText210', { minLength: 1, maxLength: 210 });
const stPostalAccount = str('stPostalAccount', { length: 12, pattern: '[0-9]{12}' });
const stPaymentMethodFee = str('stPaymentMethodFee', { enumeration: ['BBT', 'BP', 'AD', 'CP', 'PO', 'OBEP', 'JIF', 'MYBK', 'PPAL'], maxLength: 4 });
const stTouchpointFee = str('stTouchpointFee', { enumeration: ['IO', 'WISP', 'CHECKOUT', 'PSP', 'ATM', 'BETTING', 'TS', 'HB', 'POS'], maxLength: 10 });
const stPaymentMethod = str('stPaymentMethod', { enumeration: ['cash', 'creditCard', 'bancomat', 'other'] });
const stPaymentChannel = str('stPaymentChannel', { enumeration: ['frontOffice', 'atm', 'onLine', 'app', 'other'] });
const stEntityUniqueIdentifierType = str('stEntityUniqueIdentifierType', { enumeration: ['F', 'G'], length: 1 });
const stEntityUniqueIdentifierValue = str('stEntityUniqueIdentifierValue', { minLength: 2, maxLength: 16 });
const stIdentificativoSoggettoServizio = str('stIdentificativoSoggettoServizio', { length: 5 });
const stCommissione = str('stCommissione', { enumeration: ['Y', 'N'] });
const stText35 = text(35);
const stIdTransfer: SimpleType = { kind: 'int', name: 'stIdTransfer', enumeration: ['1', '2', '3', '4', '5'] };

const one = (el: string, type: SimpleType | ComplexType): Particle => ({ el, type, min: 1, max: 1 });
const opt = (el: string, type: SimpleType | ComplexType): Particle => ({ el, type, min: 0, max: 1 });
const cx = (name: string, seq: Particle[]): ComplexType => ({ kind: 'complex', name, seq });

const identity = [one('idPSP', stIdPSP), one('idBrokerPSP', stIdBroker), one('idChannel', stIdChannel), one('password', stPassword)];
const ctQrCode = cx('ctQrCode', [one('fiscalCode', stFiscalCodePA), one('noticeNumber', stNoticeNumber)]);
const ctEntityUniqueIdentifier = cx('ctEntityUniqueIdentifier', [one('entityUniqueIdentifierType', stEntityUniqueIdentifierType), one('entityUniqueIdentifierValue', stEntityUniqueIdentifierValue)]);
const ctSubject = cx('ctSubject', [
  one('uniqueIdentifier', ctEntityUniqueIdentifier),
  one('fullName', text(70)),
  opt('streetName', text(70)),
  opt('civicNumber', text(16)),
  opt('postalCode', text(16)),
  opt('city', text(35)),
  opt('stateProvinceRegion', text(35)),
  opt('country', stNazioneProvincia),
  opt('e-mail', stEMail),
]);
const ctOutcomeDetails = cx('ctOutcomeDetails', [
  one('paymentMethod', stPaymentMethod),
  opt('paymentChannel', stPaymentChannel),
  one('fee', stAmount),
  opt('payer', ctSubject),
  one('applicationDate', stISODate),
  one('transferDate', stISODate),
]);
const ctMarcaDaBollo = cx('ctMarcaDaBollo', [one('paymentToken', stPaymentToken), one('idTransfer', stIdTransfer), one('MBDAttachment', { kind: 'base64', name: 'base64Binary' })]);
const ctOutcomeDetailsV2 = cx('ctOutcomeDetailsV2', [
  one('paymentMethod', stPaymentMethod),
  opt('paymentChannel', stPaymentChannel),
  one('fee', stAmount),
  opt('primaryCiIncurredFee', stAmount),
  opt('idBundle', text(70)),
  opt('idCiBundle', text(70)),
  opt('payer', ctSubject),
  one('applicationDate', stISODate),
  one('transferDate', stISODate),
  opt('marcheDaBollo', cx('ctListaMarcheDaBollo', [{ el: 'marcaDaBollo', type: ctMarcaDaBollo, min: 1, max: 25 }])),
]);

const activateV1Seq = [
  ...identity,
  opt('idempotencyKey', stIdempotencyKey),
  one('qrCode', ctQrCode),
  opt('expirationTime', stExpirationTime),
  one('amount', stAmount),
  opt('dueDate', stISODate),
  opt('paymentNote', stText210),
];

/** Global request elements of nodeForPsp.xsd the simulator accepts, by local name. */
export const REQUEST_TYPES: Readonly<Record<string, ComplexType>> = {
  verifyPaymentNoticeReq: cx('verifyPaymentNoticeReq', [...identity, one('qrCode', ctQrCode)]),
  verificaBollettinoReq: cx('verificaBollettinoReq', [...identity, one('ccPost', stPostalAccount), one('noticeNumber', stNoticeNumber)]),
  activatePaymentNoticeReq: cx('activatePaymentNoticeReq', activateV1Seq),
  activatePaymentNoticeV2Request: cx('activatePaymentNoticeV2Request', [...activateV1Seq, opt('paymentMethod', stPaymentMethodFee), opt('touchPoint', stTouchpointFee)]),
  sendPaymentOutcomeReq: cx('sendPaymentOutcomeReq', [
    ...identity,
    opt('idempotencyKey', stIdempotencyKey),
    one('paymentToken', stPaymentToken),
    one('outcome', stOutcome),
    opt('details', ctOutcomeDetails),
  ]),
  sendPaymentOutcomeV2Request: cx('sendPaymentOutcomeV2Request', [
    ...identity,
    opt('idempotencyKey', stIdempotencyKey),
    one('paymentTokens', cx('stPaymentTokens', [{ el: 'paymentToken', type: stPaymentToken, min: 1, max: 5 }])),
    one('outcome', stOutcome),
    opt('details', ctOutcomeDetailsV2),
  ]),
  // issue #13: spontaneous payments (pagopa-extra.md §e)
  nodoChiediCatalogoServiziV2Request: cx('nodoChiediCatalogoServiziV2Request', [
    one('identificativoPSP', stText35),
    one('identificativoIntermediarioPSP', stText35),
    one('identificativoCanale', stText35),
    one('password', stPassword),
    opt('identificativoDominio', stText35),
    opt('categoria', stText35),
    opt('commissione', stCommissione),
  ]),
  demandPaymentNoticeRequest: cx('demandPaymentNoticeRequest', [
    ...identity,
    one('idSoggettoServizio', stIdentificativoSoggettoServizio),
    one('datiSpecificiServizio', { kind: 'base64', name: 'base64Binary' }),
  ]),
};
