// MIL (pagoPA Multi-channel Integration Layer) client types. Field names follow the vendored OpenAPI
// documents (vendor/pagopa-mil/): mil-payment-notice v13.2.0 and mil-auth. Money is integer euro cents,
// as MIL itself uses (EuroCents).
import type { KO, VerifyOk, VerifyRequest } from '../node/types';
import type { PaymentNode } from '../payments/node-port';

export const MIL_CHANNELS = ['ATM', 'POS', 'TOTEM', 'CASH_REGISTER', 'CSA'] as const;
export type MilChannel = (typeof MIL_CHANNELS)[number];

/** Who the terminal is to MIL: the CommonHeader values and its own client credentials (pagopa-extra.md §a.1–a.2). */
export type MilIdentity = {
  acquirerId: string;
  channel: MilChannel;
  /** Mandatory when channel = POS (mil-common CommonHeader, error 00000000B). */
  merchantId?: string;
  terminalId: string;
  clientId: string;
  clientSecret: string;
  /** Value of the optional `Version` header (semver). */
  version?: string;
};

export const MIL_TRANSACTION_STATUSES = ['PRE_CLOSE', 'PENDING', 'ERROR_ON_CLOSE', 'CLOSED', 'ERROR_ON_RESULT', 'ERROR_ON_PAYMENT', 'ABORTED'] as const;
export type MilTransactionStatus = (typeof MIL_TRANSACTION_STATUSES)[number];

export type MilPaymentMethod = 'PAGOBANCOMAT' | 'DEBIT_CARD' | 'CREDIT_CARD' | 'PAYMENT_CARD' | 'BANK_ACCOUNT' | 'CASH';

/** PaymentNoticeFullDetails. */
export type MilNotice = {
  paymentToken: string;
  paTaxCode: string;
  noticeNumber: string;
  amount?: number;
  description?: string;
  company?: string;
  office?: string;
  creditorReferenceId?: string;
  debtor?: string;
};

/** PaymentStatus (GET /payments/{transactionId}, items of GET /payments). */
export type MilPaymentStatus = {
  transactionId: string;
  acquirerId: string;
  channel: MilChannel;
  merchantId?: string;
  terminalId: string;
  insertTimestamp: string;
  notices: MilNotice[];
  totalAmount: number;
  fee?: number;
  status: MilTransactionStatus;
  paymentMethod?: MilPaymentMethod;
  paymentTimestamp?: string;
  closeTimestamp?: string;
  paymentDate?: string;
  callbackTimestamp?: string;
};

/** The access token as the client holds it (never the token itself outside the client). */
export type MilTokenState = {
  /** ms since epoch; null = no token yet. */
  readonly expiresAt: number | null;
  readonly obtainedAt: number | null;
  /** The last failure to obtain a token (kind: message), null after a success. */
  readonly lastError: string | null;
};

/** The MIL client: the engine's PaymentNode port plus what recovery and the technician screen need. */
export interface MilClient extends PaymentNode {
  /** With `qrPayload` (the QR text) MIL is asked by QR code (GET /paymentNotices/{qrCode}), else by tax code and notice number. */
  verifyPaymentNotice(req: VerifyRequest & { qrPayload?: string }): Promise<VerifyOk | KO>;
  /** GET /payments/{transactionId}; null when MIL answers 404 (no such transaction for this terminal). */
  getPaymentStatus(transactionId: string): Promise<MilPaymentStatus | null>;
  /** GET /payments: the terminal's last 30 transactions of the last 30 days. */
  listTransactions(): Promise<MilPaymentStatus[]>;
  tokenState(): MilTokenState;
  close(): Promise<void>;
}
