// Small schemas reused by several domains of the IPC contract. Plain data only (structured-clone safe).
import { z } from 'zod';

/** Integer euro cents (ARCHITECTURE.md: money is cents everywhere). */
export const centsSchema = z.number().int().nonnegative();
/** ISO-8601 timestamp string (UTC). */
export const isoTimeSchema = z.string().min(1);
export const idSchema = z.string().min(1).max(200);
export const emptyArgSchema = z.object({}).strict().optional();

export const paymentMethodSchema = z.enum(['cash', 'card']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const appModeSchema = z.enum(['counter', 'kiosk']);
export type AppMode = z.infer<typeof appModeSchema>;

export const transportSchema = z.enum(['electron', 'browser']);
export type BridgeTransport = z.infer<typeof transportSchema>;
