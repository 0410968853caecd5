// Fixed sample documents for demos (`sportello receipt sample`), the diagnostic preview and golden tests.
import type { ReceiptData, ReportData } from '../../../common/receipt';

export function samplePaymentReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    kind: 'payment',
    copy: false,
    issuedAt: '2026-11-22T09:41:07.000Z',
    psp: { name: 'Sportello Demo PSP S.p.A.', fiscalCode: '88888888888' },
    ec: { fiscalCode: '02438750586', companyName: 'Comune di Roma Capitale' },
    noticeNumber: '301000000000123456',
    creditorReferenceId: '01000000000123456',
    paymentToken: '5f2c0a9e8b7d4c3aa1e6f0b2c9d8e7f6',
    localReference: 'T01-20261122-0007',
    description: 'TARI 2026 - Tassa rifiuti, rata unica. Utenza domestica via Appia Nuova 1234',
    amountCents: 12345,
    feeCents: 200,
    totalCents: 12545,
    method: 'cash',
    tenderedCents: 13000,
    changeCents: 455,
    terminalId: 'T01',
    operator: 'mrossi',
    location: 'Tabaccheria Demo, Via Roma 1, 00184 Roma',
    ...overrides,
  };
}

export function sampleProvisionalReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return samplePaymentReceipt({ kind: 'provisional', paymentToken: null, localReference: 'T01-20261122-0008', method: 'cash', ...overrides });
}

export function sampleVoidReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return samplePaymentReceipt({
    kind: 'void',
    method: 'card',
    tenderedCents: undefined,
    changeCents: undefined,
    card: { authCode: 'A1B2C3', stan: '000123', maskedPan: '**** **** **** 4242', terminalId: '12345678' },
    voidReason: 'Importo errato, richiesta del cliente',
    ...overrides,
  });
}

export function sampleReport(): ReportData {
  return {
    title: 'CHIUSURA GIORNALIERA Z N. 42',
    issuedAt: '2026-11-22T19:00:00.000Z',
    terminalId: 'T01',
    operator: 'mrossi',
    lines: [
      ['Pagamenti', '37'],
      ['Totale incassato', '4.321,00 €'],
      ['di cui contanti', '2.100,00 €'],
      ['di cui carta', '2.221,00 €'],
      ['---', ''],
      ['Commissioni', '74,00 €'],
      ['Annullamenti', '1'],
      ['In attesa di pagoPA', '0'],
    ],
    footer: 'Report generato da Sportello',
  };
}
