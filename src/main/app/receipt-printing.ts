// Receipts of payments through the PrintService: the job's bytes are laid out and committed once, sent
// as one buffer, and the preview the UI shows is rasterised from those very bytes (pos-practice.md §4).
import type { PrintJob as PrintJobView, ReceiptPreview } from '../../common/ipc/receipt';
import type { Logger } from '../core/log/logger';
import type { PaymentEngine } from '../core/payments/engine';
import { PaymentError } from '../core/payments/errors';
import type { PrintJob, PrintJobResult, PrintService } from '../core/printing/print-service';

const PNG_SIGNATURE = '89504e470d0a1a0a';

/** Width and height from the PNG's IHDR chunk (bytes 16..23). */
export function pngSize(png: Buffer): { widthPx: number; heightPx: number } {
  if (png.length < 24 || png.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new Error('the preview is not a PNG');
  return { widthPx: png.readUInt32BE(16), heightPx: png.readUInt32BE(20) };
}

export function previewOf(print: PrintService, jobId: number): ReceiptPreview {
  const png = print.preview(jobId);
  return { pngDataUrl: `data:image/png;base64,${png.toString('base64')}`, ...pngSize(png) };
}

/** 0 for an original, n for the nth copy (pos-practice.md §7.2: every later copy says COPIA). */
function copyNumber(print: PrintService, job: PrintJob): number {
  let n = 0;
  let cur: PrintJob | null = job;
  while (cur && cur.copyOf !== null) {
    n += 1;
    cur = print.getJob(cur.copyOf);
  }
  return n;
}

export function toPrintJobView(print: PrintService, job: PrintJob): PrintJobView {
  const copies = copyNumber(print, job);
  const kind: PrintJobView['kind'] = job.kind === 'report' ? 'report' : job.kind === 'test-page' ? 'test' : copies > 0 ? 'reprint' : 'receipt';
  return {
    id: String(job.id),
    paymentId: job.paymentId,
    kind,
    state: job.state,
    reason: job.state === 'held' || job.state === 'queued' ? (job.heldState ?? job.lastError) : null,
    copyNumber: copies,
    createdAt: job.createdAt,
  };
}

export function parseJobId(id: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new PaymentError('not-found', `no print job ${id}`);
  return n;
}

export type ReceiptOutcome = { job: PrintJobView; preview: ReceiptPreview | null; result: PrintJobResult };

/** Marks the payment's receipt as printed once the printer confirmed the whole job. */
export function notePrinted(engine: PaymentEngine, paymentId: string | null, log: Logger): void {
  if (!paymentId) return;
  try {
    engine.markReceiptPrinted(paymentId);
  } catch (err) {
    // Already marked (a resumed or copied job) or a state with no receipt: nothing to record.
    if (!(err instanceof PaymentError && err.kind === 'invalid-state')) throw err;
    log.debug('receipt printed; payment not re-marked', { paymentId, reason: err.message });
  }
}

/** Lays out, commits and prints the receipt of `paymentId`; never throws for printer conditions. */
export async function printPaymentReceipt(deps: { engine: PaymentEngine; print: PrintService; log: Logger }, paymentId: string): Promise<ReceiptOutcome> {
  const data = deps.engine.receiptDataFor(paymentId);
  const job = deps.print.enqueueReceipt(data, { paymentId });
  const result = await deps.print.printNow(job.id);
  if (result.outcome === 'printed') notePrinted(deps.engine, paymentId, deps.log);
  const after = deps.print.getJob(job.id) ?? job;
  let preview: ReceiptPreview | null = null;
  try {
    preview = previewOf(deps.print, job.id);
  } catch (err) {
    deps.log.warn('receipt preview failed', { jobId: job.id, error: err instanceof Error ? err.message : String(err) });
  }
  return { job: toPrintJobView(deps.print, after), preview, result };
}
