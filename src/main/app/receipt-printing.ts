// IPC views of print jobs and receipt previews. Printing itself is the core's (SaleService.printReceipt,
// PrintService): the preview the UI shows is rasterised from the very bytes sent (pos-practice.md §4).
import type { PrintJob as PrintJobView, ReceiptPreview } from '../../common/ipc/receipt';
import { PaymentError } from '../core/payments/errors';
import type { PrintJob, PrintService } from '../core/printing/print-service';
import type { ReceiptOutcome } from '../core/sale/sale-service';

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

/** The IPC view of a receipt the core printed: its job and the preview rasterised from its bytes. */
export function receiptView(print: PrintService, r: ReceiptOutcome): { job: PrintJobView; preview: ReceiptPreview | null } {
  return { job: toPrintJobView(print, r.job), preview: r.previewPng ? { pngDataUrl: `data:image/png;base64,${r.previewPng.toString('base64')}`, ...pngSize(r.previewPng) } : null };
}
