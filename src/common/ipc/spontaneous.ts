// Spontaneous payments (issue #13): the pagoPA services catalogue, the forms of the services this
// terminal collects (bollo auto, …) and demandPaymentNotice, whose notice is then paid through the normal
// flow (payment/begin with the quote). Field mistakes and refusals carry their own text in both languages:
// the rules (and so the wording of each mistake) live in the core's service forms.
import { z } from 'zod';
import { emptyArgSchema, idSchema, isoTimeSchema } from './common';
import { quoteSchema } from './notice';

export const localTextSchema = z.object({ it: z.string(), en: z.string() });
export type LocalText = z.infer<typeof localTextSchema>;

export const serviceFieldSchema = z.object({
  id: z.string(),
  label: localTextSchema,
  hint: localTextSchema.nullable(),
  kind: z.enum(['choice', 'text']),
  options: z.array(z.object({ value: z.string(), label: localTextSchema })),
  maxLength: z.number().int().positive().nullable(),
  keyboard: z.enum(['alphanumeric', 'digits']).nullable(),
});
export type ServiceField = z.infer<typeof serviceFieldSchema>;

export const serviceFormSchema = z.object({ xsdRiferimento: z.string(), title: localTextSchema, fields: z.array(serviceFieldSchema) });
export type ServiceFormView = z.infer<typeof serviceFormSchema>;

/** One soggettoErogante of a catalogue service (what demandPaymentNotice's idSoggettoServizio names). */
export const catalogueEntrySchema = z.object({
  serviceId: z.string(),
  idServizio: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  xsdRiferimento: z.string(),
  creditorFiscalCode: z.string(),
  creditorName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** A form for it is known and enabled here. */
  collectable: z.boolean(),
  /** Today is inside its validity dates. */
  active: z.boolean(),
});
export type CatalogueEntryView = z.infer<typeof catalogueEntrySchema>;

export const catalogueSchema = z.object({
  enabled: z.boolean(),
  /** When the stored catalogue was fetched (null: never). */
  fetchedAt: isoTimeSchema.nullable(),
  stale: z.boolean(),
  lastError: z.string().nullable(),
  entries: z.array(catalogueEntrySchema),
});
export type CatalogueView = z.infer<typeof catalogueSchema>;

export const spontaneousServicesSchema = z.object({
  enabled: z.boolean(),
  fetchedAt: isoTimeSchema.nullable(),
  /** Collectable services active today. */
  services: z.array(catalogueEntrySchema),
  forms: z.array(serviceFormSchema),
  /** Preselected service per form (the terminal's region, configuration): xsdRiferimento → serviceId. */
  defaults: z.record(z.string(), z.string()),
});
export type SpontaneousServices = z.infer<typeof spontaneousServicesSchema>;

export const fieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: localTextSchema });
export type FieldErrorView = z.infer<typeof fieldErrorSchema>;

export const demandArgSchema = z.object({
  serviceId: z.string().length(5),
  values: z.record(z.string(), z.string().max(100)),
  /** Into a cart with other notices (issue #12): null = a new cart; absent = paid on its own. */
  cartId: idSchema.nullable().optional(),
});
export type DemandArg = z.infer<typeof demandArgSchema>;

export const demandResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quote'),
    quote: quoteSchema,
    service: z.object({ serviceId: z.string(), name: z.string(), summary: z.string(), details: z.array(z.object({ label: z.string(), value: z.string() })) }),
    /** The cart the notice joined (cart/begin, cart/collectCash as for any cart), or null. */
    cartId: idSchema.nullable(),
  }),
  z.object({ kind: z.literal('invalid'), errors: z.array(fieldErrorSchema).min(1) }),
  z.object({ kind: z.literal('refusal'), code: z.string(), message: localTextSchema, faultCode: z.string().optional() }),
]);
export type DemandResult = z.infer<typeof demandResultSchema>;

export const spontaneousContract = {
  /** What the counter's "Bollo auto" action and the kiosk button offer. */
  'spontaneous/services': { arg: emptyArgSchema, value: spontaneousServicesSchema },
  /** The whole stored catalogue (technician screen); `refresh` fetches it from the node first. */
  'spontaneous/catalogue': { arg: z.object({ refresh: z.boolean().optional() }).strict().optional(), value: catalogueSchema },
  /** demandPaymentNotice for a service with the form's values → a quote to pay (never offline), field errors or a refusal. */
  'spontaneous/demand': { arg: demandArgSchema, value: demandResultSchema },
} as const;
