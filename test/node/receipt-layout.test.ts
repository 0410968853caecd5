// The core's receipt layout writes through the encoder its LayoutOptions carry (the composition root
// supplies drivers/escpos-printer's): the content rules stay in the core, the bytes in the driver.
import { describe, expect, it } from 'vitest';
import { createEscPosEncoder, layoutFor } from '../../drivers/escpos-printer/layout-options';
import type { EncoderOptions } from '../../drivers/escpos-printer/interface';
import { layoutDocument, pagopaQrPayload } from '../../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt } from '../../src/main/core/receipt/sample-receipts';

describe('receipt layout', () => {
  it('data that cannot make a valid pagoPA QR prints the receipt without a QR', () => {
    const bad = samplePaymentReceipt({ ec: { fiscalCode: '0119925015', companyName: 'Comune' } });
    expect(pagopaQrPayload(bad)).toBeNull();
    const text = Buffer.from(layoutDocument({ type: 'receipt', data: bad }, layoutFor(80))).toString('latin1');
    expect(text).not.toContain('PAGOPA|002');
    expect(text).toContain('0119925015'); // the rest of the receipt is still there
    expect(Buffer.from(layoutDocument({ type: 'receipt', data: samplePaymentReceipt() }, layoutFor(80))).toString('latin1')).toContain('PAGOPA|002|');
  });

  it('builds its bytes with the encoder the options carry, given the same geometry', () => {
    const seen: EncoderOptions[] = [];
    const layout = layoutFor(58);
    const bytes = layoutDocument({ type: 'receipt', data: samplePaymentReceipt() }, { ...layout, createEncoder: (o) => (seen.push(o), createEscPosEncoder(o)) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ columns: 32, widthDots: 384, codePage: 'pc858', qrMode: 'native' });
    expect(Buffer.from(bytes).equals(Buffer.from(layoutDocument({ type: 'receipt', data: samplePaymentReceipt() }, layout)))).toBe(true);
  });
});
