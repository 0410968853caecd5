// Reads the fields of an XSD-valid request element (see xsd-validator.ts) into the state machine's inputs.
import type { NodeIdentity } from '../core/node/types';
import type { ActivateIn, OutcomeIn } from './state';
import type { XmlEl } from './xml-tree';

const child = (e: XmlEl, name: string) => e.children.find((c) => c.local === name);
const textOf = (e: XmlEl, name: string) => child(e, name)?.text;
/** Non-string simple types (decimal, integer, date) collapse whitespace (XSD whiteSpace=collapse). */
const collapsed = (e: XmlEl, name: string) => textOf(e, name)?.trim();

export function identityOf(e: XmlEl): NodeIdentity {
  return { idPSP: textOf(e, 'idPSP') ?? '', idBrokerPSP: textOf(e, 'idBrokerPSP') ?? '', idChannel: textOf(e, 'idChannel') ?? '', password: textOf(e, 'password') ?? '' };
}

export function qrCodeOf(e: XmlEl): { fiscalCode: string; noticeNumber: string } {
  const qr = child(e, 'qrCode') as XmlEl;
  return { fiscalCode: textOf(qr, 'fiscalCode') ?? '', noticeNumber: textOf(qr, 'noticeNumber') ?? '' };
}

function cents(amount: string): number {
  const [i = '0', f = '00'] = amount.split('.');
  return Number(i) * 100 + Number(f);
}

export function activateOf(e: XmlEl, version: 'v1' | 'v2'): ActivateIn {
  const { fiscalCode, noticeNumber } = qrCodeOf(e);
  const exp = collapsed(e, 'expirationTime');
  const opt = <K extends string>(k: K, v: string | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, string>));
  return {
    version,
    fiscalCode,
    noticeNumber,
    amountCents: cents(collapsed(e, 'amount') ?? '0'),
    ...(exp === undefined ? {} : { expirationTime: Number(exp) }),
    ...opt('idempotencyKey', textOf(e, 'idempotencyKey')),
    ...opt('dueDate', collapsed(e, 'dueDate')),
    ...opt('paymentNote', textOf(e, 'paymentNote')),
    ...opt('paymentMethod', textOf(e, 'paymentMethod')),
    ...opt('touchPoint', textOf(e, 'touchPoint')),
  };
}

/** A canonical form of an element's content, for the idempotency "same parameters" comparison. */
function canonical(e: XmlEl): unknown {
  return e.children.length === 0 ? e.text.trim() : e.children.map((c) => [c.local, canonical(c)]);
}

export function outcomeOf(e: XmlEl, version: 'v1' | 'v2'): OutcomeIn {
  const tokens = version === 'v1' ? [textOf(e, 'paymentToken') ?? ''] : (child(e, 'paymentTokens')?.children ?? []).map((t) => t.text);
  const details = child(e, 'details');
  const key = textOf(e, 'idempotencyKey');
  return {
    version,
    tokens,
    outcome: textOf(e, 'outcome') === 'OK' ? 'OK' : 'KO',
    hasDetails: details !== undefined,
    fingerprint: JSON.stringify([version, tokens, textOf(e, 'outcome'), details ? canonical(details) : null]),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  };
}

export function bollettinoOf(e: XmlEl): { ccPost: string; noticeNumber: string } {
  return { ccPost: textOf(e, 'ccPost') ?? '', noticeNumber: textOf(e, 'noticeNumber') ?? '' };
}
