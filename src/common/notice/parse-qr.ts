// pagoPA QR code: PAGOPA|002|<notice 18>|<EC fiscal code 11>|<amount in cents> (pagopa-psp.md §1.1).
import { makeNotice } from './build-notice';
import { isAzertyDigit, repairDigits, separatorAdvice } from './keyboard-layout';
import { NoticeCodecError } from './notice-codec-error';
import type { ParsedNotice } from './parsed-notice';
import { MAX_AMOUNT_CENTS } from '../money';

const FIELD_NAMES = ['identifier', 'version', 'notice number', 'creditor fiscal code', 'amount'] as const;

export function parseQrAmount(a: string): number {
  if (a.length === 0) throw new NoticeCodecError('bad-amount', 'amount field is empty');
  const bad = /\D/.exec(a);
  if (bad) throw new NoticeCodecError('bad-amount', `amount contains '${bad[0]}': it must be digits (euro cents)`);
  // io-pagopa-commons accepts 1–12 digits ("several QRCodes have been encoded using only 1 digit").
  if (a.length > 12) throw new NoticeCodecError('bad-amount', `amount has ${a.length} digits, at most 12 are allowed`);
  const cents = Number(a);
  if (cents > MAX_AMOUNT_CENTS) throw new NoticeCodecError('bad-amount', `amount ${a} cents is above the pagoPA maximum of 999999999.99 €`);
  return cents;
}

/** Parses a QR payload whose separators are '|' (after any layout repair). */
export function parseQrFields(fields: string[], warnings: string[]): ParsedNotice {
  if (fields.length !== 5) {
    const hint = fields.length === 6 ? ' (a known generator bug adds an extra field)' : '';
    throw new NoticeCodecError('wrong-field-count', `QR code has ${fields.length} fields separated by '|', it must have 5${hint}`);
  }
  const [ident = '', version = '', notice = '', cf = '', amount = ''] = fields;
  if (ident !== 'PAGOPA') {
    if (ident.toUpperCase() !== 'PAGOPA') throw new NoticeCodecError('wrong-identifier', `QR code starts with '${ident}', not 'PAGOPA'`);
    warnings.push('QR code arrived in lower case (Caps Lock on, or scanner case conversion): accepted');
  }
  if (version !== '002') throw new NoticeCodecError('wrong-version', `QR code version '${version}' is not supported: only 002`);
  for (const [i, f] of [
    [2, notice],
    [3, cf],
  ] as const) {
    if (f.length === 0) throw new NoticeCodecError('empty', `${FIELD_NAMES[i]} field is empty`);
  }
  return makeNotice('qr', notice, cf, parseQrAmount(amount), { warnings });
}

/** First 6 chars of a QR identifier, possibly typed by a US scanner into an AZERTY PC ('A' → 'Q'). */
export function qrIdentifierLayout(s: string): 'plain' | 'azerty' | null {
  const id = s.slice(0, 6).toUpperCase();
  if (id === 'PAGOPA') return 'plain';
  if (id === 'PQGOPQ') return 'azerty';
  return null;
}

/** Repairs a QR payload damaged by a keyboard-wedge layout mismatch, or says exactly why it cannot. */
export function repairQrLayout(s: string, azerty: boolean): ParsedNotice {
  const sep = s[6];
  if (sep === undefined) throw new NoticeCodecError('wrong-field-count', 'QR code ends after PAGOPA: the rest of the payload is missing');
  if ((sep >= '0' && sep <= '9') || (azerty && isAzertyDigit(sep))) {
    throw new NoticeCodecError(
      'layout-damaged',
      "the '|' separators are missing after PAGOPA (the scanner's '|' produces nothing on this PC's keyboard layout): set the scanner's keyboard country to the PC's layout",
    );
  }
  const advice = separatorAdvice(sep, azerty);
  if (/[A-Za-z]/.test(sep)) throw new NoticeCodecError('layout-damaged', `${advice}; a letter as separator cannot be repaired safely`);
  const parts = s.slice(7).split(sep);
  if (parts.length !== 4) {
    const other = [...parts.join('')].find((ch) => !(ch >= '0' && ch <= '9') && !(azerty && isAzertyDigit(ch)));
    const detail = other !== undefined ? `separators are inconsistent, another one arrived as '${other}'` : `the payload has ${parts.length + 1} fields instead of 5`;
    throw new NoticeCodecError('layout-damaged', `${advice}; cannot repair: ${detail}`);
  }
  const fixed: string[] = [];
  for (const [i, p] of parts.entries()) {
    const r = repairDigits(p, azerty);
    if (r.bad !== null) throw new NoticeCodecError('layout-damaged', `${advice}; cannot repair: the ${FIELD_NAMES[i + 1]} contains '${r.bad}'`);
    fixed.push(r.digits);
  }
  try {
    return parseQrFields(['PAGOPA', ...fixed], [`repaired keyboard layout damage: ${advice}`]);
  } catch (e) {
    if (e instanceof NoticeCodecError) throw new NoticeCodecError('layout-damaged', `${advice}; after repair: ${e.message}`);
    throw e;
  }
}
