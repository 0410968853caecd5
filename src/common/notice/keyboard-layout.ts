// Keyboard-wedge layout damage (pos-practice.md §2C item 14, §5 "Layout trap"): a wedge scanner sends
// HID usages for ITS keyboard country and the PC maps them with ITS layout. The QR's '|' is Shift+0x31
// on a US scanner; Windows and Linux send 0x31 and 0x32 (ISO key beside Enter) as the same key, and
// some scanners use the ISO extra key 0x64. What each PC layout produces instead:
//   Italian: Shift+0x31 '§' (unshifted 'ù'), 0x64 '<' '>'.   German: Shift+0x31 "'" (unshifted '#').
//   UK: Shift+0x31 '~' (unshifted '#').   French AZERTY: Shift+0x31 'µ' (unshifted '*'), and the digit row
//   gives &é"'(-è_çà for 1234567890 and the A key gives Q.   Belgian AZERTY: '£', digits &é"'(§è!çà.
//   Spanish: Shift+0x31 'Ç' (unshifted 'ç').   Swiss: '£'.   US PC with a scanner set to Italian: '~'.

type LayoutHint = { layout: string; country: string };

const SEPARATOR_HINTS: Record<string, LayoutHint> = {
  '§': { layout: 'Italian', country: 'Italian' },
  ù: { layout: 'Italian', country: 'Italian' },
  "'": { layout: 'German', country: 'German' },
  '#': { layout: 'German or UK', country: 'German or UK' },
  '~': { layout: 'UK (or US with the scanner set to Italian)', country: 'the PC layout' },
  µ: { layout: 'French', country: 'French' },
  '*': { layout: 'French', country: 'French' },
  Ç: { layout: 'Spanish', country: 'Spanish' },
  ç: { layout: 'Spanish', country: 'Spanish' },
  '£': { layout: 'Swiss or Belgian', country: 'Swiss or Belgian' },
  '<': { layout: 'an ISO (European) layout', country: 'the PC layout' },
  '>': { layout: 'an ISO (European) layout', country: 'the PC layout' },
  '\\': { layout: 'Italian', country: 'Italian' },
};

/** French and Belgian AZERTY digit row without Shift (a US scanner's unshifted digits). */
const AZERTY_DIGITS: Record<string, string> = { '&': '1', é: '2', '"': '3', "'": '4', '(': '5', '-': '6', '§': '6', è: '7', _: '8', '!': '8', ç: '9', à: '0' };

export function separatorAdvice(sep: string, azerty: boolean): string {
  const hint = azerty ? { layout: 'French/Belgian AZERTY', country: 'French (or Belgian)' } : SEPARATOR_HINTS[sep];
  const show = JSON.stringify(sep).slice(1, -1);
  if (!hint) return `separator '|' arrived as '${show}': the PC's keyboard layout differs from the scanner's; set the scanner's keyboard country to match the PC`;
  const digits = azerty ? ` and digits as AZERTY symbols (&é"'(-è_çà)` : '';
  return `separator '|' arrived as '${show}'${digits}: the PC's keyboard layout is probably ${hint.layout}; set the scanner's keyboard country to ${hint.country}`;
}

/** Maps one field to digits; AZERTY symbols only when the identifier showed an AZERTY layout. */
export function repairDigits(field: string, azerty: boolean): { digits: string; bad: string | null } {
  let out = '';
  for (const ch of field) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (azerty && AZERTY_DIGITS[ch]) out += AZERTY_DIGITS[ch];
    else return { digits: out, bad: ch };
  }
  return { digits: out, bad: null };
}

export function isAzertyDigit(ch: string): boolean {
  return AZERTY_DIGITS[ch] !== undefined;
}
