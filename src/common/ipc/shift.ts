// Shift domain: open/close with a numbered, immutable Z; X report on demand (pos-practice.md §7.4).
import { z } from 'zod';
import { centsSchema, emptyArgSchema, idSchema, isoTimeSchema } from './common';
import { printJobSchema } from './receipt';

export const shiftSchema = z.object({
  id: idSchema,
  operatorId: z.string(),
  openedAt: isoTimeSchema,
  closedAt: isoTimeSchema.nullable(),
  openingFloatCents: centsSchema,
  /** Z number once closed. */
  zNumber: z.number().int().positive().nullable(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const shiftReportSchema = z.object({
  kind: z.enum(['x', 'z']),
  number: z.number().int().positive().nullable(),
  shiftId: z.string(),
  operatorId: z.string(),
  openedAt: isoTimeSchema,
  closedAt: isoTimeSchema.nullable(),
  generatedAt: isoTimeSchema,
  count: z.number().int().nonnegative(),
  /** null when the report source does not count them (yet). */
  voidCount: z.number().int().nonnegative().nullable(),
  reprintCount: z.number().int().nonnegative().nullable(),
  /** Payments taken offline in this shift (whatever became of them since). */
  offlineCount: z.number().int().nonnegative(),
  /** Offline payments not yet registered with pagoPA (terminal-wide). */
  offlinePendingCount: z.number().int().nonnegative().optional(),
  amountCents: centsSchema,
  feeCents: centsSchema,
  cashCents: centsSchema,
  cardCents: centsSchema,
  openingFloatCents: centsSchema,
  /** Every line of the expected cash: float + cash − cash refunds + cash in − cash out = expected. */
  cashRefundCents: centsSchema.optional(),
  cashRefundCount: z.number().int().nonnegative().optional(),
  cardRefundCents: centsSchema.optional(),
  cardRefundCount: z.number().int().nonnegative().optional(),
  cashInCents: centsSchema.optional(),
  cashOutCents: centsSchema.optional(),
  expectedCashCents: centsSchema,
  countedCashCents: centsSchema.nullable(),
  /** counted − expected (may be negative). */
  differenceCents: z.number().int().nullable(),
  /** Close warnings: 'undelivered-outcomes', 'exceptions-open', 'offline-pending'. */
  warnings: z.array(z.string()),
  /** Issue #12 §5: payments taken through pagoPA's Stand-In (absent in reports issued before it was counted). */
  standinCount: z.number().int().nonnegative().optional(),
  standinCents: centsSchema.optional(),
  /** Issue #12 §4: fees set by pagoPA (GEC), apart from the terminal's table. */
  nodeFeeCents: centsSchema.optional(),
  /** Issue #12 §4: every notice collected, with its own fee. */
  notices: z
    .array(z.object({ paymentId: z.string(), noticeNumber: z.string(), amountCents: centsSchema, feeCents: centsSchema, feeSource: z.enum(['fixed', 'node']), standin: z.boolean() }))
    .optional(),
  exceptionsOpen: z.number().int().nonnegative(),
  undeliveredOutcomes: z.number().int().nonnegative(),
});
export type ShiftReport = z.infer<typeof shiftReportSchema>;

export const shiftContract = {
  'shift/current': { arg: emptyArgSchema, value: shiftSchema.nullable() },
  'shift/open': { arg: z.object({ openingFloatCents: centsSchema }), value: shiftSchema },
  /** Closes the current shift and returns its Z report. */
  'shift/close': { arg: z.object({ countedCashCents: centsSchema, acknowledgeWarnings: z.boolean().optional() }), value: shiftReportSchema },
  'shift/x': { arg: emptyArgSchema, value: shiftReportSchema },
  /** A Z report by number (default: the latest). */
  'shift/z': { arg: z.object({ number: z.number().int().positive().optional() }).optional(), value: shiftReportSchema },
  'shift/print': {
    arg: z.discriminatedUnion('kind', [z.object({ kind: z.literal('x') }), z.object({ kind: z.literal('z'), number: z.number().int().positive().optional() })]),
    value: printJobSchema,
  },
} as const;
