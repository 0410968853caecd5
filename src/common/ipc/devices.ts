// Devices and node domain: health for the status bar, technician diagnostics, node reachability.
import { z } from 'zod';
import { emptyArgSchema, isoTimeSchema } from './common';

export const deviceStatusSchema = z.object({
  name: z.string(),
  state: z.enum(['ok', 'warning', 'error', 'disabled', 'unknown']),
  /** Machine code such as 'paper-near-end', 'paper-out', 'cover-open', 'disconnected', 'busy'. */
  code: z.string().nullable(),
  detail: z.string().nullable(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceHealthSchema = z.object({
  printer: deviceStatusSchema,
  terminal: deviceStatusSchema,
  drawer: deviceStatusSchema,
  scanners: z.array(deviceStatusSchema),
  checkedAt: isoTimeSchema,
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const diagnosticActionSchema = z.enum(['printer-test', 'printer-codepage', 'printer-qr', 'printer-status', 'drawer-open', 'terminal-status', 'terminal-totals', 'scanner-echo']);
export type DiagnosticAction = z.infer<typeof diagnosticActionSchema>;

export const diagnosticResultSchema = z.object({ action: diagnosticActionSchema, ok: z.boolean(), lines: z.array(z.string()) });
export type DiagnosticResult = z.infer<typeof diagnosticResultSchema>;

export const nodeCheckSchema = z.object({
  online: z.boolean(),
  /** 'embedded simulator' or the configured URL's origin (never credentials). */
  endpoint: z.string(),
  latencyMs: z.number().nonnegative().nullable(),
  checkedAt: isoTimeSchema,
  error: z.string().nullable(),
  /** What the node answered to the test verify: 'OK' or the faultCode (null when unreachable). */
  outcome: z.string().nullable().optional(),
  /** Which gateway answered: nodeForPsp SOAP or MIL (issue #14). */
  upstream: z.enum(['node', 'mil']).optional(),
  /** With MIL: the access token's expiry, the last token error, and the last transactions MIL reports for this terminal. */
  mil: z
    .object({
      tokenExpiresAt: isoTimeSchema.nullable(),
      tokenError: z.string().nullable(),
      transactions: z.array(
        z.object({ transactionId: z.string(), status: z.string(), totalAmountCents: z.number().int(), feeCents: z.number().int().nullable(), insertedAt: z.string(), notices: z.number().int() }),
      ),
    })
    .optional(),
});
export type NodeCheck = z.infer<typeof nodeCheckSchema>;

export const devicesContract = {
  'devices/health': { arg: emptyArgSchema, value: deviceHealthSchema },
  'devices/diagnostic': { arg: z.object({ action: diagnosticActionSchema }), value: diagnosticResultSchema },
  'node/check': { arg: emptyArgSchema, value: nodeCheckSchema },
} as const;
