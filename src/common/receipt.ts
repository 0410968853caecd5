// What a printed receipt says, independent of the printer (the payments engine builds it from its rows;
// the receipt layout turns it into ESC/POS bytes). pagopa-psp.md §5 "Attestazione di pagamento" lists the
// fields SANP requires on every analog copy: date/time, EC fiscal code and name, IUV/creditorReferenceId,
// PSP name and fiscal code, paymentToken, total amount and description.

export type ReceiptData = {
  kind: 'payment' | 'provisional' | 'void';
  /** A reprint: every copy after the first is marked "COPIA / DUPLICATO". */
  copy: boolean;
  issuedAt: string /* ISO 8601 */;
  psp: { name: string; fiscalCode: string };
  ec: { fiscalCode: string; companyName: string | null };
  noticeNumber: string;
  creditorReferenceId: string /* IUV */;
  /** null on provisional (offline) receipts: the node has not issued a token yet. */
  paymentToken: string | null;
  localReference: string;
  description: string | null;
  amountCents: number;
  feeCents: number;
  totalCents: number;
  method: 'cash' | 'card';
  tenderedCents?: number;
  changeCents?: number;
  card?: { authCode: string; stan: string; maskedPan?: string; terminalId: string };
  terminalId: string;
  operator: string | null;
  location?: string;
  transfers?: { companyName?: string; fiscalCode: string; amountCents: number }[];
  voidReason?: string;
  /** Issue #12 §5: paid through pagoPA's Stand-In (the creditor's station was down; settled with outcome code 4). */
  standin?: boolean;
  /** Issue #12 §4: 'node' when the fee is pagoPA's (GEC bundle), printed with its bundle id. */
  feeSource?: 'fixed' | 'node';
  idBundle?: string;
  /** Issue #12 §6: the payer the payment is attributed to (codice fiscale / partita IVA and name). */
  payer?: { id: string; fullName: string };
  /** A spontaneous payment (issue #13): the catalogue service and what identified the debt (plate, vehicle type). */
  service?: ReceiptService;
  /**
   * A cart (issue #12 §1): every notice with its own pagoPA reference. The top-level amount, fee and
   * total are then the transaction's; the top-level notice fields repeat the first notice.
   */
  notices?: ReceiptNotice[];
};

/** The service of a spontaneous payment and its details as `label: value` lines. */
export type ReceiptService = { name: string; details: { label: string; value: string }[] };

/** One notice of a cart receipt: its creditor, IUV, token (null until the node confirms it) and amounts. */
export type ReceiptNotice = {
  ec: { fiscalCode: string; companyName: string | null };
  noticeNumber: string;
  creditorReferenceId: string;
  paymentToken: string | null;
  description: string | null;
  amountCents: number;
  feeCents: number;
  localReference: string;
  /** Issue #12 §5: this notice was paid through Stand-In. */
  standin?: boolean;
};

/** A generic X/Z or other report: the reports area fills the lines, the receipt layer only lays them out. */
export type ReportData = {
  title: string;
  lines: [label: string, value: string][];
  footer?: string | null;
  issuedAt?: string;
  terminalId?: string;
  operator?: string | null;
  copy?: boolean;
};

/** Diagnostic page: code page (all Italian accents and €), QR, barcode, cut. */
/** The technician's test pages: everything, the code page's characters only, QR and barcode only. */
export type TestPage = 'full' | 'codepage' | 'qr';

export type TestPageData = { issuedAt: string; terminalId: string; printerLabel?: string; page?: TestPage };

/** Everything a print job can carry; stored as JSON with the job so a reprint can be re-laid out. */
export type PrintDocument = { type: 'receipt'; data: ReceiptData } | { type: 'report'; data: ReportData } | { type: 'test-page'; data: TestPageData };

export type PrintJobKind = 'payment' | 'provisional' | 'void' | 'report' | 'test-page';
export type PrintJobState = 'queued' | 'printing' | 'printed' | 'held' | 'cancelled';

export type PrinterState = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'disconnected';

export type PrinterStatus = {
  state: PrinterState;
  paperNearEnd: boolean;
  /** null when the printer cannot tell (no status channel, or disconnected). */
  drawerOpen: boolean | null;
  detail: string;
  /** Clock time (ms) of the reading. */
  at: number;
};

/** Printer states in which a job may be started (near-end still prints: the roll has some metres left). */
export function canPrintIn(state: PrinterState): boolean {
  return state === 'ready' || state === 'paper-near-end';
}
