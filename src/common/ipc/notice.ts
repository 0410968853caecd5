// Notice domain: from a scanned code or typed pair to a quote the customer can accept, or a refusal.
// Fields follow pagopa-psp.md §1 (codes), §2 (notice number / fiscal code), §3.3 (verify).
import { z } from 'zod';
import { centsSchema, idSchema, isoTimeSchema, paymentMethodSchema } from './common';
import { PAYMENT_REFUSAL_CATEGORIES } from '../payment-refusals';

export const noticeLookupArgSchema = z.discriminatedUnion('source', [
  /** Raw text of a QR / Data Matrix / barcode (scanner, camera or wedge), decoded by the core. */
  z.object({ source: z.literal('scan'), raw: z.string().min(1).max(4096), symbology: z.string().max(40).optional() }),
  /** Typed by the operator: 18-digit notice number + 11-digit creditor fiscal code (§2.1, §2.2). */
  z.object({ source: z.literal('manual'), noticeNumber: z.string().min(1).max(40), fiscalCode: z.string().min(1).max(40) }),
]);
export type NoticeLookupArg = z.infer<typeof noticeLookupArgSchema>;

export const quoteMethodSchema = z.object({
  method: paymentMethodSchema,
  feeCents: centsSchema,
  totalCents: centsSchema,
  /** False when the device is disabled/broken or the method is not allowed offline right now. */
  available: z.boolean(),
});

/** One paymentOptionDescription (pagopa-extra.md §g). */
export const paymentOptionSchema = z.object({ amountCents: centsSchema, options: z.string(), dueDate: z.string().nullable(), paymentNote: z.string().nullable() });

export const quoteSchema = z.object({
  /** Pass to payment/begin; expires with the node's verify answer. */
  quoteId: idSchema,
  noticeNumber: z.string(),
  /** Creditor (ente creditore) fiscal code. */
  fiscalCode: z.string(),
  creditorName: z.string(),
  description: z.string(),
  /** What is due now (the node's amount, which may differ from the printed one: §3.3). */
  amountCents: centsSchema,
  /** Amount printed on the notice when it differs from the amount due now, else null. */
  printedAmountCents: centsSchema.nullable(),
  /** YYYY-MM-DD or null. */
  dueDate: z.string().nullable(),
  /** Fee and total for the default method (first of `methods` that is available). */
  feeCents: centsSchema,
  totalCents: centsSchema,
  methods: z.array(quoteMethodSchema),
  /** true = verified online with the node; false = offline quote from the code alone. */
  verifiedOnline: z.boolean(),
  offline: z.object({ eligible: z.boolean(), reason: z.string().nullable() }),
  expiresAt: isoTimeSchema.nullable(),
  /** Issue #12 §4: false when the fee shown is provisional (fees.policy 'node': pagoPA's fee comes with activation). */
  feeFinal: z.boolean().optional(),
  /** Issue #12 §5: the node answered in Stand-In. */
  standin: z.boolean().optional(),
  /** Issue #12 §7: every payment option of the verify answer (the one paid is the single EQ one). */
  paymentOptions: z.array(paymentOptionSchema).optional(),
  /** Issue #12 §6: this terminal offers the optional payer fields (always at a counter; a kiosk when configured). */
  payerOffered: z.boolean().optional(),
});
export type Quote = z.infer<typeof quoteSchema>;

/** Why a notice cannot be paid here; the renderer translates `category`, shows `message` as detail. */
export const refusalCategorySchema = z.enum([
  'invalid-code', // unreadable / bad check digit / unsupported code (§1, §2)
  'unknown-notice', // PPT_PAGAMENTO_SCONOSCIUTO
  'already-paid', // PPT_PAGAMENTO_DUPLICATO
  'in-progress', // PPT_PAGAMENTO_IN_CORSO (another PSP holds the lock)
  'expired', // PPT_PAGAMENTO_SCADUTO / position expired
  'not-payable', // PPT_PAGAMENTO_ANNULLATO, creditor refusal, amount not allowed
  'node-unavailable', // node unreachable and offline not allowed for this notice
  'limit-exceeded', // offline policy limits reached
  'other',
]);
export type RefusalCategory = z.infer<typeof refusalCategorySchema>;
/** The engine's own category (src/common/payment-refusals.ts): paymentRefusalMessage(reason, lang, audience). */
export const paymentRefusalReasonSchema = z.enum(PAYMENT_REFUSAL_CATEGORIES);
export const refusalSchema = z.object({
  category: refusalCategorySchema,
  message: z.string(),
  faultCode: z.string().optional(),
  reason: paymentRefusalReasonSchema.optional(),
  /** reason 'payment-options' (issue #12 §7): every option the node offered, shown, none paid. */
  paymentOptions: z.array(paymentOptionSchema).optional(),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const noticeLookupResultSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('quote'), quote: quoteSchema }), z.object({ kind: z.literal('refusal'), refusal: refusalSchema })]);
export type NoticeLookupResult = z.infer<typeof noticeLookupResultSchema>;

export const noticeContract = {
  'notice/lookup': { arg: noticeLookupArgSchema, value: noticeLookupResultSchema },
} as const;
