// Check characters for simulator data: notice numbers with the mod-93 check digits (pagopa-psp.md §2.1,
// SACI), EC fiscal codes with the Luhn digit (§2.2), IBANs with ISO 13616 mod-97 check digits. The
// mod-93 and Luhn arithmetic is the notice codec's (src/common/notice/check-digits.ts), never a copy.
import { mod93CheckDigits } from '../../common/notice/check-digits';

export { isValidEcFiscalCode } from '../../common/notice/check-digits';

/** `3<segregation 2n><IUV base 13n><check 2n>`, check = int(first 16 digits) mod 93 (SACI, aux digit 3). */
export function noticeNumber(segregationCode: string, iuvBase13: string): string {
  if (!/^\d{2}$/.test(segregationCode) || !/^\d{13}$/.test(iuvBase13)) throw new RangeError('segregation code must be 2 digits, IUV base 13');
  const first16 = `3${segregationCode}${iuvBase13}`;
  return first16 + mod93CheckDigits(first16);
}

export function hasValidCheckDigits(notice: string): boolean {
  if (!/^\d{18}$/.test(notice)) return false;
  if (notice[0] === '1') return true; // aux 1: 17-digit IUV base, no check digits
  return mod93CheckDigits(notice.slice(0, 16)) === notice.slice(16);
}

/** An Italian IBAN (IT kk CIN ABI CAB account) with correct mod-97 check digits. */
export function italianIban(cin: string, abi: string, cab: string, account12: string): string {
  const bban = `${cin}${abi}${cab}${account12}`;
  const digits = `${bban}IT00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(digits) % 97n);
  return `IT${String(check).padStart(2, '0')}${bban}`;
}

export function isValidIban(iban: string): boolean {
  const r = `${iban.slice(4)}${iban.slice(0, 4)}`.toUpperCase().replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/i.test(iban) && BigInt(r) % 97n === 1n;
}
