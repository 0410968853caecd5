export type NoticeFormat = 'qr' | 'datamatrix' | 'manual';
export type AuxDigit = 0 | 1 | 2 | 3;

export type ParsedNotice = {
  format: NoticeFormat;
  /** 18 digits: aux digit + (application code | segregation code)? + IUV (pagopa-psp.md §2.1). */
  noticeNumber: string;
  /** 11 digits, the creditor institution (EC). */
  fiscalCode: string;
  /** Amount printed on the notice; the amount due comes from verify/activate (pagopa-psp.md §1.1). */
  amountCents: number | null;
  auxDigit: AuxDigit;
  iuv: string;
  applicationCode: string | null;
  segregationCode: string | null;
  checkDigits: string | null;
  /** null where the aux digit has no check digits (aux 1). */
  checkDigitOk: boolean | null;
  /** Data Matrix c/c postale (12 digits), for verificaBollettino. */
  postalAccount: string | null;
  warnings: string[];
  /** Data Matrix only: debtor codice fiscale / name and causale, trimmed (informational). */
  debtorFiscalCode?: string | null;
  debtorName?: string | null;
  subject?: string | null;
};
