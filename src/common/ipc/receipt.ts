// Receipt domain: preview (rendered from the very bytes sent to the printer), print, reprint, held jobs.
import { z } from 'zod';
import { emptyArgSchema, idSchema, isoTimeSchema } from './common';

export const printJobStateSchema = z.enum(['queued', 'printing', 'printed', 'held', 'failed', 'cancelled']);
export const printJobSchema = z.object({
  id: idSchema,
  paymentId: z.string().nullable(),
  kind: z.enum(['receipt', 'reprint', 'report', 'test']),
  state: printJobStateSchema,
  /** Why a job is held or failed (printer status code such as 'paper-out', 'cover-open', 'offline'). */
  reason: z.string().nullable(),
  /** 0 = original, n = nth copy ("COPIA", never an automatic reprint: pos-practice.md §7.2). */
  copyNumber: z.number().int().nonnegative(),
  createdAt: isoTimeSchema,
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const receiptPreviewSchema = z.object({
  /** data:image/png;base64,… rasterised from the ESC/POS bytes. */
  pngDataUrl: z.string().startsWith('data:image/png;base64,'),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});
export type ReceiptPreview = z.infer<typeof receiptPreviewSchema>;

export const receiptContract = {
  'receipt/preview': { arg: z.object({ paymentId: idSchema, copy: z.boolean().optional() }), value: receiptPreviewSchema },
  'receipt/print': { arg: z.object({ paymentId: idSchema }), value: printJobSchema },
  'receipt/reprint': { arg: z.object({ paymentId: idSchema, reason: z.string().max(200).optional() }), value: printJobSchema },
  'receipt/heldJobs': { arg: emptyArgSchema, value: z.array(printJobSchema) },
  /** Resume a held job after the cause is fixed (paper loaded, cover closed). */
  'receipt/resume': { arg: z.object({ jobId: idSchema }), value: printJobSchema },
} as const;
