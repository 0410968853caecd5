// Payment domain: intent-level calls only (pos-practice.md §6: never raw device I/O across IPC).
import { z } from 'zod';
import { centsSchema, idSchema, isoTimeSchema, paymentMethodSchema } from './common';
import { printJobSchema, receiptPreviewSchema } from './receipt';

/** The receipt printed at the end of a collection: its job and the preview of the very bytes sent. */
export const paymentReceiptSchema = z.object({ job: printJobSchema, preview: receiptPreviewSchema.nullable() });
export type PaymentReceipt = z.infer<typeof paymentReceiptSchema>;

/**
 * UI-facing lifecycle (the engine's finer states map onto it):
 * pending → collecting → paid | failed | cancelled; needs-attention = outcome unknown (guided recovery,
 * pos-practice.md §7.3); voided = reversed by a supervisor after payment.
 */
export const paymentStateSchema = z.enum(['pending', 'collecting', 'paid', 'failed', 'cancelled', 'needs-attention', 'voided']);
export type PaymentState = z.infer<typeof paymentStateSchema>;

/** Where the node outcome stands: sent and confirmed, queued for the sync worker, or refused. */
/** ctSubject as stored: F = codice fiscale, G = partita IVA. */
export const payerSchema = z.object({ type: z.enum(['F', 'G']), id: z.string(), fullName: z.string(), email: z.string().optional() });

export const outcomeStateSchema = z.enum(['none', 'queued', 'confirmed', 'rejected']);

export const paymentSchema = z.object({
  id: idSchema,
  noticeNumber: z.string(),
  fiscalCode: z.string(),
  creditorName: z.string(),
  description: z.string(),
  amountCents: centsSchema,
  feeCents: centsSchema,
  totalCents: centsSchema,
  method: paymentMethodSchema,
  state: paymentStateSchema,
  outcome: outcomeStateSchema,
  /** Accepted while the node was unreachable (offline policy). */
  offline: z.boolean(),
  /** payment/void can succeed now (before collection, or offline and never sent to pagoPA). */
  voidable: z.boolean().optional(),
  tenderedCents: centsSchema.nullable(),
  changeCents: centsSchema.nullable(),
  card: z.object({ maskedPan: z.string().nullable(), authCode: z.string().nullable(), circuit: z.string().nullable() }).nullable(),
  receiptNumber: z.string().nullable(),
  operatorId: z.string().nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** Last failure, for display (kind is the engine's error kind). */
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  /** Only in the answer of payment/collectCash and payment/collectCard (never in events). */
  receipt: paymentReceiptSchema.nullable().optional(),
  /** Only in the answer of payment/void: the cash to hand back to the citizen now (0 when none was taken). */
  refundCents: centsSchema.optional(),
  /** Issue #12 §5: paid through pagoPA's Stand-In. */
  standin: z.boolean().optional(),
  /** Issue #12 §4: 'node' = the fee is pagoPA's (GEC), final once activated; 'fixed' = the terminal's table. */
  feeSource: z.enum(['fixed', 'node']).optional(),
  /** Issue #12 §6: the optional payer the payment is attributed to. */
  payer: payerSchema.nullable().optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

const byId = z.object({ paymentId: idSchema });

/** What the clerk (or a kiosk, when configured) types for the payer; the core validates it (src/common/payer.ts). */
export const payerInputSchema = z.object({ id: z.string().min(1).max(40), fullName: z.string().min(1).max(200), email: z.string().max(256).nullable().optional() });
export type PayerInputArg = z.infer<typeof payerInputSchema>;

export const paymentContract = {
  /** Activates the notice at the node (or accepts it offline) with the chosen method. */
  /** `amountCents`: offline quote without an amount (typed notice): the amount printed on the notice. */
  'payment/begin': { arg: z.object({ quoteId: idSchema, method: paymentMethodSchema, amountCents: centsSchema.optional() }), value: paymentSchema },
  'payment/collectCash': { arg: z.object({ paymentId: idSchema, tenderedCents: centsSchema }), value: paymentSchema },
  /** Resolves when the terminal finishes; progress arrives as 'payment/progress' events. */
  'payment/collectCard': { arg: byId, value: paymentSchema },
  'payment/cancel': { arg: z.object({ paymentId: idSchema, reason: z.string().max(200).optional() }), value: paymentSchema },
  'payment/get': { arg: byId, value: paymentSchema },
  /** Issue #12 §6: optional payer data (null clears it), only before the money is taken; sent in details.payer. */
  'payment/setPayer': { arg: z.object({ paymentId: idSchema, payer: payerInputSchema.nullable() }), value: paymentSchema },
  /** `reference`: staff look one payment up by the reference a kiosk or receipt shows (Rif. locale, e.g. T01-000042) or its notice number. */
  'payment/recent': { arg: z.object({ limit: z.number().int().min(1).max(500).optional(), reference: z.string().min(1).max(64).optional() }).optional(), value: z.array(paymentSchema) },
  /** Supervisor void (storno) with a reason; needs a supervisor PIN at the counter. */
  'payment/void': {
    arg: z.object({ paymentId: idSchema, reason: z.string().min(1).max(200), supervisorPin: z.string().max(32).optional(), supervisorId: idSchema.optional() }),
    value: paymentSchema,
  },
} as const;
