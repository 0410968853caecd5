// Events pushed from the core to the renderer (never requested). Payloads are validated at emit time.
import { z } from 'zod';
import { centsSchema, isoTimeSchema, paymentMethodSchema } from './common';
import { deviceHealthSchema } from './devices';
import { paymentSchema } from './payment';

export const statusSchema = z.object({
  node: z.object({ online: z.boolean(), checkedAt: isoTimeSchema.nullable() }),
  queue: z.object({ pending: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
  exceptions: z.object({ open: z.number().int().nonnegative() }),
  devices: deviceHealthSchema,
  /** Offline policy and what is left of its limits right now. */
  offline: z.object({
    allowed: z.boolean(),
    methods: z.array(paymentMethodSchema),
    maxAmountCents: centsSchema,
    remainingTotalCents: centsSchema,
  }),
  shiftOpen: z.boolean(),
  /** Kiosk self-check as the core sees it (absent at a counter): out of service when not available. */
  kiosk: z.object({ available: z.boolean(), reasons: z.array(z.enum(['node', 'printer', 'terminal'])) }).optional(),
});
export type Status = z.infer<typeof statusSchema>;

export const scanEventSchema = z.object({
  /** Scanner name from the configuration ('camera' for the camera reader). */
  source: z.string(),
  raw: z.string(),
  symbology: z.string().nullable(),
  at: z.number().int(),
});
export type ScanEvent = z.infer<typeof scanEventSchema>;

export const paymentProgressSchema = z.object({
  paymentId: z.string(),
  /** Terminal stage: 'connecting', 'insert-card', 'pin', 'authorizing', 'approved', 'declined', 'printing'… */
  stage: z.string(),
  message: z.string().nullable(),
});
export type PaymentProgress = z.infer<typeof paymentProgressSchema>;

export const EVENT_SCHEMAS = {
  'status/changed': statusSchema,
  scan: scanEventSchema,
  'payment/progress': paymentProgressSchema,
  'payment/changed': paymentSchema,
} as const;

export type Events = { [E in keyof typeof EVENT_SCHEMAS]: z.output<(typeof EVENT_SCHEMAS)[E]> };
export type EventName = keyof Events;
