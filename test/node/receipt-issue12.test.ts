// Issue #12 §4–§6 on paper: the Stand-In mark, pagoPA's fee with its bundle, the payer — only when the
// payment has them (a plain receipt is byte-for-byte what it was), and the Stand-In mark per cart notice.
import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import type { ReceiptData } from '../../src/common/receipt';
import { layoutDocument } from '../../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt } from '../../src/main/core/receipt/sample-receipts';

const text = (d: ReceiptData, width: 58 | 80 = 80) => Buffer.from(layoutDocument({ type: 'receipt', data: d }, layoutFor(width))).toString('latin1');

describe('receipt: Stand-In, pagoPA fee, payer', () => {
  it('prints nothing new for a payment without them', () => {
    const plain = text(samplePaymentReceipt());
    expect(plain).not.toContain('STAND-IN');
    expect(plain).not.toContain('Commissione (pagoPA)');
    expect(plain).not.toContain('Pagatore');
  });

  it('marks Stand-In, names pagoPA as the source of the fee with its bundle, and the payer', () => {
    const t = text(samplePaymentReceipt({ standin: true, feeSource: 'node', idBundle: 'SIMBUNDLE-0001', payer: { id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' } }));
    expect(t).toContain('PAGATO IN STAND-IN (pagoPA)');
    expect(t).toMatch(/Commissione \(pagoPA\) +/);
    expect(t).toContain('SIMBUNDLE-0001');
    expect(t).toContain('Mario Rossi - RSSMRA85T10A562S');
    // 58 mm paper too (32 columns): nothing overflows into a broken line.
    expect(text(samplePaymentReceipt({ standin: true, feeSource: 'node', idBundle: 'A'.repeat(70) }), 58)).toContain('PAGATO IN STAND-IN');
  });

  it('a cart receipt marks each Stand-In notice', () => {
    const base = samplePaymentReceipt();
    const notice = {
      ec: base.ec,
      noticeNumber: base.noticeNumber,
      creditorReferenceId: base.creditorReferenceId,
      paymentToken: 't',
      description: null,
      amountCents: 100,
      feeCents: 10,
      localReference: 'T01-1',
    };
    const t = text({ ...base, notices: [notice, { ...notice, localReference: 'T01-2', standin: true }] });
    expect(t.split('PAGATO IN STAND-IN').length - 1).toBe(1);
    expect(t).not.toContain('Pagatore');
    // The cart's one payer (every notice has it) is printed once.
    const withPayer = text({ ...base, payer: { id: '01199250158', fullName: 'Ditta Rossi' }, notices: [notice, { ...notice, localReference: 'T01-2' }] });
    expect(withPayer.split('Ditta Rossi - 01199250158').length - 1).toBe(1);
  });
});
