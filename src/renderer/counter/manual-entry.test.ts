import { describe, expect, it } from 'vitest';
import { checkManual } from './manual-entry';

describe('manual entry live validation', () => {
  it('treats a short field as incomplete, not wrong', () => {
    expect(checkManual('3007 1570 0000', '')).toEqual({ numberError: null, cfError: null, warnings: [], ok: false });
  });
  it('flags letters, too many digits and a bad aux digit at once', () => {
    expect(checkManual('30071570000000003a', '').numberError).toBe('manual.err.digitsOnly');
    expect(checkManual('3007157000000000321', '').numberError).toBe('manual.err.numberLength');
    expect(checkManual('900715700000000032', '').numberError).toBe('manual.err.auxDigit');
    expect(checkManual('', '000852409501').cfError).toBe('manual.err.cfLength');
  });
  it('accepts the printed grouping with the creditor fiscal code (pagopa-psp.md §1.2 fixture)', () => {
    expect(checkManual('3007 1570 0000 0000 32', '00085240950')).toMatchObject({ ok: true, numberError: null, cfError: null });
  });
  it('passes the codec warnings through (mod-93 check digits wrong: a warning, not a refusal)', () => {
    const r = checkManual('302016723749670000', '00085240950');
    expect(r.ok).toBe(true);
    expect(r.warnings.length).toBeGreaterThan(0);
  });
  it("words the warnings as i18n keys with their values, not the codec's English (issue #11 §11)", () => {
    expect(checkManual('302016723749670000', '00085240950').warnings).toEqual([{ key: 'manual.warn.checkDigits', values: { found: '00', expected: '54' } }]);
    expect(checkManual('302016723749670000', '77777777777').warnings.map((w) => w.key)).toEqual(['manual.warn.checkDigits', 'manual.warn.fiscalCode']);
  });
});
