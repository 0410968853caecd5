// Decomposition of the 18-digit notice number by aux digit (pagopa-psp.md §2.1, SACI "Tabella 2").
import { mod93CheckDigits } from './check-digits';
import { NoticeCodecError } from './notice-codec-error';
import type { AuxDigit } from './parsed-notice';

export type NoticeNumberParts = {
  auxDigit: AuxDigit;
  applicationCode: string | null;
  segregationCode: string | null;
  iuvBase: string;
  checkDigits: string | null;
  /** aux 0: digits 3..18 (15); aux 1, 2, 3: digits 1..18 (17). */
  iuv: string;
  expectedCheckDigits: string | null;
  checkDigitOk: boolean | null;
};

export function assertNoticeNumber(n: string, what = 'notice number'): void {
  if (n.length === 0) throw new NoticeCodecError('empty', `${what} is empty`);
  const bad = /\D/.exec(n);
  if (bad) throw new NoticeCodecError('non-digit', `${what} contains '${bad[0]}' at position ${bad.index + 1}: only digits are allowed`);
  if (n.length !== 18) throw new NoticeCodecError('wrong-length', `${what} has ${n.length} digits, it must have 18`);
}

/**
 * IUV (creditorReferenceId) of an 18-digit notice number: aux 0 → digits 3..18, aux 1/2/3 → digits 1..18
 * (pagopa-psp.md §2.1, SACI Tabella 2). The node's own creditorReferenceId wins when it has sent one.
 */
export function iuvOf(n: string): string {
  return n.startsWith('0') ? n.slice(3) : n.slice(1);
}

export function decomposeNoticeNumber(n: string): NoticeNumberParts {
  assertNoticeNumber(n);
  const aux = n.charCodeAt(0) - 48;
  if (aux > 3) throw new NoticeCodecError('bad-aux-digit', `notice number starts with ${aux}: the first digit (aux digit) must be 0, 1, 2 or 3`);
  const auxDigit = aux as AuxDigit;
  if (auxDigit === 1) {
    return { auxDigit, applicationCode: null, segregationCode: null, iuvBase: n.slice(1), checkDigits: null, iuv: iuvOf(n), expectedCheckDigits: null, checkDigitOk: null };
  }
  // aux 0, 2, 3: the check digits are the remainder mod 93 of the first 16 digits.
  const checkDigits = n.slice(16);
  const expected = mod93CheckDigits(n.slice(0, 16));
  const checkDigitOk = checkDigits === expected;
  if (auxDigit === 0) {
    return { auxDigit, applicationCode: n.slice(1, 3), segregationCode: null, iuvBase: n.slice(3, 16), checkDigits, iuv: iuvOf(n), expectedCheckDigits: expected, checkDigitOk };
  }
  if (auxDigit === 2) {
    return { auxDigit, applicationCode: null, segregationCode: null, iuvBase: n.slice(1, 16), checkDigits, iuv: iuvOf(n), expectedCheckDigits: expected, checkDigitOk };
  }
  return { auxDigit, applicationCode: null, segregationCode: n.slice(1, 3), iuvBase: n.slice(3, 16), checkDigits, iuv: iuvOf(n), expectedCheckDigits: expected, checkDigitOk };
}
