// Response parsing (nodeForPsp.xsd *Res / *Response types). Parsed with fast-xml-parser (removeNSPrefix),
// so any envelope/body prefix works; the shape and the simple types the engine relies on (stAmount,
// stFiscalCodePA, stPaymentToken, booleans, dates, cardinalities) are checked, and anything else is a
// ResponseShapeError, which the client turns into NodeCallError 'malformed-response'.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ActivateOk, CatalogueOk, DemandOk, KO, NodeFault, OutcomeOk, PaymentOption, Transfer, VerifyOk } from './types';
import { amountToCents } from './xml';

export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

/** A SOAP 1.1 Fault envelope (envelope.xsd Fault: faultcode, faultstring, faultactor?, detail?). */
export type SoapFaultInfo = { faultcode: string; faultstring: string };

const LIST_ELEMENTS = new Set(['paymentOptionDescription', 'transfer', 'mapEntry']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true, // decodes numeric references (&#38;) as XML requires
  ignoreDeclaration: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

type Node = Record<string, unknown>;

function isObj(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns the single child element of Body: { name, content }, or a SOAP fault. */
export function parseEnvelope(xml: string): { kind: 'body'; name: string; content: Node } | { kind: 'soap-fault'; fault: SoapFaultInfo } {
  if (xml.trim() === '') throw new ResponseShapeError('empty body');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ResponseShapeError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc: unknown = parser.parse(xml);
  const env = isObj(doc) ? doc.Envelope : undefined;
  if (!isObj(env)) throw new ResponseShapeError('no SOAP Envelope');
  const body = env.Body;
  if (!isObj(body)) throw new ResponseShapeError('no SOAP Body');
  const names = Object.keys(body);
  if (names.length !== 1) throw new ResponseShapeError(`SOAP Body must hold one element, found ${names.length}`);
  const name = names[0] as string;
  const content = body[name];
  if (name === 'Fault') {
    if (!isObj(content)) throw new ResponseShapeError('empty SOAP Fault');
    return { kind: 'soap-fault', fault: { faultcode: str(content, 'faultcode', 'Fault') ?? '', faultstring: str(content, 'faultstring', 'Fault') ?? '' } };
  }
  return { kind: 'body', name, content: isObj(content) ? content : {} };
}

/**
 * Distrust the node (issue #10 §3): no control character from its answer reaches the screen, the database
 * or the printer (NUL, ESC, GS would be printer commands). Free-text fields are cleaned (line breaks and
 * tabs become spaces, other C0/C1 controls and bidi overrides are dropped); any other field holding one
 * makes the answer malformed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const FREE_TEXT = new Set([
  'paymentNote',
  'paymentDescription',
  'companyName',
  'officeName',
  'remittanceInformation',
  'transferCategory',
  'faultString',
  'description',
  'originalFaultString',
  'originalDescription',
  'faultstring',
]);

export function cleanNodeText(v: string): string {
  return v
    .replace(/[\t\n\r]+/g, ' ')
    .replace(CONTROL_ALL, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function str(n: Node, key: string, where: string): string | undefined {
  const v = n[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ResponseShapeError(`${where}/${key}: expected text`);
  if (!CONTROL.test(v)) return v;
  if (!FREE_TEXT.has(key)) throw new ResponseShapeError(`${where}/${key}: control character in the node's answer`);
  const cleaned = cleanNodeText(v);
  if (cleaned === '') throw new ResponseShapeError(`${where}/${key}: only control characters`);
  return cleaned;
}

function req(n: Node, key: string, where: string): string {
  const v = str(n, key, where);
  if (v === undefined) throw new ResponseShapeError(`${where}/${key}: missing`);
  return v;
}

function bounded(v: string | undefined, where: string, min: number, max: number): string | undefined {
  if (v === undefined) return undefined;
  const n = [...v].length;
  if (n < min || n > max) throw new ResponseShapeError(`${where}: length ${n} outside ${min}..${max}`);
  return v;
}

function cents(v: string | undefined, where: string, notZero = false): number | undefined {
  if (v === undefined) return undefined;
  const c = amountToCents(v);
  if (c === undefined || (notZero && c === 0)) throw new ResponseShapeError(`${where}: not a valid ${notZero ? 'stAmountNotZero' : 'stAmount'}`);
  return c;
}

function bool(v: string | undefined, where: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ResponseShapeError(`${where}: not an xsd:boolean`);
}

function pattern(v: string | undefined, where: string, re: RegExp): string | undefined {
  if (v !== undefined && !re.test(v)) throw new ResponseShapeError(`${where}: does not match ${re.source}`);
  return v;
}

const FISCAL_CODE = /^[0-9]{11}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Copies defined values only, so results never carry `key: undefined`. */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function fault(n: Node, where: string): NodeFault {
  const f = n.fault;
  if (!isObj(f)) throw new ResponseShapeError(`${where}: outcome KO without fault`);
  const w = `${where}/fault`;
  const serial = str(f, 'serial', w);
  if (serial !== undefined && !/^[+-]?\d+$/.test(serial)) throw new ResponseShapeError(`${w}/serial: not an xsd:int`);
  return defined({
    faultCode: req(f, 'faultCode', w),
    faultString: req(f, 'faultString', w),
    id: req(f, 'id', w),
    description: str(f, 'description', w),
    serial: serial === undefined ? undefined : Number(serial),
    originalFaultCode: str(f, 'originalFaultCode', w),
    originalFaultString: str(f, 'originalFaultString', w),
    originalDescription: str(f, 'originalDescription', w),
  });
}

/** ctResponse: outcome OK|KO, fault on KO. Returns the KO, or undefined for OK. */
function outcomeOf(n: Node, where: string): KO | undefined {
  const o = req(n, 'outcome', where);
  if (o === 'KO') return { outcome: 'KO', fault: fault(n, where) };
  if (o !== 'OK') throw new ResponseShapeError(`${where}/outcome: "${o.slice(0, 20)}" is not OK|KO`);
  return undefined;
}

/** verifyPaymentNoticeRes and verificaBollettinoRes (list: paymentList | paymentBollettinoList). */
export function parseVerify(n: Node, where: string, listName: 'paymentList' | 'paymentBollettinoList'): VerifyOk | KO {
  const ko = outcomeOf(n, where);
  if (ko) return ko;
  const list = n[listName];
  const options = isObj(list) ? list.paymentOptionDescription : undefined;
  if (!Array.isArray(options) || options.length === 0) throw new ResponseShapeError(`${where}/${listName}: outcome OK without a paymentOptionDescription`);
  if (options.length > 5) throw new ResponseShapeError(`${where}/${listName}: more than 5 options`);
  const first: unknown = options[0];
  if (!isObj(first)) throw new ResponseShapeError(`${where}/${listName}/paymentOptionDescription: empty`);
  const w = `${where}/${listName}/paymentOptionDescription`;
  const opt = req(first, 'options', w);
  if (!['EQ', 'LS', 'GT', 'ANY'].includes(opt)) throw new ResponseShapeError(`${w}/options: not a stAmountOptionPSP`);
  const allCCP = listName === 'paymentBollettinoList' ? bool(req(first, 'allCCP', w), `${w}/allCCP`) : undefined;
  // Every option, never silently the first (pagopa-extra.md §g): the engine decides what may be paid.
  const paymentOptions = options.map((o: unknown, i): PaymentOption => {
    const wi = `${w}[${i + 1}]`;
    if (!isObj(o)) throw new ResponseShapeError(`${wi}: empty`);
    const kind = req(o, 'options', wi);
    if (!['EQ', 'LS', 'GT', 'ANY'].includes(kind)) throw new ResponseShapeError(`${wi}/options: not a stAmountOptionPSP`);
    return defined<PaymentOption>({
      amountCents: cents(req(o, 'amount', wi), `${wi}/amount`, true) as number,
      options: kind,
      dueDate: pattern(str(o, 'dueDate', wi), `${wi}/dueDate`, ISO_DATE),
      paymentNote: bounded(str(o, 'paymentNote', wi), `${wi}/paymentNote`, 1, 210),
    });
  });
  return defined<VerifyOk>({
    outcome: 'OK',
    amountCents: cents(req(first, 'amount', w), `${w}/amount`, true) as number,
    options: opt,
    dueDate: pattern(str(first, 'dueDate', w), `${w}/dueDate`, ISO_DATE),
    paymentNote: bounded(str(first, 'paymentNote', w), `${w}/paymentNote`, 1, 210),
    paymentDescription: bounded(str(n, 'paymentDescription', where), `${where}/paymentDescription`, 1, 210),
    fiscalCodePA: pattern(str(n, 'fiscalCodePA', where), `${where}/fiscalCodePA`, FISCAL_CODE),
    companyName: bounded(str(n, 'companyName', where), `${where}/companyName`, 1, 140),
    officeName: bounded(str(n, 'officeName', where), `${where}/officeName`, 1, 140),
    standin: bool(str(n, 'standin', where), `${where}/standin`),
    allCCP,
    paymentOptions,
  });
}

function transfer(t: unknown, where: string, version: 'v1' | 'v2'): Transfer {
  if (!isObj(t)) throw new ResponseShapeError(`${where}: empty transfer`);
  const id = req(t, 'idTransfer', where);
  if (!/^[1-5]$/.test(id)) throw new ResponseShapeError(`${where}/idTransfer: not 1..5 (stIdTransfer)`);
  const iban = pattern(str(t, 'IBAN', where), `${where}/IBAN`, /^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/);
  if (version === 'v1' && iban === undefined) throw new ResponseShapeError(`${where}/IBAN: missing (ctTransferPSP)`);
  // ctTransferPSPV2: IBAN | richiestaMarcaDaBollo (a digital revenue stamp the PSP would have to issue).
  const stamp = version === 'v2' && t.richiestaMarcaDaBollo !== undefined ? true : undefined;
  if (stamp && iban !== undefined) throw new ResponseShapeError(`${where}: both IBAN and richiestaMarcaDaBollo`);
  return defined<Transfer>({
    idTransfer: Number(id),
    amountCents: cents(req(t, 'transferAmount', where), `${where}/transferAmount`) as number,
    fiscalCodePA: pattern(req(t, 'fiscalCodePA', where), `${where}/fiscalCodePA`, FISCAL_CODE) as string,
    companyName: bounded(str(t, 'companyName', where), `${where}/companyName`, 1, 140),
    iban,
    remittanceInformation: bounded(req(t, 'remittanceInformation', where), `${where}/remittanceInformation`, 1, 140) as string,
    transferCategory: bounded(str(t, 'transferCategory', where), `${where}/transferCategory`, 1, 140),
    richiestaMarcaDaBollo: stamp,
  });
}

/** activatePaymentNoticeRes (V1) / activatePaymentNoticeV2Response. */
export function parseActivate(n: Node, where: string, version: 'v1' | 'v2'): ActivateOk | KO {
  const ko = outcomeOf(n, where);
  if (ko) return ko;
  const list = n.transferList;
  const raw = isObj(list) ? list.transfer : undefined;
  if (list !== undefined && (!Array.isArray(raw) || raw.length === 0)) throw new ResponseShapeError(`${where}/transferList: no transfer`);
  const transfers = Array.isArray(raw) ? raw.map((t, i) => transfer(t, `${where}/transferList/transfer[${i + 1}]`, version)) : [];
  if (transfers.length > 5) throw new ResponseShapeError(`${where}/transferList: more than 5 transfers`);
  const token = bounded(str(n, 'paymentToken', where), `${where}/paymentToken`, 1, 35);
  if (token === undefined) throw new ResponseShapeError(`${where}/paymentToken: missing on outcome OK`);
  const total = cents(str(n, 'totalAmount', where), `${where}/totalAmount`);
  if (total === undefined) throw new ResponseShapeError(`${where}/totalAmount: missing on outcome OK`);
  return defined<ActivateOk>({
    outcome: 'OK',
    totalAmountCents: total,
    paymentToken: token,
    creditorReferenceId: bounded(str(n, 'creditorReferenceId', where), `${where}/creditorReferenceId`, 1, 35),
    paymentDescription: bounded(str(n, 'paymentDescription', where), `${where}/paymentDescription`, 1, 140),
    fiscalCodePA: pattern(str(n, 'fiscalCodePA', where), `${where}/fiscalCodePA`, FISCAL_CODE),
    companyName: bounded(str(n, 'companyName', where), `${where}/companyName`, 1, 140),
    officeName: bounded(str(n, 'officeName', where), `${where}/officeName`, 1, 140),
    transfers,
    standin: bool(str(n, 'standin', where), `${where}/standin`),
    suggestedUserFeeCents: version === 'v2' ? cents(str(n, 'suggestedUserFee', where), `${where}/suggestedUserFee`) : undefined,
    suggestedPaFeeCents: version === 'v2' ? cents(str(n, 'suggestedPaFee', where), `${where}/suggestedPaFee`) : undefined,
    suggestedIdBundle: version === 'v2' ? bounded(str(n, 'suggestedIdBundle', where), `${where}/suggestedIdBundle`, 1, 70) : undefined,
    suggestedIdCiBundle: version === 'v2' ? bounded(str(n, 'suggestedIdCiBundle', where), `${where}/suggestedIdCiBundle`, 1, 70) : undefined,
  });
}

/** sendPaymentOutcomeRes / sendPaymentOutcomeV2Response (ctResponse). */
export function parseOutcome(n: Node, where: string): OutcomeOk | KO {
  return outcomeOf(n, where) ?? { outcome: 'OK' };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** nodoChiediCatalogoServiziV2Response: outcome, fault?, xmlCatalogoServizi (base64Binary) decoded to text. */
export function parseCatalogue(n: Node, where: string): CatalogueOk | KO {
  const ko = outcomeOf(n, where);
  if (ko) return ko;
  const raw = n.xmlCatalogoServizi;
  if (typeof raw !== 'string' || raw.trim() === '') throw new ResponseShapeError(`${where}/xmlCatalogoServizi: missing on outcome OK`);
  const b64 = raw.replace(/[\t\n\r ]/g, '');
  if (!BASE64.test(b64) || b64.length % 4 !== 0) throw new ResponseShapeError(`${where}/xmlCatalogoServizi: not base64`);
  const xml = Buffer.from(b64, 'base64').toString('utf8');
  if (xml.trim() === '') throw new ResponseShapeError(`${where}/xmlCatalogoServizi: empty document`);
  return { outcome: 'OK', catalogueXml: xml };
}

/** demandPaymentNoticeResponse: qrCode and paymentList (SANP: one option, EQ) are required to pay what it answers. */
export function parseDemand(n: Node, where: string): DemandOk | KO {
  const ko = outcomeOf(n, where);
  if (ko) return ko;
  const qr = n.qrCode;
  if (!isObj(qr)) throw new ResponseShapeError(`${where}/qrCode: missing on outcome OK`);
  const fiscalCode = pattern(req(qr, 'fiscalCode', `${where}/qrCode`), `${where}/qrCode/fiscalCode`, FISCAL_CODE) as string;
  const noticeNumber = pattern(req(qr, 'noticeNumber', `${where}/qrCode`), `${where}/qrCode/noticeNumber`, /^[0-9]{18}$/) as string;
  // The option list has the verify shape (ctPaymentOptionsDescriptionList).
  const v = parseVerify(n, where, 'paymentList');
  if (v.outcome !== 'OK') throw new ResponseShapeError(`${where}: inconsistent outcome`);
  return defined<DemandOk>({
    outcome: 'OK',
    fiscalCode,
    noticeNumber,
    amountCents: v.amountCents,
    options: v.options,
    dueDate: v.dueDate,
    paymentDescription: v.paymentDescription,
    fiscalCodePA: v.fiscalCodePA,
    companyName: v.companyName,
    officeName: v.officeName,
  });
}
