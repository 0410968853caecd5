// Assembles a ParsedNotice from validated fields and adds the non-blocking warnings.
import { isValidEcFiscalCode } from './check-digits';
import { NoticeCodecError } from './notice-codec-error';
import { decomposeNoticeNumber } from './notice-number';
import type { NoticeFormat, ParsedNotice } from './parsed-notice';

export function assertEcFiscalCode(cf: string): void {
  if (cf.length === 0) throw new NoticeCodecError('empty', 'creditor fiscal code is empty');
  const bad = /\D/.exec(cf);
  if (bad) throw new NoticeCodecError('non-digit', `creditor fiscal code contains '${bad[0]}' at position ${bad.index + 1}: it must be 11 digits`);
  if (cf.length !== 11) throw new NoticeCodecError('wrong-length', `creditor fiscal code has ${cf.length} digits, it must have 11`);
}

export function makeNotice(format: NoticeFormat, noticeNumber: string, fiscalCode: string, amountCents: number | null, extra: Partial<ParsedNotice> & { warnings?: string[] } = {}): ParsedNotice {
  const parts = decomposeNoticeNumber(noticeNumber);
  assertEcFiscalCode(fiscalCode);
  const warnings = [...(extra.warnings ?? [])];
  // pagopa-psp.md §2.1: the check digit is optional for the PSP to verify and the node does not enforce it → warn only.
  if (parts.checkDigitOk === false) {
    warnings.push(`notice number check digits ${parts.checkDigits} do not match (expected ${parts.expectedCheckDigits}): a digit may be wrong; the node will decide`);
  }
  // pagopa-psp.md §2.2: the XSD has no checksum and SANP examples fail it → warn only.
  if (!isValidEcFiscalCode(fiscalCode)) warnings.push(`creditor fiscal code ${fiscalCode} fails its check digit: a digit may be wrong; the node will decide`);
  return {
    ...extra,
    format,
    noticeNumber,
    fiscalCode,
    amountCents,
    auxDigit: parts.auxDigit,
    iuv: parts.iuv,
    applicationCode: parts.applicationCode,
    segregationCode: parts.segregationCode,
    checkDigits: parts.checkDigits,
    checkDigitOk: parts.checkDigitOk,
    postalAccount: extra.postalAccount ?? null,
    warnings,
  };
}
