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
export type TestPageData = { issuedAt: string; terminalId: string; printerLabel?: string };

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
