// Poste Italiane Data Matrix on the "Bollettino Postale PA" (pagopa-psp.md §1.2): fixed offsets, 256 chars
// ("codfase=NBPA;18<notice>12<c/c>10<amount>3896 1P1<EC cf><debtor cf 16><name 40><causale 110><filler>A").
import { isValidPersonalFiscalCode } from './check-digits';
import { makeNotice } from './build-notice';
import { repairDigits } from './keyboard-layout';
import { NoticeCodecError } from './notice-codec-error';
import type { ParsedNotice } from './parsed-notice';

type Field = { at: number; len: number; name: string; fixed?: string };

// Offsets are 0-based (pagopa-psp.md §1.2 table).
const STRUCTURE: Field[] = [
  { at: 13, len: 2, name: 'notice length prefix', fixed: '18' },
  { at: 33, len: 2, name: 'postal account length prefix', fixed: '12' },
  { at: 47, len: 2, name: 'amount length prefix', fixed: '10' },
  { at: 59, len: 1, name: 'document type length prefix', fixed: '3' },
  { at: 60, len: 3, name: 'document type', fixed: '896' },
  { at: 63, len: 1, name: 'Data Matrix id', fixed: '1' },
];

export function looksLikeDataMatrix(s: string): boolean {
  const head = s.slice(0, 7).toLowerCase();
  return head === 'codfase' || head === 'codfqse';
}

export function parseDataMatrix(s: string): ParsedNotice {
  const warnings: string[] = [];
  // A US scanner on an AZERTY PC turns 'a' into 'q' and the digit row into &é"'(-è_çà (pos-practice.md §2C).
  const azerty = s.slice(0, 7).toLowerCase() === 'codfqse';
  if (s.length !== 256 && s.length !== 255) {
    throw new NoticeCodecError('datamatrix-malformed', `Data Matrix has ${s.length} characters, it must have 256`);
  }
  // The io-app fixture is 255 chars (name field one space short); every field we read ends at offset 93.
  if (s.length === 255) warnings.push('Data Matrix has 255 characters instead of 256: accepted, fields are read by position');
  const phase = s.slice(8, 12).toUpperCase();
  if (phase !== 'NBPA' && phase !== 'NBPQ') throw new NoticeCodecError('datamatrix-malformed', `Data Matrix phase code is '${s.slice(8, 12)}', expected 'NBPA'`);
  if (s[7] !== '=' || s[12] !== ';' || azerty) {
    if (!azerty) warnings.push(`repaired keyboard layout damage: Data Matrix separators arrived as '${s[7]}' and '${s[12]}' instead of '=' and ';'`);
    else warnings.push("repaired keyboard layout damage: the PC layout is AZERTY (digits arrived as &é\"'(-è_çà); set the scanner's keyboard country to French");
  }
  const digits = (at: number, len: number, name: string): string => {
    const raw = s.slice(at, at + len);
    const r = repairDigits(raw, azerty);
    if (r.bad !== null || r.digits.length !== len) {
      throw new NoticeCodecError(azerty ? 'layout-damaged' : 'datamatrix-malformed', `Data Matrix ${name} at position ${at + 1} is '${raw}', expected ${len} digits`);
    }
    return r.digits;
  };
  for (const f of STRUCTURE) {
    if (digits(f.at, f.len, f.name) !== f.fixed) {
      throw new NoticeCodecError('datamatrix-malformed', `Data Matrix ${f.name} at position ${f.at + 1} is '${s.slice(f.at, f.at + f.len)}', expected '${f.fixed}'`);
    }
  }
  const phase2 = s.slice(64, 66).toUpperCase();
  if (phase2 !== 'P1' && !(azerty && phase2 === 'P&')) throw new NoticeCodecError('datamatrix-malformed', `Data Matrix payment phase at position 65 is '${s.slice(64, 66)}', expected 'P1'`);
  const noticeNumber = digits(15, 18, 'notice number');
  const postalAccount = digits(35, 12, 'postal account');
  const amountText = digits(49, 10, 'amount');
  const fiscalCode = digits(66, 11, 'creditor fiscal code');
  if (s[s.length - 1]?.toUpperCase() !== 'A' && s[s.length - 1]?.toUpperCase() !== 'Q') {
    throw new NoticeCodecError('datamatrix-malformed', `Data Matrix must end with 'A', it ends with '${s[s.length - 1]}'`);
  }
  // Free-text fields are informational; on AZERTY their letters are scrambled, so they are dropped.
  // In the 255-char variant the name field is the short one (io-app fixture), so the causale starts at 132.
  const nameEnd = 133 - (256 - s.length);
  const debtorFiscalCode = azerty ? null : s.slice(77, 93).trim() || null;
  if (debtorFiscalCode && debtorFiscalCode.length === 16 && !isValidPersonalFiscalCode(debtorFiscalCode)) {
    warnings.push(`debtor fiscal code ${debtorFiscalCode} fails its check character`);
  }
  return makeNotice('datamatrix', noticeNumber, fiscalCode, Number(amountText), {
    postalAccount,
    warnings,
    debtorFiscalCode,
    debtorName: azerty ? null : s.slice(93, nameEnd).trim() || null,
    subject: azerty ? null : s.slice(nameEnd, nameEnd + 110).trim() || null,
  });
}
