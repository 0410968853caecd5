// Request bodies for nodeForPsp (wsdl/xsd/nodeForPsp.xsd). Element order follows each complexType's
// xsd:sequence exactly; children are unqualified; every text value is escaped. Values the XSD would
// reject throw NodeRequestError before anything is sent.
import { NodeRequestError } from './errors';
import { IDEMPOTENCY_KEY_RE } from './idempotency';
import type { ActivateRequest, BollettinoRequest, CatalogueRequest, DemandRequest, NodeIdentity, OutcomeDetails, OutcomeRequest, VerifyRequest } from './types';
import { NS_NODE_FOR_PSP, centsToAmount, el, hasInvalidXmlChars } from './xml';

const MAX_AMOUNT_CENTS = 99_999_999_999; // stAmount maxInclusive 999999999.99
const MAX_EXPIRATION_MS = 1_800_000; // stExpirationTime maxInclusive (SANP: token ≤ 30 min)

function len(s: string): number {
  return [...s].length; // XSD lengths count characters, not UTF-16 units
}

function text(field: string, v: string, min: number, max: number): string {
  if (hasInvalidXmlChars(v)) throw new NodeRequestError(field, 'contains characters XML cannot carry');
  const n = len(v);
  if (n < min || n > max) throw new NodeRequestError(field, `length must be ${min}..${max}, got ${n}`);
  return v;
}

function match(field: string, v: string, re: RegExp, what: string): string {
  if (!re.test(v)) throw new NodeRequestError(field, `must be ${what}`);
  return v;
}

function oneOf(field: string, v: string, allowed: ReadonlySet<string>): string {
  if (!allowed.has(v)) throw new NodeRequestError(field, `must be one of ${[...allowed].join(', ')}`);
  return v;
}

function amount(field: string, cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_AMOUNT_CENTS) throw new NodeRequestError(field, 'must be integer cents in 0..99999999999');
  return centsToAmount(cents);
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
function date(field: string, v: string): string {
  match(field, v, ISO_DATE, 'a date YYYY-MM-DD');
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) throw new NodeRequestError(field, 'is not a calendar date');
  return v;
}

function identity(id: NodeIdentity): string {
  // stIdPSP/stIdBroker/stIdChannel 1..35, stPassword 8..15
  return (
    el('idPSP', text('idPSP', id.idPSP, 1, 35)) +
    el('idBrokerPSP', text('idBrokerPSP', id.idBrokerPSP, 1, 35)) +
    el('idChannel', text('idChannel', id.idChannel, 1, 35)) +
    el('password', text('password', id.password, 8, 15))
  );
}

function qrCode(fiscalCode: string, noticeNumber: string): string {
  return `<qrCode>${el('fiscalCode', match('fiscalCode', fiscalCode, /^[0-9]{11}$/, '11 digits (stFiscalCodePA)'))}${el('noticeNumber', match('noticeNumber', noticeNumber, /^[0-9]{18}$/, '18 digits (stNoticeNumber)'))}</qrCode>`;
}

function root(name: string, inner: string): string {
  return `<nod:${name} xmlns:nod="${NS_NODE_FOR_PSP}">${inner}</nod:${name}>`;
}

const opt = <T>(v: T | undefined, f: (v: T) => string): string => (v === undefined ? '' : f(v));

export function buildVerifyBody(id: NodeIdentity, req: VerifyRequest): string {
  return root('verifyPaymentNoticeReq', identity(id) + qrCode(req.fiscalCode, req.noticeNumber));
}

export function buildVerificaBollettinoBody(id: NodeIdentity, req: BollettinoRequest): string {
  const cc = match('ccPost', req.ccPost, /^[0-9]{12}$/, '12 digits (stPostalAccount)');
  const nn = match('noticeNumber', req.noticeNumber, /^[0-9]{18}$/, '18 digits (stNoticeNumber)');
  return root('verificaBollettinoReq', identity(id) + el('ccPost', cc) + el('noticeNumber', nn));
}

const FEE_METHODS = new Set(['BBT', 'BP', 'AD', 'CP', 'PO', 'OBEP', 'JIF', 'MYBK', 'PPAL']);
const TOUCH_POINTS = new Set(['IO', 'WISP', 'CHECKOUT', 'PSP', 'ATM', 'BETTING', 'TS', 'HB', 'POS']);

/** activatePaymentNoticeReq (V1) or activatePaymentNoticeV2Request: same sequence, V2 adds paymentMethod/touchPoint. */
export function buildActivateBody(id: NodeIdentity, req: ActivateRequest, version: 'v1' | 'v2'): string {
  let inner = identity(id);
  inner += el('idempotencyKey', match('idempotencyKey', req.idempotencyKey, IDEMPOTENCY_KEY_RE, '[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}'));
  inner += qrCode(req.fiscalCode, req.noticeNumber);
  inner += opt(req.expirationTimeMs, (ms) => {
    if (!Number.isSafeInteger(ms) || ms <= 0 || ms > MAX_EXPIRATION_MS) throw new NodeRequestError('expirationTimeMs', 'must be an integer in 1..1800000');
    return el('expirationTime', String(ms));
  });
  inner += el('amount', amount('amountCents', req.amountCents));
  inner += opt(req.dueDate, (d) => el('dueDate', date('dueDate', d)));
  inner += opt(req.paymentNote, (n) => el('paymentNote', text('paymentNote', n, 1, 210)));
  if (version === 'v2') {
    inner += opt(req.paymentMethod, (m) => el('paymentMethod', oneOf('paymentMethod', m, FEE_METHODS)));
    inner += opt(req.touchPoint, (t) => el('touchPoint', oneOf('touchPoint', t, TOUCH_POINTS)));
    return root('activatePaymentNoticeV2Request', inner);
  }
  return root('activatePaymentNoticeReq', inner);
}

const METHODS = new Set(['cash', 'creditCard', 'bancomat', 'other']);
const CHANNELS = new Set(['frontOffice', 'atm', 'onLine', 'app', 'other']);
const PAYER_TYPES = new Set(['F', 'G']);

// common:stEMail (sac-common-types-1.0.xsd), anchored.
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/;

/**
 * ctOutcomeDetails / ctOutcomeDetailsV2: the fields we send are a common prefix-compatible subset; the GEC
 * fields (primaryCiIncurredFee, idBundle, idCiBundle) exist only in V2 and are dropped for V1.
 */
function details(d: OutcomeDetails, version: 'v1' | 'v2'): string {
  oneOf('details.paymentMethod', d.paymentMethod, METHODS);
  if (d.paymentChannel !== undefined) oneOf('details.paymentChannel', d.paymentChannel, CHANNELS);
  let inner = el('paymentMethod', d.paymentMethod) + el('paymentChannel', d.paymentChannel) + el('fee', amount('details.feeCents', d.feeCents));
  if (version === 'v2') {
    inner += opt(d.primaryCiIncurredFeeCents, (c) => el('primaryCiIncurredFee', amount('details.primaryCiIncurredFeeCents', c)));
    inner += opt(d.idBundle, (b) => el('idBundle', text('details.idBundle', b, 1, 70)));
    inner += opt(d.idCiBundle, (b) => el('idCiBundle', text('details.idCiBundle', b, 1, 70)));
  }
  if (d.payer) {
    oneOf('details.payer.type', d.payer.type, PAYER_TYPES);
    const email = d.payer.email === undefined ? '' : el('e-mail', match('details.payer.email', text('details.payer.email', d.payer.email, 1, 256), EMAIL, 'an e-mail address (stEMail)'));
    inner +=
      `<payer><uniqueIdentifier>${el('entityUniqueIdentifierType', d.payer.type)}${el('entityUniqueIdentifierValue', text('details.payer.id', d.payer.id, 2, 16))}</uniqueIdentifier>` +
      `${el('fullName', text('details.payer.fullName', d.payer.fullName, 1, 70))}${email}</payer>`;
  }
  inner += el('applicationDate', date('details.applicationDate', d.applicationDate)) + el('transferDate', date('details.transferDate', d.transferDate));
  return `<details>${inner}</details>`;
}

/** sendPaymentOutcomeReq (V1, exactly one token) or sendPaymentOutcomeV2Request (paymentTokens 1..5). */
export function buildOutcomeBody(id: NodeIdentity, req: OutcomeRequest, version: 'v1' | 'v2'): string {
  const tokens = req.paymentTokens;
  if (version === 'v1' && tokens.length !== 1) throw new NodeRequestError('paymentTokens', 'sendPaymentOutcome V1 takes exactly one token');
  if (tokens.length < 1 || tokens.length > 5) throw new NodeRequestError('paymentTokens', 'must hold 1..5 tokens (stPaymentTokens)');
  tokens.forEach((t, i) => text(`paymentTokens[${i}]`, t, 1, 35));
  if (req.outcome !== 'OK' && req.outcome !== 'KO') throw new NodeRequestError('outcome', 'must be OK or KO');
  if (req.outcome === 'OK' && !req.details) throw new NodeRequestError('details', 'mandatory for outcome OK (SANP sendPaymentOutcome)');
  let inner = identity(id) + el('idempotencyKey', match('idempotencyKey', req.idempotencyKey, IDEMPOTENCY_KEY_RE, '[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}'));
  inner += version === 'v1' ? el('paymentToken', tokens[0]) : `<paymentTokens>${tokens.map((t) => el('paymentToken', t)).join('')}</paymentTokens>`;
  inner += el('outcome', req.outcome);
  inner += opt(req.details, (d) => details(d, version));
  return root(version === 'v1' ? 'sendPaymentOutcomeReq' : 'sendPaymentOutcomeV2Request', inner);
}

/** nodoChiediCatalogoServiziV2Request: the V1-style identity names (identificativo*), then the optional filters. */
export function buildCatalogueBody(id: NodeIdentity, req: CatalogueRequest = {}): string {
  let inner =
    el('identificativoPSP', text('idPSP', id.idPSP, 1, 35)) +
    el('identificativoIntermediarioPSP', text('idBrokerPSP', id.idBrokerPSP, 1, 35)) +
    el('identificativoCanale', text('idChannel', id.idChannel, 1, 35)) +
    el('password', text('password', id.password, 8, 15));
  inner += opt(req.idDominio, (d) => el('identificativoDominio', text('idDominio', d, 1, 35)));
  inner += opt(req.categoria, (c) => el('categoria', text('categoria', c, 1, 35)));
  inner += opt(req.commissione, (c) => el('commissione', oneOf('commissione', c, new Set(['Y', 'N']))));
  return root('nodoChiediCatalogoServiziV2Request', inner);
}

/** demandPaymentNoticeRequest: idSoggettoServizio (length 5) and the service XML base64 in datiSpecificiServizio. */
export function buildDemandBody(id: NodeIdentity, req: DemandRequest): string {
  const soggetto = match('idSoggettoServizio', req.idSoggettoServizio, /^.{5}$/u, '5 characters (stIdentificativoSoggettoServizio)');
  if (req.serviceXml.trim() === '') throw new NodeRequestError('datiSpecificiServizio', 'must not be empty');
  if (hasInvalidXmlChars(req.serviceXml)) throw new NodeRequestError('datiSpecificiServizio', 'contains characters XML cannot carry');
  const b64 = Buffer.from(req.serviceXml, 'utf8').toString('base64');
  return root('demandPaymentNoticeRequest', identity(id) + el('idSoggettoServizio', text('idSoggettoServizio', soggetto, 5, 5)) + el('datiSpecificiServizio', b64));
}
