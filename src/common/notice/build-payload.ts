// Builds the machine-readable codes of a notice (tests, simulator seeds, demos). Inverse of the parsers.
import { MAX_AMOUNT_CENTS } from '../money';
import { assertEcFiscalCode } from './build-notice';
import { assertNoticeNumber } from './notice-number';
import { NoticeCodecError } from './notice-codec-error';

export type QrPayloadInput = { noticeNumber: string; fiscalCode: string; amountCents: number; amountDigits?: number };

function checkAmount(c: number): void {
  if (!Number.isSafeInteger(c) || c < 0 || c > MAX_AMOUNT_CENTS) throw new NoticeCodecError('bad-amount', `amount ${c} is not a valid number of cents`);
}

/** PAGOPA|002|<18>|<11>|<cents>; the amount is zero-padded to `amountDigits` (default 2, the spec minimum). */
export function buildQrPayload(n: QrPayloadInput): string {
  assertNoticeNumber(n.noticeNumber);
  assertEcFiscalCode(n.fiscalCode);
  checkAmount(n.amountCents);
  return `PAGOPA|002|${n.noticeNumber}|${n.fiscalCode}|${String(n.amountCents).padStart(n.amountDigits ?? 2, '0')}`;
}

export type DataMatrixPayloadInput = {
  noticeNumber: string;
  fiscalCode: string;
  amountCents: number;
  postalAccount: string;
  debtorFiscalCode?: string;
  debtorName?: string;
  subject?: string;
};

// Poste character set for free text (pagopa-psp.md §1.2): ' - space & , 0-9 : A-Z _ a-z, upper-cased.
function freeText(s: string, len: number): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 '&,:_-]/g, ' ')
    .slice(0, len)
    .padEnd(len, ' ');
}

/** The 256-character Poste Data Matrix (pagopa-psp.md §1.2 table). */
export function buildDataMatrixPayload(n: DataMatrixPayloadInput): string {
  assertNoticeNumber(n.noticeNumber);
  assertEcFiscalCode(n.fiscalCode);
  checkAmount(n.amountCents);
  if (n.amountCents > 9_999_999_999) throw new NoticeCodecError('bad-amount', 'amount does not fit the 10-digit Data Matrix field');
  const cc = n.postalAccount.padStart(12, '0');
  if (!/^\d{12}$/.test(cc)) throw new NoticeCodecError('wrong-length', 'postal account must be at most 12 digits');
  const out =
    'codfase=NBPA;' +
    `18${n.noticeNumber}12${cc}10${String(n.amountCents).padStart(10, '0')}3896` +
    `1P1${n.fiscalCode}` +
    freeText(n.debtorFiscalCode ?? 'ANONIMO', 16) +
    freeText(n.debtorName ?? '', 40) +
    freeText(n.subject ?? '', 110) +
    ' '.repeat(12) +
    'A';
  return out;
}
