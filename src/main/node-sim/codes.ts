// Check characters for simulator data: notice numbers with the mod-93 check digits (pagopa-psp.md §2.1,
// SACI), EC fiscal codes with the Luhn digit (§2.2), IBANs with ISO 13616 mod-97 check digits.

/** `3<segregation 2n><IUV base 13n><check 2n>`, check = int(first 16 digits) mod 93 (SACI, aux digit 3). */
export function noticeNumber(segregationCode: string, iuvBase13: string): string {
  if (!/^\d{2}$/.test(segregationCode) || !/^\d{13}$/.test(iuvBase13)) throw new RangeError('segregation code must be 2 digits, IUV base 13');
  const first16 = `3${segregationCode}${iuvBase13}`;
  return first16 + String(Number(BigInt(first16) % 93n)).padStart(2, '0');
}

export function hasValidCheckDigits(notice: string): boolean {
  if (!/^\d{18}$/.test(notice)) return false;
  if (notice[0] === '1') return true; // aux 1: 17-digit IUV base, no check digits
  return Number(BigInt(notice.slice(0, 16)) % 93n) === Number(notice.slice(16));
}

/** IUV (creditorReferenceId) from the notice number: aux 0 → digits 3..18, aux 1/2/3 → digits 1..18 (§2.1). */
export function iuvOf(notice: string): string {
  return notice[0] === '0' ? notice.slice(3) : notice.slice(1);
}

/** Luhn check of an 11-digit EC fiscal code (same algorithm as the partita IVA, §2.2). */
export function isValidEcFiscalCode(code: string): boolean {
  if (!/^\d{11}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(code[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(code[10]);
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

/** The notice's QR payload (pagopa-psp.md §1.1): PAGOPA|002|notice|EC|amount in cents (padded like the io-app fixtures). */
export function qrPayload(notice: string, ecFiscalCode: string, amountCents: number): string {
  return `PAGOPA|002|${notice}|${ecFiscalCode}|${String(amountCents).padStart(10, '0')}`;
}
