// Entry points of the notice codec: scanned payloads (QR / Data Matrix, auto-detected) and typed entry.
import { makeNotice } from './build-notice';
import { NoticeCodecError } from './notice-codec-error';
import { looksLikeDataMatrix, parseDataMatrix } from './parse-datamatrix';
import { parseQrFields, qrIdentifierLayout, repairQrLayout } from './parse-qr';
import type { ParsedNotice } from './parsed-notice';

// AIM symbology identifier some scanners prepend (pos-practice.md §5): ]Q<n> QR, ]d<n> Data Matrix.
const AIM_PREFIX = /^\][Qd][0-9A-Za-z]/;

function describe(s: string): string {
  const shown = JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);
  return `${shown} (${s.length} characters)`;
}

/** QR or Data Matrix payload as delivered by a scanner or camera; repairs keyboard-wedge damage. */
export function parseNoticeCode(raw: string): ParsedNotice {
  if (typeof raw !== 'string') throw new NoticeCodecError('empty', 'no code was read');
  // Scanners append CR/LF/TAB and some prepend spaces; a DM ends with 'A', so trimming never eats data.
  let s = raw.replace(/^[\s\0]+|[\s\0]+$/g, '');
  if (s.length === 0) throw new NoticeCodecError('empty', 'the scanned code is empty');
  if (AIM_PREFIX.test(s)) s = s.slice(3);
  if (looksLikeDataMatrix(s)) return parseDataMatrix(s);
  const layout = qrIdentifierLayout(s);
  if (layout === 'plain' && s[6] === '|') return parseQrFields(s.split('|'), []);
  if (layout !== null) return repairQrLayout(s, layout === 'azerty');
  if (s.includes('|')) {
    const ident = s.split('|')[0] ?? '';
    throw new NoticeCodecError('wrong-identifier', `code starts with '${ident.slice(0, 16)}', not 'PAGOPA': this is not a pagoPA notice QR code`);
  }
  // Poste OCR codeline (Code 128 on the bollettino, pagopa-psp.md §1.2): 18<18>12<12>10<10>3896.
  if (/^18\d{18}12\d{12}10\d{10}3896$/.test(s)) {
    throw new NoticeCodecError('unknown-format', 'this is the Poste bollettino barcode: scan the QR code or the Data Matrix of the notice instead');
  }
  if (/^\d{18}$/.test(s)) {
    throw new NoticeCodecError('unknown-format', 'only a notice number was read: type the creditor fiscal code as well (manual entry)');
  }
  throw new NoticeCodecError('unknown-format', `not a pagoPA QR code or Poste Data Matrix: ${describe(s)}`);
}

/** Typed entry at the counter: accepts the printed grouping "3020 1672 3749 6700 00" (pagopa-psp.md §1.1). */
export function parseManualNotice(noticeNumber: string, fiscalCode: string): ParsedNotice {
  const n = String(noticeNumber ?? '').replace(/[\s\u00a0.\-/]+/g, '');
  const cf = String(fiscalCode ?? '').replace(/[\s\u00a0]+/g, '');
  if (n.length === 0) throw new NoticeCodecError('empty', 'notice number is empty');
  if (cf.length === 0) throw new NoticeCodecError('empty', 'creditor fiscal code is empty');
  return makeNotice('manual', n, cf, null);
}
