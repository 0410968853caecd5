// Check characters of pagoPA identifiers (pagopa-psp.md §2.1–§2.3).

/** pagopa-psp.md §2.1: check = int(noticeNumber[0:16]) mod 93, two digits with a leading zero. */
export function mod93CheckDigits(first16: string): string {
  if (!/^\d{16}$/.test(first16)) throw new RangeError('mod93CheckDigits needs exactly 16 digits');
  let r = 0;
  // Digit-by-digit remainder: 16 digits exceed Number's exact range, and this avoids BigInt.
  for (const ch of first16) r = (r * 10 + (ch.charCodeAt(0) - 48)) % 93;
  return String(r).padStart(2, '0');
}

/** pagopa-psp.md §2.2: EC fiscal code / partita IVA, Luhn over 11 digits. */
export function isValidEcFiscalCode(cf11: string): boolean {
  if (!/^\d{11}$/.test(cf11)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = cf11.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return (10 - (sum % 10)) % 10 === cf11.charCodeAt(10) - 48;
}

const CF_FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
// pagopa-psp.md §2.3 (python-stdnum codicefiscale): values for characters at even 0-based positions.
const ODD_TABLE = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function charValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57 ? c - 48 : c - 65;
}

/** Check character of the first 15 characters of a personal codice fiscale. */
export function personalFiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = charValue(first15[i] ?? 'A');
    sum += i % 2 === 0 ? (ODD_TABLE[v] ?? 0) : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Personal codice fiscale (16 chars), omocodia letters LMNPQRSTUV accepted in place of digits. */
export function isValidPersonalFiscalCode(cf16: string): boolean {
  const cf = cf16.toUpperCase();
  if (!CF_FORMAT.test(cf)) return false;
  return personalFiscalCodeCheckChar(cf.slice(0, 15)) === cf[15];
}
