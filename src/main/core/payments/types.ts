// The payment engine's vocabulary: states, the persisted payment, quotes and results the UI acts on.
import type { PaymentRefusalCategory } from '../../../common/payment-refusals';
import type { Payer } from '../../../common/payer';
export type PaymentState =
  | 'verified' // online quote: the node answered verify (creditor, description, current amount)
  | 'captured' // offline quote: node unreachable, amount from the QR code or typed by the clerk
  | 'activating' // activate idempotency key persisted, call in flight (pagopa-psp.md §3.11)
  | 'activated' // payment token held, money not taken yet
  | 'collecting' // card charge requested on the terminal (attempt committed first, pos-practice.md §3.4)
  | 'collected' // money taken, outcome OK to deliver
  | 'confirmed' // node acknowledged outcome OK
  | 'printed' // receipt printed
  | 'offline-queued' // money taken offline; sync will verify → activate → outcome OK
  | 'cancelling' // outcome KO to deliver
  | 'voided' // cancelled (KO acknowledged, or never activated)
  | 'exception' // needs a person
  | 'resolved'; // a person resolved the exception

export type PaymentMode = 'online' | 'offline';
export type TerminalMode = 'counter' | 'kiosk';
export type PaymentMethod = 'cash' | 'card';

export type ExceptionKind =
  'already-paid' | 'expired' | 'revoked' | 'unknown-notice' | 'wrong-notice-data' | 'amount-mismatch' | 'outcome-rejected' | 'outcome-undelivered' | 'collection-unknown' | 'node-rejected';

export type ResolutionAction = 'refund' | 'accept-difference' | 'mark-collected' | 'mark-not-collected';

export type CardInfo = { readonly authCode?: string; readonly stan?: string; readonly maskedPan?: string; readonly circuit?: string; readonly terminalId?: string; readonly status: string };

export type Transfer = {
  readonly idTransfer: number;
  readonly amountCents: number;
  readonly fiscalCodePA: string;
  readonly companyName?: string;
  readonly remittanceInformation?: string;
  /** The creditor's account for this transfer (activate's transferList), for the settlement export. */
  readonly iban?: string;
};

export type Resolution = { readonly action: ResolutionAction; readonly reason: string; readonly operatorId: string; readonly at: number; readonly differenceCents?: number };

/** One payment as stored (camelCase view of the `payments` row). */
export type Payment = {
  readonly id: string;
  readonly seq: number;
  readonly state: PaymentState;
  readonly mode: PaymentMode;
  readonly channel: TerminalMode;
  readonly terminalId: string;
  readonly operatorId: string | null;
  readonly bootId: string;
  readonly noticeNumber: string;
  readonly fiscalCode: string;
  readonly source: string;
  readonly printedAmountCents: number | null;
  /** The amount due to the creditor (current amount from the node; offline: from QR / clerk). */
  readonly amountCents: number | null;
  readonly feeCents: number;
  readonly method: PaymentMethod | null;
  readonly companyName: string | null;
  readonly description: string | null;
  readonly dueDate: string | null;
  readonly ecFiscalCode: string | null;
  readonly activateKey: string | null;
  readonly paymentToken: string | null;
  readonly tokenExpiresAt: number | null;
  readonly creditorReferenceId: string | null;
  readonly transfers: readonly Transfer[] | null;
  readonly nodeAmountCents: number | null;
  readonly tenderedCents: number | null;
  readonly changeCents: number | null;
  /** What the citizen actually paid (amount + fee) once collected. */
  readonly collectedCents: number | null;
  readonly card: CardInfo | null;
  readonly collectedAt: number | null;
  readonly outcome: 'OK' | 'KO' | null;
  readonly outcomeKey: string | null;
  readonly outcomeAttempts: number;
  readonly outcomeNextAt: number | null;
  readonly outcomeConfirmedAt: number | null;
  readonly lastError: string | null;
  readonly exceptionKind: ExceptionKind | null;
  readonly exceptionDetail: string | null;
  readonly exceptionAt: number | null;
  readonly resolution: Resolution | null;
  readonly receiptPrintedAt: number | null;
  /** The cart this notice is paid in (issue #12), or null for a single-notice payment. */
  readonly cartId: string | null;
  /** The node's Stand-In flag from verify, then activate (issue #12 §5); null = the node did not say. */
  readonly standin: boolean | null;
  /** Where feeCents comes from: the terminal's table, or pagoPA's GEC suggestion (issue #12 §4). */
  readonly feeSource: FeeSource;
  /** GEC: the creditor's share of the fee (primaryCiIncurredFee) and the bundle ids, when the node's fee applies. */
  readonly paFeeCents: number | null;
  readonly idBundle: string | null;
  readonly idCiBundle: string | null;
  /** Optional payer data (issue #12 §6), sent in the outcome's details.payer. */
  readonly payer: Payer | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
};

export type Fees = { readonly cash: number; readonly card: number };
export type FeeSource = 'fixed' | 'node';
export type { Payer };

/** Node fault categories (src/common/node-faults.ts) plus the engine's own refusals; messages in payment-refusals.ts. */
export type RefusalCategory = PaymentRefusalCategory;

/** What the clerk sees after reading a notice (issue #4 §1: creditor, description, current amount, fee, total). */
export type Quote =
  | {
      readonly kind: 'online';
      readonly paymentId: string;
      readonly noticeNumber: string;
      readonly fiscalCode: string;
      readonly companyName: string | null;
      readonly description: string | null;
      readonly dueDate: string | null;
      readonly amountCents: number;
      readonly printedAmountCents: number | null;
      /** The node's current amount differs from the one printed on the notice. */
      readonly amountChanged: boolean;
      readonly fees: Fees;
      /** false with fees.policy 'node': the fee is pagoPA's, known after activation (issue #12 §4). */
      readonly feeFinal: boolean;
      readonly methods: readonly PaymentMethod[];
      /** The node answered in Stand-In (issue #12 §5). */
      readonly standin: boolean;
      /** Every payment option of the verify answer (issue #12 §7); the one paid is its single EQ option. */
      readonly paymentOptions: readonly QuoteOption[];
    }
  | {
      readonly kind: 'offline';
      readonly paymentId: string;
      readonly noticeNumber: string;
      readonly fiscalCode: string;
      /** From the QR code; null → the clerk must type it (begin(…, {amountCents})). */
      readonly amountCents: number | null;
      readonly printedAmountCents: number | null;
      readonly fees: Fees;
      readonly feeFinal: boolean;
      readonly methods: readonly PaymentMethod[];
      readonly limits: OfflineLimits;
      readonly reason: string;
    }
  | {
      readonly kind: 'refused';
      readonly category: RefusalCategory;
      readonly message: string;
      readonly faultCode?: string;
      /** category 'payment-options': every option the node offered, shown, none paid (issue #12 §7). */
      readonly paymentOptions?: readonly QuoteOption[];
    };

/** One paymentOptionDescription of a verify answer (pagopa-extra.md §g). */
export type QuoteOption = { readonly amountCents: number; readonly options: string; readonly dueDate: string | null; readonly paymentNote: string | null };

export type OfflineLimits = { readonly maxAmountCents: number; readonly remainingTotalCents: number; readonly oldestQueuedAgeHours: number | null; readonly maxQueueAgeHours: number };

/** Input notice: structurally a subset of ParsedNotice (src/common/notice). */
export type NoticeInput = {
  readonly noticeNumber: string;
  readonly fiscalCode: string;
  readonly amountCents?: number | null;
  readonly format?: string;
};

export type OperatorContext = { readonly operatorId: string | null; readonly mode: TerminalMode };

export type QueueSnapshot = {
  readonly pending: readonly Payment[];
  readonly exceptions: readonly Payment[];
  readonly pendingCount: number;
  readonly exceptionCount: number;
  readonly offlineExposureCents: number;
  readonly oldestPendingAt: number | null;
};
