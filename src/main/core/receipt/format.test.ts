import { describe, expect, it } from 'vitest';
import { formatEuro, formatRomeDateTime, groupNoticeNumber } from './format';
import { parseNoticeCode } from '../../../common/notice';
import { pagopaQrPayload } from './receipt-layout';
import { samplePaymentReceipt } from './sample-receipts';

describe('receipt formatting', () => {
  it('formats euro cents the Italian way', () => {
    expect(formatEuro(0)).toBe('0,00 €');
    expect(formatEuro(5)).toBe('0,05 €');
    expect(formatEuro(123456789)).toBe('1.234.567,89 €');
    expect(formatEuro(-12545)).toBe('-125,45 €');
  });
  it('prints Europe/Rome local time, winter and summer', () => {
    expect(formatRomeDateTime('2026-11-22T09:41:07Z')).toBe('22/11/2026 10:41:07');
    expect(formatRomeDateTime('2026-07-01T22:30:00Z')).toBe('02/07/2026 00:30:00');
  });
  it('groups the notice code by 4 and builds the pagoPA QR payload', () => {
    expect(groupNoticeNumber('302016723749670000')).toBe('3020 1672 3749 6700 00');
    expect(pagopaQrPayload({ noticeNumber: '302016723749670000', ec: { fiscalCode: '01199250158', companyName: null }, amountCents: 5 })).toBe('PAGOPA|002|302016723749670000|01199250158|05');
  });
  it("the receipt QR is the codec's payload and reads back as the same notice", () => {
    const d = samplePaymentReceipt();
    const qr = pagopaQrPayload(d);
    expect(qr).not.toBeNull();
    expect(parseNoticeCode(qr as string)).toMatchObject({ noticeNumber: d.noticeNumber, fiscalCode: d.ec.fiscalCode, amountCents: d.amountCents });
  });
  it('data that cannot make a valid pagoPA QR gives no QR payload (the layout test is in test/node/receipt-layout.test.ts)', () => {
    expect(pagopaQrPayload(samplePaymentReceipt({ ec: { fiscalCode: '0119925015', companyName: 'Comune' } }))).toBeNull();
  });
});
