// Issue #11 §13: a long creditor name is printed whole (wrapped onto further lines, never cut at the
// paper's edge) at 32, 42 and 48 columns, on a single receipt, in its beneficiaries and in a cart; the
// card terminal's id is printed only when the terminal reported a real one (not Protocollo 17's zeros).
import { describe, expect, it } from 'vitest';
import { interpretEscPos, opsToText } from '../../drivers/escpos-printer/interpreter';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import { layoutReceipt } from '../../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt, sampleVoidReceipt } from '../../src/main/core/receipt/sample-receipts';
import type { LayoutOptions } from '../../drivers/escpos-printer/interface';

const LONG = 'Città Metropolitana di Roma Capitale - Dipartimento Mobilità e Trasporti';
const LAYOUTS: [string, LayoutOptions][] = [
  ['58 mm, 32 columns', layoutFor(58)],
  ['58 mm, 42 columns', layoutFor(58, { columns: 42 })],
  ['80 mm, 48 columns', layoutFor(80)],
];

const text = (bytes: Uint8Array) => opsToText(interpretEscPos(bytes));
/** The printed words, whatever the line breaks: a wrapped name reads the same as the original. */
const words = (s: string) => s.replace(/\s+/g, ' ');

function cartReceipt() {
  const notice = (n: number, companyName: string) => ({
    ec: { fiscalCode: '80143490581', companyName },
    noticeNumber: `30100000000012345${n}`,
    creditorReferenceId: `0100000000012345${n}`,
    paymentToken: null,
    description: null,
    amountCents: 10_000,
    feeCents: 100,
    localReference: `T01-20261122-000${n}`,
  });
  return samplePaymentReceipt({ notices: [notice(1, LONG), notice(2, 'Comune di Roma')], amountCents: 20_000, feeCents: 200, totalCents: 20_200 });
}

describe('long creditor names on the receipt', () => {
  for (const [name, opts] of LAYOUTS) {
    it(`${name}: the single receipt, its beneficiaries and a cart print the whole name within the paper`, () => {
      const single = text(layoutReceipt(samplePaymentReceipt({ ec: { fiscalCode: '80143490581', companyName: LONG } }), opts));
      const transfers = text(
        layoutReceipt(
          samplePaymentReceipt({
            transfers: [
              { companyName: LONG, fiscalCode: '80143490581', amountCents: 10_000 },
              { companyName: 'Regione Lazio', fiscalCode: '80143490582', amountCents: 2_345 },
            ],
          }),
          opts,
        ),
      );
      const cart = text(layoutReceipt(cartReceipt(), opts));
      for (const t of [single, transfers, cart]) {
        expect(words(t)).toContain(LONG);
        for (const line of t.split('\n')) expect(line.length, line).toBeLessThanOrEqual(opts.columns);
      }
      // The beneficiary's amount follows the end of its name (same line, or the next when it does not fit), right-aligned.
      const lines = transfers.split('\n');
      const last = lines.findIndex((l) => l.includes('Trasporti'));
      const amountLine = /100,00/.test(lines[last]!) ? lines[last]! : lines[last + 1]!;
      expect(amountLine).toMatch(/100,00\s*€?$/);
      expect(amountLine.length).toBe(opts.columns);
      // The cart numbers the notice once; the name's next lines sit under the name, not under the number.
      const cartLines = cart.split('\n');
      const first = cartLines.findIndex((l) => l.startsWith('1. Città'));
      expect(first).toBeGreaterThan(-1);
      expect(cartLines[first + 1]).toMatch(/^ {3}\S/);
    });
  }
});

describe('card terminal id on the receipt', () => {
  it('prints the id the terminal reported', () => {
    expect(text(layoutReceipt(sampleVoidReceipt(), layoutFor(80)))).toMatch(/Terminale POS\s+12345678/);
  });

  it('leaves out an all-zero or empty id (Protocollo 17 "any terminal", nothing reported)', () => {
    for (const terminalId of ['00000000', '']) {
      const t = text(layoutReceipt(sampleVoidReceipt({ card: { authCode: 'A1B2C3', stan: '000123', terminalId } }), layoutFor(80)));
      expect(t).toContain('A1B2C3');
      expect(t).not.toContain('Terminale POS');
    }
  });
});
