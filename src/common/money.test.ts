import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCentsEn, formatCentsIt, formatCentsXsd, MAX_AMOUNT_CENTS, MoneyInputError, parseEuroInput, parseXsdAmount } from './money';

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MoneyInputError) return e.kind;
    throw e;
  }
  return 'no-error';
}

describe('XSD stAmount', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [1250, '12.50'],
    [123456, '1234.56'],
    [MAX_AMOUNT_CENTS, '999999999.99'],
  ])('formats %d as %s and back', (c, s) => {
    expect(formatCentsXsd(c)).toBe(s);
    expect(parseXsdAmount(s)).toBe(c);
  });

  it.each([
    [1.5, 'too-many-decimals'],
    [-1, 'negative'],
    [Number.NaN, 'not-a-number'],
    [MAX_AMOUNT_CENTS + 1, 'too-large'],
  ])('refuses to format %d (%s)', (c, kind) => {
    expect(kindOf(() => formatCentsXsd(c))).toBe(kind);
  });

  it.each([
    ['', 'empty'],
    ['12', 'not-a-number'],
    ['12.5', 'too-many-decimals'],
    ['12.500', 'too-many-decimals'],
    ['-1.00', 'negative'],
    ['12,50', 'not-a-number'],
    ['1000000000.00', 'too-large'],
  ])('parseXsdAmount(%j) -> %s', (s, kind) => {
    expect(kindOf(() => parseXsdAmount(s))).toBe(kind);
  });
});

describe('display', () => {
  it.each([
    [0, '€ 0,00', '€0.00'],
    [5, '€ 0,05', '€0.05'],
    [1250, '€ 12,50', '€12.50'],
    [123456, '€ 1.234,56', '€1,234.56'],
    [123456789, '€ 1.234.567,89', '€1,234,567.89'],
    [-200, '-€ 2,00', '-€2.00'],
  ])('%d -> %s / %s', (c, it_, en) => {
    expect(formatCentsIt(c)).toBe(it_);
    expect(formatCentsEn(c)).toBe(en);
  });
});

describe('parseEuroInput', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1234', 123400],
    ['€ 12,5', 1250],
    ['12,5 €', 1250],
    ['12 EUR', 1200],
    ['  0,01 ', 1],
    [',50', 50],
    ['12,', 1200],
    ['1.234.567', 123456700],
    ['1.234.567,8', 123456780],
    ['00012,30', 1230],
    ['1 234,56', 123456],
    ['999999999,99', MAX_AMOUNT_CENTS],
  ])('%j -> %d', (s, c) => {
    expect(parseEuroInput(s)).toBe(c);
  });

  it.each([
    ['', 'empty'],
    ['  € ', 'empty'],
    ['abc', 'not-a-number'],
    ['12a', 'not-a-number'],
    ['.', 'not-a-number'],
    ['12,505', 'bad-grouping'],
    ['1.234', 'bad-grouping'],
    ['12,5055', 'too-many-decimals'],
    ['-5', 'negative'],
    ['1.23.4', 'bad-grouping'],
    ['1,23,456.00', 'bad-grouping'],
    ['1.234.56,00', 'bad-grouping'],
    ['1000000000', 'too-large'],
  ])('%j is refused as %s', (s, kind) => {
    expect(kindOf(() => parseEuroInput(s))).toBe(kind);
  });

  it('round-trips every amount through the Italian, English and XSD forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (c) => {
        expect(parseEuroInput(formatCentsIt(c))).toBe(c);
        expect(parseEuroInput(formatCentsEn(c))).toBe(c);
        expect(parseXsdAmount(formatCentsXsd(c))).toBe(c);
      }),
    );
  });

  it('never throws anything but MoneyInputError and always returns whole non-negative cents', () => {
    const alphabet = fc.constantFrom(...'0123456789.,€ -+EURe\t\u00a0x'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (s) => {
        try {
          const c = parseEuroInput(s);
          expect(Number.isSafeInteger(c) && c >= 0 && c <= MAX_AMOUNT_CENTS).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(MoneyInputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
