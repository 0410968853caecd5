// X/Z report data (issue #4 §5). Plain data: the UI shows it, the printer lays it out via reportLines.
export type PaymentMethod = 'cash' | 'card';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'card'];

/** Collected payments of one method: totalCents is what the citizen paid (amount + fee). */
export type MethodTotals = { count: number; totalCents: number; feeCents: number };

/** What the payments area contributes to a report (see payments-report-source.ts). */
export type ReportInputs = {
  byMethod: Record<PaymentMethod, MethodTotals>;
  /** Exception refunds handed back to citizens in the window (by the method originally collected). */
  refunds: Record<PaymentMethod, { count: number; totalCents: number }>;
  /** Accepted offline, not yet registered with pagoPA (terminal-wide, not only this shift). */
  offlinePending: { count: number; totalCents: number };
  /** Taken offline in the window (collected while the node was down), whatever happened to them since. */
  offlineTaken: { count: number; totalCents: number };
  /** Exceptions waiting for a person (terminal-wide). */
  exceptionsOpen: number;
  /** Collected payments whose sendPaymentOutcome is not yet confirmed (terminal-wide). */
  undeliveredOutcomes: number;
  /** Payments a person cancelled or voided in the window (not abandoned quotes, not node faults). */
  voidCount: number;
  /** Copies (COPIA / DUPLICATO print jobs) made in the window. */
  reprintCount: number;
  /** Issue #12 §5: collected in the window and paid through pagoPA's Stand-In. */
  standin: { count: number; totalCents: number };
  /** Issue #12 §4: collected in the window with pagoPA's fee (GEC bundle) instead of the table's. */
  nodeFees: { count: number; feeCents: number };
  /** Issue #12 §4: every notice collected in the window, with its own fee. */
  notices: ReportNotice[];
};

/** One collected notice in a report: its amount, its fee (and where the fee comes from), Stand-In. */
export type ReportNotice = {
  paymentId: string;
  noticeNumber: string;
  fiscalCode: string;
  method: PaymentMethod;
  amountCents: number;
  feeCents: number;
  feeSource: 'fixed' | 'node';
  standin: boolean;
  /** The cart (transaction) it was paid in, or null for a single-notice payment. */
  cartId: string | null;
};

/** Reads ReportInputs for payments collected on `terminalId` in [fromMs, toMs). */
export type ReportSource = (q: { terminalId: string; fromMs: number; toMs: number }) => ReportInputs;

export type CloseWarningCode = 'undelivered-outcomes' | 'exceptions-open' | 'offline-pending';

export type Report = {
  kind: 'X' | 'Z';
  number?: number;
  terminalId: string;
  shiftId: number;
  /** ISO times. generatedAt = when this X was computed or this Z issued. */
  openedAt: string;
  closedAt?: string;
  generatedAt: string;
  operator: string;
  closedBy?: string;
  floatCents: number;
  byMethod: Record<PaymentMethod, MethodTotals>;
  totals: MethodTotals;
  refunds: Record<PaymentMethod, { count: number; totalCents: number }>;
  cashInCents: number;
  cashOutCents: number;
  /** float + cash collected − cash refunded + cash in − cash out. */
  cashExpectedCents: number;
  cashCountedCents?: number;
  /** counted − expected (negative = cash missing). */
  differenceCents?: number;
  offlinePending: { count: number; totalCents: number };
  /** Collected offline in this shift (absent in Z reports issued before it was counted). */
  offlineTaken?: { count: number; totalCents: number };
  exceptionsOpen: number;
  undeliveredOutcomes: number;
  /** Absent only in Z reports issued before these counts existed (their stored JSON is immutable). */
  voidCount?: number;
  reprintCount?: number;
  /** Absent in reports issued before issue #12. */
  standin?: { count: number; totalCents: number };
  nodeFees?: { count: number; feeCents: number };
  notices?: ReportNotice[];
  warnings: CloseWarningCode[];
  /**
   * Z only (issue #10 §1): the journal's last entry when the Z was issued. Printed on the slip, it is paper
   * evidence of the chain: `journal verify` must still find that entry with that hash.
   */
  journalHead?: { seq: number; hash: string };
  /** Z only: true when the closing operator acknowledged the warnings to close anyway. */
  warningsAcknowledged?: boolean;
};

export type ZReport = Report & { kind: 'Z'; number: number; closedAt: string; prevHash: string; contentHash: string };

export const emptyInputs = (): ReportInputs => ({
  byMethod: { cash: { count: 0, totalCents: 0, feeCents: 0 }, card: { count: 0, totalCents: 0, feeCents: 0 } },
  refunds: { cash: { count: 0, totalCents: 0 }, card: { count: 0, totalCents: 0 } },
  offlinePending: { count: 0, totalCents: 0 },
  offlineTaken: { count: 0, totalCents: 0 },
  exceptionsOpen: 0,
  undeliveredOutcomes: 0,
  voidCount: 0,
  reprintCount: 0,
  standin: { count: 0, totalCents: 0 },
  nodeFees: { count: 0, feeCents: 0 },
  notices: [],
});
