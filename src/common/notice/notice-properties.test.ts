// Property tests: build -> parse round-trips and "only typed errors" for every input (issue #2 §6).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDataMatrixPayload, buildQrPayload, mod93CheckDigits, NoticeCodecError, parseManualNotice, parseNoticeCode } from './index';
import { MAX_AMOUNT_CENTS } from '../money';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** Valid notice numbers for every aux digit, with correct mod-93 check digits where they exist. */
const noticeNumber = fc.oneof(
  digits(17).map((d) => `1${d}`),
  fc.tuple(fc.constantFrom('0', '2', '3'), digits(15)).map(([aux, d]) => `${aux}${d}${mod93CheckDigits(aux + d)}`),
);
const fiscalCode = digits(11);
const amount = fc.integer({ min: 0, max: MAX_AMOUNT_CENTS });

function onlyTypedErrors(s: string): void {
  try {
    const n = parseNoticeCode(s);
    expect(n.noticeNumber).toMatch(/^\d{18}$/);
    expect(n.fiscalCode).toMatch(/^\d{11}$/);
  } catch (e) {
    if (!(e instanceof NoticeCodecError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('round-trips', () => {
  it('QR: buildQrPayload -> parseNoticeCode', () => {
    fc.assert(
      fc.property(noticeNumber, fiscalCode, amount, fc.integer({ min: 1, max: 12 }), fc.constantFrom('', '\r', '\r\n', '\t', '\n'), (n, cf, a, pad, suffix) => {
        const p = parseNoticeCode(buildQrPayload({ noticeNumber: n, fiscalCode: cf, amountCents: a, amountDigits: pad }) + suffix);
        expect(p).toMatchObject({ format: 'qr', noticeNumber: n, fiscalCode: cf, amountCents: a, auxDigit: Number(n[0]) });
        expect(p.checkDigitOk).toBe(n[0] === '1' ? null : true);
      }),
    );
  });

  it('QR with keyboard-layout damage (Italian / German / UK / AZERTY) repairs to the same notice', () => {
    const azerty: Record<string, string> = { '1': '&', '2': 'é', '3': '"', '4': "'", '5': '(', '6': '-', '7': 'è', '8': '_', '9': 'ç', '0': 'à', A: 'Q', '|': 'µ' };
    fc.assert(
      fc.property(noticeNumber, fiscalCode, amount, fc.constantFrom('§', "'", '~', 'Ç', '>', 'azerty'), (n, cf, a, how) => {
        const qr = buildQrPayload({ noticeNumber: n, fiscalCode: cf, amountCents: a });
        const damaged = how === 'azerty' ? [...qr].map((c) => azerty[c] ?? c).join('') : qr.replaceAll('|', how);
        const p = parseNoticeCode(damaged);
        expect(p).toMatchObject({ noticeNumber: n, fiscalCode: cf, amountCents: a });
        expect(p.warnings[0]).toMatch(/^repaired keyboard layout damage/);
      }),
    );
  });

  it('Data Matrix: buildDataMatrixPayload -> parseNoticeCode', () => {
    fc.assert(
      fc.property(noticeNumber, fiscalCode, fc.integer({ min: 0, max: 9_999_999_999 }), digits(12), fc.string({ maxLength: 60 }), (n, cf, a, cc, text) => {
        const dm = buildDataMatrixPayload({ noticeNumber: n, fiscalCode: cf, amountCents: a, postalAccount: cc, debtorName: text, subject: text });
        expect(dm).toHaveLength(256);
        const p = parseNoticeCode(dm);
        expect(p).toMatchObject({ format: 'datamatrix', noticeNumber: n, fiscalCode: cf, amountCents: a, postalAccount: cc });
      }),
    );
  });

  it('manual: printed grouping by 4 -> parseManualNotice', () => {
    fc.assert(
      fc.property(noticeNumber, fiscalCode, (n, cf) => {
        const grouped = n.replace(/(\d{4})(?=\d)/g, '$1 ');
        expect(parseManualNotice(grouped, cf)).toMatchObject({ format: 'manual', noticeNumber: n, fiscalCode: cf, amountCents: null });
      }),
    );
  });
});

describe('no input makes parseNoticeCode throw anything but NoticeCodecError', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), onlyTypedErrors), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), onlyTypedErrors), { numRuns: 1000 });
  });

  it('near-miss QR payloads', () => {
    const unit = fc.constantFrom(...'0123456789|§\'~#µ&é"(-è_çà!PAGOQ \r\n'.split(''));
    const head = fc.constantFrom('PAGOPA', 'PQGOPQ', 'pagopa', 'PAGOPA|002|', 'PAGOPA§002§', ']Q1PAGOPA|');
    fc.assert(
      fc.property(head, fc.string({ unit, maxLength: 60 }), (h, rest) => onlyTypedErrors(h + rest)),
      { numRuns: 5000 },
    );
  });

  it('near-miss Data Matrix payloads', () => {
    const unit = fc.constantFrom(...'0123456789 A&éàçPQ;=x'.split(''));
    const head = fc.constantFrom('codfase=NBPA;', 'codfqse=NBPQ;', 'CODFASE=NBPA;18', 'codfase§NBPAò18');
    fc.assert(
      fc.property(head, fc.string({ unit, minLength: 230, maxLength: 250 }), (h, rest) => onlyTypedErrors(h + rest)),
      { numRuns: 3000 },
    );
  });
});
