import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decomposeNoticeNumber, isValidEcFiscalCode, isValidPersonalFiscalCode, mod93CheckDigits, personalFiscalCodeCheckChar } from './index';

describe('mod-93 check digits (pagopa-psp.md §2.1)', () => {
  it.each([
    ['3007157000000000', '32'], // io-app worked example
    ['3020167237496700', '54'], // node test data (printed 00)
    ['3111111111122222', '47'], // SANP example (printed 22)
    ['0000000000000000', '00'],
    ['9999999999999999', String(9999999999999999n % 93n).padStart(2, '0')],
  ])('%s -> %s', (first16, cd) => {
    expect(mod93CheckDigits(first16)).toBe(cd);
  });

  it('matches BigInt arithmetic for every 16-digit prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 16, maxLength: 16 }), (p) => {
        expect(mod93CheckDigits(p)).toBe(String(BigInt(p) % 93n).padStart(2, '0'));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses anything that is not 16 digits', () => {
    expect(() => mod93CheckDigits('123')).toThrow(RangeError);
  });
});

describe('decomposeNoticeNumber (SACI Tabella 2)', () => {
  it('aux 0: application code + 13-digit IUV base + check', () => {
    expect(decomposeNoticeNumber('012345678901234567')).toMatchObject({
      auxDigit: 0,
      applicationCode: '12',
      segregationCode: null,
      iuvBase: '3456789012345',
      checkDigits: '67',
      iuv: '345678901234567',
    });
  });
  it('aux 3: segregation code + 13-digit IUV base + check', () => {
    expect(decomposeNoticeNumber('300715700000000032')).toMatchObject({ auxDigit: 3, segregationCode: '00', iuvBase: '7157000000000', checkDigits: '32', checkDigitOk: true });
  });
});

describe('EC fiscal code (pagopa-psp.md §2.2)', () => {
  it.each(['00743110157', '01199250158', '00085240950', '00000000000'])('%s is valid', (cf) => expect(isValidEcFiscalCode(cf)).toBe(true));
  it.each(['77777777777', '00743110158', '0074311015', '0074311015A', ''])('%j is invalid', (cf) => expect(isValidEcFiscalCode(cf)).toBe(false));
  it('detects every single-digit change of a valid code', () => {
    const cf = '00743110157';
    for (let i = 0; i < 11; i++) {
      for (let d = 0; d <= 9; d++) {
        const v = cf.slice(0, i) + String(d) + cf.slice(i + 1);
        if (v !== cf) expect(isValidEcFiscalCode(v)).toBe(false);
      }
    }
  });
});

describe('personal codice fiscale (pagopa-psp.md §2.3)', () => {
  it.each([
    ['RCCMNL83S18D969', 'H'],
    ['BSCMTT83A12L719', 'R'],
    ['JHNDOE00A01F205', 'N'],
  ])('%s -> %s', (first15, c) => {
    expect(personalFiscalCodeCheckChar(first15)).toBe(c);
    expect(isValidPersonalFiscalCode(first15 + c)).toBe(true);
    expect(isValidPersonalFiscalCode((first15 + c).toLowerCase())).toBe(true);
  });

  it('accepts omocodia (digits replaced by LMNPQRSTUV) with the recomputed check character', () => {
    // Omocodia replaces digits from the right: 9 -> V, 6 -> S, 9 -> V ...
    const omo = 'RCCMNL83S18D96V';
    const full = omo + personalFiscalCodeCheckChar(omo);
    expect(full).not.toBe('RCCMNL83S18D969H');
    expect(isValidPersonalFiscalCode(full)).toBe(true);
    expect(isValidPersonalFiscalCode('RCCMNL83S18DSVVX'.slice(0, 15) + personalFiscalCodeCheckChar('RCCMNL83S18DSVV'))).toBe(true);
  });

  it.each(['RCCMNL83S18D969A', 'RCCMNL83S18D96', 'RCCMNL83Z18D969H', 'RCCMNL8AS18D969H', '1CCMNL83S18D969H'])('%s is invalid', (cf) => {
    expect(isValidPersonalFiscalCode(cf)).toBe(false);
  });
});
