// Offline queue domain: outcomes waiting for the node (pos-practice.md §7.1 outbox) and exceptions.
import { z } from 'zod';
import { centsSchema, emptyArgSchema, idSchema, isoTimeSchema } from './common';

export const queueEntrySchema = z.object({
  id: idSchema,
  paymentId: z.string().nullable(),
  noticeNumber: z.string().nullable(),
  /** e.g. 'outcome', 'activate', 'receipt'. */
  kind: z.string(),
  state: z.enum(['pending', 'in-flight', 'failed', 'done']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: isoTimeSchema.nullable(),
  lastError: z.string().nullable(),
  createdAt: isoTimeSchema,
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const queueSnapshotSchema = z.object({
  worker: z.enum(['online', 'offline', 'draining', 'disabled']),
  pending: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  oldestAt: isoTimeSchema.nullable(),
  entries: z.array(queueEntrySchema),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

/** What one forced sync pass did: the technician's "Sincronizza ora" answer (issue #11 §8). */
export const syncRunSchema = z.object({
  /** False when the node could not be reached: nothing was sent. */
  online: z.boolean(),
  processed: z.number().int().nonnegative(),
  confirmed: z.number().int().nonnegative(),
  /** The worker's last error (e.g. 'node unreachable'), null after a clean pass. */
  lastError: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const exceptionSchema = z.object({
  id: idSchema,
  paymentId: z.string().nullable(),
  noticeNumber: z.string().nullable(),
  /** Engine's exception kind, e.g. 'outcome-unknown', 'card-unknown', 'outcome-rejected'. */
  kind: z.string(),
  message: z.string(),
  status: z.enum(['open', 'resolved']),
  /** Resolution actions the core accepts for this exception (e.g. 'retry', 'mark-paid', 'refund'). */
  actions: z.array(z.string()),
  resolution: z.string().nullable(),
  createdAt: isoTimeSchema,
  resolvedAt: isoTimeSchema.nullable(),
  /** What a person needs to act (refund, call the citizen): absent from older cores. */
  creditorName: z.string().nullable().optional(),
  fiscalCode: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  /** What the citizen paid (amount + fee); null when nothing was collected. */
  collectedCents: centsSchema.nullable().optional(),
  method: z.enum(['cash', 'card']).nullable().optional(),
  collectedAt: isoTimeSchema.nullable().optional(),
  offline: z.boolean().optional(),
  /** The terminal's own reference of the payment (printed on the receipt). */
  localReference: z.string().optional(),
});
export type PaymentException = z.infer<typeof exceptionSchema>;

export const queueContract = {
  'queue/snapshot': { arg: emptyArgSchema, value: queueSnapshotSchema },
  'queue/syncNow': { arg: emptyArgSchema, value: queueSnapshotSchema.extend({ run: syncRunSchema }) },
  /** Re-arm failed entries (all, or one) so the worker retries them now. */
  'queue/resetAttempts': { arg: z.object({ entryId: idSchema.optional() }).optional(), value: queueSnapshotSchema },
  'exceptions/list': { arg: z.object({ status: z.enum(['open', 'resolved', 'all']).optional() }).optional(), value: z.array(exceptionSchema) },
  'exceptions/resolve': {
    arg: z.object({ id: idSchema, action: z.string().min(1).max(60), note: z.string().max(500).optional(), supervisorPin: z.string().max(32).optional() }),
    value: exceptionSchema,
  },
} as const;
