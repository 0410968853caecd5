// Response envelopes the simulator answers, in the order of nodeForPsp.xsd's *Res/*Response types
// (ctResponse: outcome, fault?, then the extension's elements). Prefix nfp:, unqualified children.
import type { NodeFault } from '../core/node/types';
import { NS_NODE_FOR_PSP, centsToAmount, el, soapEnvelope } from '../core/node/xml';
import type { FeesOut, PositionOut, SimResult, TransferOut } from './state';

export type SimOperation =
  | 'verifyPaymentNotice'
  | 'verificaBollettino'
  | 'activatePaymentNotice'
  | 'activatePaymentNoticeV2'
  | 'sendPaymentOutcome'
  | 'sendPaymentOutcomeV2'
  | 'nodoChiediCatalogoServiziV2'
  | 'demandPaymentNotice';

/** Request element → operation (= its SOAPAction) and response element (nodeForPsp.wsdl). */
export const OPERATIONS: Readonly<Record<string, { op: SimOperation; res: string }>> = {
  verifyPaymentNoticeReq: { op: 'verifyPaymentNotice', res: 'verifyPaymentNoticeRes' },
  verificaBollettinoReq: { op: 'verificaBollettino', res: 'verificaBollettinoRes' },
  activatePaymentNoticeReq: { op: 'activatePaymentNotice', res: 'activatePaymentNoticeRes' },
  activatePaymentNoticeV2Request: { op: 'activatePaymentNoticeV2', res: 'activatePaymentNoticeV2Response' },
  sendPaymentOutcomeReq: { op: 'sendPaymentOutcome', res: 'sendPaymentOutcomeRes' },
  sendPaymentOutcomeV2Request: { op: 'sendPaymentOutcomeV2', res: 'sendPaymentOutcomeV2Response' },
  nodoChiediCatalogoServiziV2Request: { op: 'nodoChiediCatalogoServiziV2', res: 'nodoChiediCatalogoServiziV2Response' },
  demandPaymentNoticeRequest: { op: 'demandPaymentNotice', res: 'demandPaymentNoticeResponse' },
};

function faultXml(f: NodeFault): string {
  return `<fault>${el('faultCode', f.faultCode)}${el('faultString', f.faultString)}${el('id', f.id)}${el('description', f.description)}${el('serial', f.serial === undefined ? undefined : String(f.serial))}${el('originalFaultCode', f.originalFaultCode)}${el('originalFaultString', f.originalFaultString)}${el('originalDescription', f.originalDescription)}</fault>`;
}

const wrap = (res: string, inner: string) => soapEnvelope(`<nfp:${res} xmlns:nfp="${NS_NODE_FOR_PSP}">${inner}</nfp:${res}>`);
const cut = (s: string, n: number) => [...s].slice(0, n).join('');

export function renderKo(res: string, fault: NodeFault): string {
  return wrap(res, `<outcome>KO</outcome>${faultXml(fault)}`);
}

function verifyXml(p: PositionOut, bollettino: boolean): string {
  // ctPaymentOptionDescription: amount, options, dueDate?, paymentNote?; the bollettino variant adds allCCP.
  // Several options (instalments) only on verifyPaymentNotice (issue #12 §7); the bollettino answers one EQ option.
  const options = bollettino ? [{ amountCents: p.amountCents, options: 'EQ', dueDate: p.dueDate, paymentNote: undefined }] : p.paymentOptions;
  const option = (o: { amountCents: number; options: string; dueDate?: string | undefined; paymentNote?: string | undefined }) =>
    `<paymentOptionDescription>${el('amount', centsToAmount(o.amountCents))}${el('options', o.options)}${el('dueDate', o.dueDate)}${el('paymentNote', o.paymentNote)}${bollettino ? el('allCCP', String(p.allCCP)) : ''}</paymentOptionDescription>`;
  const list = bollettino ? `<paymentBollettinoList>${options.map(option).join('')}</paymentBollettinoList>` : `<paymentList>${options.map(option).join('')}</paymentList>`;
  const tail = bollettino
    ? `${el('paymentDescription', cut(p.description, 210))}${el('fiscalCodePA', p.fiscalCode)}${el('noticeNumber', p.noticeNumber)}${el('companyName', cut(p.companyName, 140))}${el('officeName', p.officeName)}`
    : `${el('paymentDescription', cut(p.description, 210))}${el('fiscalCodePA', p.fiscalCode)}${el('companyName', cut(p.companyName, 140))}${el('officeName', p.officeName)}<standin>${String(p.standin)}</standin>`;
  return `<outcome>OK</outcome>${list}${tail}`;
}

function transferXml(t: TransferOut, v2: boolean): string {
  // ctTransferPSP: idTransfer, transferAmount, fiscalCodePA, IBAN, remittanceInformation
  // ctTransferPSPV2: … fiscalCodePA, companyName?, IBAN?, remittanceInformation, transferCategory?
  // ctTransferPSPV2's choice: IBAN | richiestaMarcaDaBollo (hashDocumento, tipoBollo, provinciaResidenza).
  const m = v2 ? t.richiestaMarcaDaBollo : undefined;
  const account = m
    ? `<richiestaMarcaDaBollo>${el('hashDocumento', m.hashDocumento)}${el('tipoBollo', m.tipoBollo)}${el('provinciaResidenza', m.provinciaResidenza)}</richiestaMarcaDaBollo>`
    : el('IBAN', t.iban);
  return `<transfer>${el('idTransfer', String(t.idTransfer))}${el('transferAmount', centsToAmount(t.amountCents))}${el('fiscalCodePA', t.fiscalCodePA)}${v2 ? el('companyName', t.companyName) : ''}${account}${el('remittanceInformation', t.remittanceInformation)}${v2 ? el('transferCategory', t.transferCategory) : ''}</transfer>`;
}

/** activatePaymentNoticeV2Response suggested* (GEC, pagopa-extra.md §c), in the XSD's order. */
function feesXml(f: FeesOut | undefined): string {
  if (!f) return '';
  return `${el('suggestedUserFee', centsToAmount(f.userFeeCents))}${el('suggestedPaFee', f.paFeeCents === undefined ? undefined : centsToAmount(f.paFeeCents))}${el('suggestedIdBundle', f.idBundle)}${el('suggestedIdCiBundle', f.idCiBundle)}`;
}

export function renderResult(op: SimOperation, res: string, r: SimResult): string {
  if (r.kind === 'ko') return renderKo(res, r.fault);
  if (r.kind === 'verify') return wrap(res, verifyXml(r.pos, op === 'verificaBollettino'));
  if (r.kind === 'outcome') return wrap(res, '<outcome>OK</outcome>');
  const v2 = op === 'activatePaymentNoticeV2';
  const p = r.pos;
  const inner =
    `<outcome>OK</outcome>${el('totalAmount', centsToAmount(p.amountCents))}${el('paymentDescription', cut(p.description, 140))}${el('fiscalCodePA', p.fiscalCode)}` +
    `${el('companyName', cut(p.companyName, 140))}${el('officeName', p.officeName)}${el('paymentToken', r.paymentToken)}` +
    `<transferList>${r.transfers.map((t) => transferXml(t, v2)).join('')}</transferList>${el('creditorReferenceId', r.creditorReferenceId)}${v2 ? feesXml(r.fees) : ''}<standin>${String(p.standin)}</standin>`;
  return wrap(res, inner);
}

/** nodoChiediCatalogoServiziV2Response: outcome OK, xmlCatalogoServizi = the CatalogoServizi document in base64. */
export function renderCatalogue(res: string, catalogueXml: string): string {
  return wrap(res, `<outcome>OK</outcome>${el('xmlCatalogoServizi', Buffer.from(catalogueXml, 'utf8').toString('base64'))}`);
}

/** demandPaymentNoticeResponse: qrCode, paymentList (one option, EQ: SANP), paymentDescription, fiscalCodePA, companyName. */
export function renderDemand(res: string, p: { fiscalCode: string; noticeNumber: string; amountCents: number; description: string; companyName: string; dueDate?: string }): string {
  const option = `${el('amount', centsToAmount(p.amountCents))}<options>EQ</options>${el('dueDate', p.dueDate)}`;
  return wrap(
    res,
    `<outcome>OK</outcome><qrCode>${el('fiscalCode', p.fiscalCode)}${el('noticeNumber', p.noticeNumber)}</qrCode><paymentList><paymentOptionDescription>${option}</paymentOptionDescription></paymentList>` +
      `${el('paymentDescription', cut(p.description, 210))}${el('fiscalCodePA', p.fiscalCode)}${el('companyName', cut(p.companyName, 140))}`,
  );
}

/** A SOAP 1.1 Fault (envelope.xsd) for requests the simulator cannot even attribute to an operation. */
export function renderSoapFault(code: 'Client' | 'Server', message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:${code}</faultcode>${el('faultstring', message)}</soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}
