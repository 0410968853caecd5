// Cart domain (issue #12 §1): up to 5 notices verified one after another, paid with one collection and
// one receipt. Each notice is a payment of its own (own token, outcome, exception); the cart carries the
// transaction's total, method, tendered cash and change.
import { z } from 'zod';
import { centsSchema, idSchema, paymentMethodSchema } from './common';
import { noticeLookupArgSchema, noticeLookupResultSchema, paymentRefusalReasonSchema } from './notice';
import { payerInputSchema, payerSchema, paymentReceiptSchema, paymentSchema } from './payment';

/** A notice the node refused at activation: it left the cart; the clerk goes on with the rest or cancels. */
export const cartRefusalSchema = z.object({ paymentId: idSchema.nullable(), noticeNumber: z.string(), reason: paymentRefusalReasonSchema.or(z.string()), message: z.string() });

export const cartSchema = z.object({
  cartId: idSchema,
  status: z.enum(['open', 'collected', 'cancelled']),
  method: paymentMethodSchema.nullable(),
  /** The notices in the cart, in scan order (removed and refused ones are left out). */
  items: z.array(paymentSchema),
  /** How many notices a cart may hold (pagoPA: at most 5 per transaction). */
  maxItems: z.number().int().positive(),
  amountCents: centsSchema,
  feeCents: centsSchema,
  totalCents: centsSchema,
  tenderedCents: centsSchema.nullable(),
  changeCents: centsSchema.nullable(),
  /** Issue #12 §6: the optional payer of the whole cart, recorded on every notice. */
  payer: payerSchema.nullable().optional(),
  /** Only in the answer of cart/begin. */
  refused: z.array(cartRefusalSchema).optional(),
  /** Only in the answers of cart/collectCash and cart/collectCard: the one receipt of the whole cart. */
  receipt: paymentReceiptSchema.nullable().optional(),
  /** Card declined or aborted: why (the cart stays open to retry or cancel). */
  error: z.object({ kind: z.string(), message: z.string() }).nullable().optional(),
});
export type Cart = z.infer<typeof cartSchema>;

const byCart = z.object({ cartId: idSchema });

export const cartContract = {
  /**
   * Verifies a notice into the cart (a new cart when cartId is absent); a refusal leaves the cart as it was.
   * `payerFrom`: the quote on screen the cart grows from; its payer becomes the cart's.
   */
  'cart/add': {
    arg: z.object({ cartId: idSchema.optional(), notice: noticeLookupArgSchema, payerFrom: idSchema.optional() }),
    value: z.object({ cart: cartSchema, result: noticeLookupResultSchema }),
  },
  /** A notice already quoted on its own (e.g. a bollo auto) joins the cart (a new one when cartId is absent). */
  'cart/adopt': { arg: z.object({ cartId: idSchema.optional(), paymentId: idSchema }), value: cartSchema },
  'cart/remove': { arg: z.object({ cartId: idSchema, paymentId: idSchema }), value: cartSchema },
  /** Activates every notice with the method; refusals come back in `refused`. */
  'cart/begin': { arg: z.object({ cartId: idSchema, method: paymentMethodSchema }), value: cartSchema },
  'cart/collectCash': { arg: z.object({ cartId: idSchema, tenderedCents: centsSchema }), value: cartSchema },
  /** Resolves when the terminal finishes; progress arrives as 'payment/progress' events (paymentId = cartId). */
  'cart/collectCard': { arg: byCart, value: cartSchema },
  'cart/cancel': { arg: z.object({ cartId: idSchema, reason: z.string().max(200).optional() }), value: cartSchema },
  'cart/get': { arg: byCart, value: cartSchema },
  /** Issue #12 §6: optional payer data for the whole cart (null clears it), only before the money is taken. */
  'cart/setPayer': { arg: z.object({ cartId: idSchema, payer: payerInputSchema.nullable() }), value: cartSchema },
} as const;
