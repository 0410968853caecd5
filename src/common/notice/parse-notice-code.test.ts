import { describe, expect, it } from 'vitest';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type NoticeCodecErrorKind } from './index';

// io-app fixture (pagopa-psp.md §1.2), verbatim, 255 characters.
const IO_APP_DM =
  'codfase=NBPA;183007157000000000321200001630209310000000000138961P100085240950BSCMTT83A12L719RName Surname                           test                                                                                                                      A';

function errorKind(fn: () => unknown): NoticeCodecErrorKind | 'no-error' {
  try {
    fn();
  } catch (e) {
    if (e instanceof NoticeCodecError) return e.kind;
    throw e;
  }
  return 'no-error';
}

function errorOf(fn: () => unknown): NoticeCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof NoticeCodecError) return e;
    throw e;
  }
  throw new Error('expected a NoticeCodecError');
}

/** What a US-configured wedge scanner types into a French AZERTY PC (pos-practice.md §2C item 14). */
function azerty(s: string): string {
  const row: Record<string, string> = { '1': '&', '2': 'é', '3': '"', '4': "'", '5': '(', '6': '-', '7': 'è', '8': '_', '9': 'ç', '0': 'à', A: 'Q', '|': 'µ' };
  return [...s].map((c) => row[c] ?? c).join('');
}

describe('QR code (pagopa-psp.md §1.1)', () => {
  it('decodes the io-app fixture', () => {
    const n = parseNoticeCode('PAGOPA|002|000000000000000000|01199250158|0000015000');
    expect(n).toMatchObject({
      format: 'qr',
      noticeNumber: '000000000000000000',
      fiscalCode: '01199250158',
      amountCents: 15000,
      auxDigit: 0,
      applicationCode: '00',
      iuv: '000000000000000',
      checkDigitOk: true,
      warnings: [],
    });
  });

  it('decodes the official example with a 4-digit amount', () => {
    const n = parseNoticeCode('PAGOPA|002|000000000000000000|00000000000|9999');
    expect(n.amountCents).toBe(9999);
    expect(n.warnings).toEqual([]);
  });

  it('decodes aux 3 with segregation code and a correct mod-93 check (worked example 300715700000000032)', () => {
    const n = parseNoticeCode('PAGOPA|002|300715700000000032|00085240950|1');
    expect(n).toMatchObject({ auxDigit: 3, segregationCode: '00', applicationCode: null, iuv: '00715700000000032', checkDigits: '32', checkDigitOk: true, amountCents: 1, warnings: [] });
  });

  it('warns (does not reject) on a wrong mod-93 check digit and a failing EC fiscal code (SANP example data)', () => {
    const n = parseNoticeCode('PAGOPA|002|311111111112222222|77777777777|12000');
    expect(n.checkDigitOk).toBe(false);
    expect(n.warnings).toHaveLength(2);
    expect(n.warnings[0]).toContain('expected 47');
    expect(n.warnings[1]).toContain('77777777777');
    const m = parseNoticeCode('PAGOPA|002|302016723749670000|00743110157|100');
    expect(m.warnings).toEqual([expect.stringContaining('expected 54')]);
  });

  it('decodes aux 1 (no check digits) and aux 2', () => {
    expect(parseNoticeCode('PAGOPA|002|112345678901234567|00743110157|10')).toMatchObject({ auxDigit: 1, iuv: '12345678901234567', checkDigits: null, checkDigitOk: null, warnings: [] });
    const aux2 = parseNoticeCode('PAGOPA|002|212345678901234500|00743110157|10');
    expect(aux2).toMatchObject({ auxDigit: 2, iuv: '12345678901234500', checkDigits: '00' });
  });

  it.each([
    ['  PAGOPA|002|000000000000000000|01199250158|0000015000\r\n'],
    ['PAGOPA|002|000000000000000000|01199250158|0000015000\t'],
    ['PAGOPA|002|000000000000000000|01199250158|0000015000\n'],
    [']Q1PAGOPA|002|000000000000000000|01199250158|0000015000\r'],
  ])('accepts scanner framing %j', (raw) => {
    expect(parseNoticeCode(raw).amountCents).toBe(15000);
  });

  it('accepts a lower-case payload (Caps Lock) with a warning', () => {
    const n = parseNoticeCode('pagopa|002|000000000000000000|01199250158|150');
    expect(n.warnings[0]).toMatch(/lower case/);
  });

  it.each<[string, NoticeCodecErrorKind, RegExp]>([
    ['', 'empty', /empty/],
    [' \r\n', 'empty', /empty/],
    ['PAGOPA|002|000000000000000000|01199250158', 'wrong-field-count', /4 fields/],
    ['PAGOPA|002|000000000000000000|01199250158|00000000000|100', 'wrong-field-count', /6 fields.*generator bug/],
    ['PAGOPA|001|000000000000000000|01199250158|100', 'wrong-version', /'001'/],
    ['PAGOPB|002|000000000000000000|01199250158|100', 'wrong-identifier', /PAGOPB/],
    ['PAGOPA|002|00000000000000000|01199250158|100', 'wrong-length', /17 digits/],
    ['PAGOPA|002|0000000000000000O0|01199250158|100', 'non-digit', /'O' at position 17/],
    ['PAGOPA|002|000000000000000000|0119925015|100', 'wrong-length', /10 digits.*11/],
    ['PAGOPA|002|400000000000000000|01199250158|100', 'bad-aux-digit', /starts with 4/],
    ['PAGOPA|002|000000000000000000|01199250158|', 'bad-amount', /empty/],
    ['PAGOPA|002|000000000000000000|01199250158|12,50', 'bad-amount', /','/],
    ['PAGOPA|002|000000000000000000|01199250158|1234567890123', 'bad-amount', /13 digits/],
    ['PAGOPA|002||01199250158|100', 'empty', /notice number/],
    ['8001234567890', 'unknown-format', /not a pagoPA/],
    ['300715700000000032', 'unknown-format', /fiscal code/],
    ['18300715700000000032120000163020931000000000013896', 'unknown-format', /bollettino/],
    ['https://example.org|x', 'wrong-identifier', /not 'PAGOPA'/],
  ])('rejects %j as %s', (raw, kind, msg) => {
    const e = errorOf(() => parseNoticeCode(raw));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(msg);
  });
});

describe('keyboard-wedge layout damage (pos-practice.md §2C item 14, §5)', () => {
  const good = 'PAGOPA|002|300715700000000032|00085240950|1250';
  it.each([
    ['§', /Italian/],
    ["'", /German/],
    ['~', /UK/],
    ['Ç', /Spanish/],
    ['>', /ISO/],
    ['£', /Swiss or Belgian/],
  ])("repairs a consistent '%s' separator", (sep, layout) => {
    const n = parseNoticeCode(good.replaceAll('|', sep));
    expect(n).toMatchObject({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1250, checkDigitOk: true });
    expect(n.warnings).toEqual([expect.stringMatching(layout)]);
    expect(n.warnings[0]).toContain(`separator '|' arrived as '${sep}'`);
  });

  it('repairs AZERTY damage of digits, letters and separator', () => {
    const damaged = azerty(good);
    expect(damaged.startsWith('PQGOPQµààéµ"ààè&(è')).toBe(true);
    const n = parseNoticeCode(`${damaged}\r`);
    expect(n).toMatchObject({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1250 });
    expect(n.warnings[0]).toMatch(/AZERTY.*French/);
  });

  it.each<[string, RegExp]>([
    ['PAGOPA§002|300715700000000032|00085240950|1250', /inconsistent, another one arrived as '\|'/],
    ['PAGOPA§002§300715700000000032#00085240950§1250', /inconsistent.*'#'/],
    ['PAGOPA0023007157000000000320008524095001250', /separators are missing/],
    ['PAGOPA§002§30071570000000003§00085240950§1250', /after repair: notice number has 17 digits/],
    ['PAGOPA§002§300715700000000032§0008524095x§1250', /creditor fiscal code contains 'x'/],
    ['PAGOPAX002X300715700000000032X00085240950X1250', /letter/],
  ])('refuses %j with a precise reason', (raw, msg) => {
    const e = errorOf(() => parseNoticeCode(raw));
    expect(e.kind).toBe('layout-damaged');
    expect(e.message).toMatch(msg);
  });
});

describe('Poste Data Matrix (pagopa-psp.md §1.2)', () => {
  it('decodes the io-app fixture (255-character variant)', () => {
    const n = parseNoticeCode(IO_APP_DM);
    expect(n).toMatchObject({
      format: 'datamatrix',
      noticeNumber: '300715700000000032',
      postalAccount: '000016302093',
      amountCents: 1,
      fiscalCode: '00085240950',
      debtorFiscalCode: 'BSCMTT83A12L719R',
      debtorName: 'Name Surname',
      subject: 'test',
      checkDigitOk: true,
      auxDigit: 3,
    });
    expect(n.warnings).toEqual([expect.stringContaining('255 characters')]);
  });

  it('decodes the 256-character form with no warnings and tolerates a trailing CR', () => {
    const dm = IO_APP_DM.replace('Name Surname ', 'Name Surname  ');
    expect(dm).toHaveLength(256);
    expect(parseNoticeCode(`${dm}\r\n`).warnings).toEqual([]);
  });

  it.each<[string, NoticeCodecErrorKind, RegExp]>([
    [IO_APP_DM.slice(0, 100), 'datamatrix-malformed', /100 characters/],
    [IO_APP_DM.replace('3896', '3895'), 'datamatrix-malformed', /document type/],
    [IO_APP_DM.replace('NBPA', 'NBPX'), 'datamatrix-malformed', /phase code/],
    [IO_APP_DM.replace('1P1', '1P2'), 'datamatrix-malformed', /payment phase/],
    [IO_APP_DM.replace('183007157', '18300715X'), 'datamatrix-malformed', /notice number at position 16/],
    [IO_APP_DM.replace('00000000013896', '0000000x013896'), 'datamatrix-malformed', /amount at position 50/],
  ])('rejects a damaged Data Matrix (%#) as %s', (raw, kind, msg) => {
    const e = errorOf(() => parseNoticeCode(raw));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(msg);
  });

  it('repairs an AZERTY-damaged Data Matrix, dropping the scrambled free text', () => {
    const dm =
      IO_APP_DM.slice(0, 77)
        .replace(/[0-9]/g, (d) => azerty(d))
        .replace('codfase=NBPA', 'codfqse=NBPQ') + IO_APP_DM.slice(77);
    const n = parseNoticeCode(dm);
    expect(n).toMatchObject({ noticeNumber: '300715700000000032', amountCents: 1, fiscalCode: '00085240950', debtorName: null });
    expect(n.warnings.join(' ')).toMatch(/AZERTY/);
  });
});

describe('manual entry', () => {
  it('accepts the printed grouping "3020 1672 3749 6700 00"', () => {
    const n = parseManualNotice('3020 1672 3749 6700 00', ' 00743110157 ');
    expect(n).toMatchObject({ format: 'manual', noticeNumber: '302016723749670000', fiscalCode: '00743110157', amountCents: null, auxDigit: 3, segregationCode: '02', checkDigitOk: false });
  });

  it.each<[string, string, NoticeCodecErrorKind]>([
    ['', '00743110157', 'empty'],
    ['3020 1672 3749 6700 0', '00743110157', 'wrong-length'],
    ['3020 1672 3749 6700 0O', '00743110157', 'non-digit'],
    ['9020 1672 3749 6700 00', '00743110157', 'bad-aux-digit'],
    ['3020 1672 3749 6700 00', '', 'empty'],
    ['3020 1672 3749 6700 00', '0074311015', 'wrong-length'],
    ['3020 1672 3749 6700 00', 'RSSMRA80A01', 'non-digit'],
  ])('rejects %j / %j as %s', (n, cf, kind) => {
    expect(errorKind(() => parseManualNotice(n, cf))).toBe(kind);
  });
});
