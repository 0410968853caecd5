// Money is integer euro cents everywhere (docs/ARCHITECTURE.md); only the SOAP layer uses the XSD text form.
export type Cents = number;

export type MoneyInputErrorKind = 'empty' | 'not-a-number' | 'too-many-decimals' | 'negative' | 'too-large' | 'bad-grouping';

export class MoneyInputError extends Error {
  override readonly name = 'MoneyInputError';
  constructor(
    readonly kind: MoneyInputErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** sac-common-types-1.0.xsd stAmount: maxInclusive 999999999.99. */
export const MAX_AMOUNT_CENTS: Cents = 99_999_999_999;

function checkCents(c: Cents): void {
  if (typeof c !== 'number' || !Number.isFinite(c)) throw new MoneyInputError('not-a-number', `amount ${String(c)} is not a number of cents`);
  if (!Number.isInteger(c)) throw new MoneyInputError('too-many-decimals', `amount ${c} is not a whole number of cents`);
  if (c < 0) throw new MoneyInputError('negative', `amount ${c} is negative`);
  if (c > MAX_AMOUNT_CENTS) throw new MoneyInputError('too-large', `amount ${c} cents is above the pagoPA maximum of 999999999.99 €`);
}

function splitCents(c: Cents): { euros: string; cents: string } {
  const abs = Math.abs(c);
  return { euros: String(Math.floor(abs / 100)), cents: String(abs % 100).padStart(2, '0') };
}

function group(euros: string, sep: string): string {
  return euros.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** nodeForPsp stAmount `\d+\.\d{2}`: 1250 -> "12.50". */
export function formatCentsXsd(c: Cents): string {
  checkCents(c);
  const { euros, cents } = splitCents(c);
  return `${euros}.${cents}`;
}

/** Strict reader of stAmount text ("12.50"), as found in node responses. */
export function parseXsdAmount(s: string): Cents {
  if (typeof s !== 'string' || s.trim() === '') throw new MoneyInputError('empty', 'amount is empty');
  const t = s.trim();
  if (t.startsWith('-')) throw new MoneyInputError('negative', `amount "${t}" is negative`);
  const m = /^(\d+)\.(\d+)$/.exec(t);
  if (!m) throw new MoneyInputError('not-a-number', `amount "${t}" is not in the form 123.45`);
  const [, euros = '', frac = ''] = m;
  if (frac.length !== 2) throw new MoneyInputError('too-many-decimals', `amount "${t}" must have exactly 2 decimals`);
  return toCents(euros, frac, t);
}

function toCents(euros: string, frac: string, shown: string): Cents {
  const e = euros.replace(/^0+(?=\d)/, '');
  if (e.length > 9) throw new MoneyInputError('too-large', `amount "${shown}" is above the pagoPA maximum of 999999999.99 €`);
  return Number(e || '0') * 100 + Number(frac.padEnd(2, '0') || '0');
}

/** Italian display: 123456 -> "€ 1.234,56" (negative: "-€ 1.234,56"). */
export function formatCentsIt(c: Cents): string {
  if (!Number.isInteger(c)) throw new MoneyInputError('not-a-number', `amount ${String(c)} is not a whole number of cents`);
  const { euros, cents } = splitCents(c);
  return `${c < 0 ? '-' : ''}€ ${group(euros, '.')},${cents}`;
}

/** English display: 123456 -> "€1,234.56". */
export function formatCentsEn(c: Cents): string {
  if (!Number.isInteger(c)) throw new MoneyInputError('not-a-number', `amount ${String(c)} is not a whole number of cents`);
  const { euros, cents } = splitCents(c);
  return `${c < 0 ? '-' : ''}€${group(euros, ',')}.${cents}`;
}

const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

/**
 * What a clerk types: "12,50" "12.50" "1.234,56" "1,234.56" "1234" "€ 12,5" "12 EUR".
 * A lone separator followed by exactly 3 digits ("1.234", "1,234") is refused as ambiguous:
 * guessing wrong would charge 1000× too much or too little.
 */
export function parseEuroInput(s: string): Cents {
  if (typeof s !== 'string') throw new MoneyInputError('empty', 'amount is empty');
  let t = s.replace(/[\s\u00a0\u202f]+/g, '');
  t = t.replace(/^(?:€|EUR)/i, '').replace(/(?:€|EUR)$/i, '');
  if (t === '') throw new MoneyInputError('empty', 'amount is empty');
  if (t.startsWith('-') || t.startsWith('−')) throw new MoneyInputError('negative', 'amount cannot be negative');
  if (t.startsWith('+')) t = t.slice(1);
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) throw new MoneyInputError('not-a-number', `"${s.trim()}" is not an amount: use digits and one decimal comma, e.g. 12,50`);

  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let intPart: string;
  let frac: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the last one is the decimal separator, the other one must group thousands.
    const dec = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    intPart = t.slice(0, at);
    frac = t.slice(at + 1);
    if (frac.includes(dec === '.' ? ',' : '.') || intPart.includes(dec)) throw new MoneyInputError('bad-grouping', `"${s.trim()}" mixes separators: write 1.234,56 or 1234,56`);
    if (!GROUPED.test(intPart)) throw new MoneyInputError('bad-grouping', `"${s.trim()}" has misplaced thousands separators: write 1.234,56 or 1234,56`);
    intPart = intPart.replace(/[.,]/g, '');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (sep === null) {
      intPart = t;
      frac = '';
    } else {
      const count = t.split(sep).length - 1;
      if (count > 1) {
        if (!GROUPED.test(t)) throw new MoneyInputError('bad-grouping', `"${s.trim()}" has misplaced thousands separators: write 1.234,56 or 1234,56`);
        intPart = t.replace(/[.,]/g, '');
        frac = '';
      } else {
        const at = t.indexOf(sep);
        intPart = t.slice(0, at);
        frac = t.slice(at + 1);
        if (frac.length === 3 && intPart.length > 0) {
          throw new MoneyInputError('bad-grouping', `"${s.trim()}" is ambiguous: type ${intPart}${frac} for thousands, or at most 2 decimals after the comma`);
        }
      }
    }
  }
  if (frac.length > 2) throw new MoneyInputError('too-many-decimals', `"${s.trim()}" has more than 2 decimals`);
  if (intPart === '' && frac === '') throw new MoneyInputError('not-a-number', `"${s.trim()}" is not an amount`);
  return toCents(intPart, frac, s.trim());
}
