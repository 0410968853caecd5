// System domain: configuration (secrets masked), logs, app info, technician unlock, kiosk exit.
import { z } from 'zod';
import { appModeSchema, emptyArgSchema, isoTimeSchema, transportSchema } from './common';

const jsonObject = z.record(z.string(), z.unknown());

export const configViewSchema = z.object({
  /** The effective configuration without its secret fields (never sent back; see secretsSet). */
  config: jsonObject,
  /** Which secrets are set, without their values. */
  secretsSet: z.record(z.string(), z.boolean()),
  /** Dotted paths of the secret fields, e.g. 'node.password'. */
  secretPaths: z.array(z.string()),
});
export type ConfigView = z.infer<typeof configViewSchema>;

export const logRecordSchema = z.object({
  time: isoTimeSchema,
  level: z.enum(['debug', 'info', 'warn', 'error']),
  ns: z.string(),
  msg: z.string(),
  data: z.unknown().optional(),
});
export type LogRecordView = z.infer<typeof logRecordSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  build: z.string(),
  mode: appModeSchema,
  transport: transportSchema,
  terminalId: z.string(),
  location: z.string(),
  /** 'simulator' = embedded node simulator (demo), 'configured' = a real node URL. */
  node: z.enum(['simulator', 'configured']),
  /** Virtual device lab in use (demo). */
  virtualDevices: z.boolean(),
  language: z.enum(['it', 'en']),
  kioskIdleSeconds: z.number().int().positive(),
  kioskIdleWarningSeconds: z.number().int().positive(),
  /** How long the core waits for the node's verify answer (the counter shows it as a countdown). */
  verifyTimeoutSeconds: z.number().int().positive().optional(),
  startedAt: isoTimeSchema,
  /** Demo/test control (only with the embedded simulator or the virtual lab): admin URLs and data dir. */
  demo: z.object({ nodeSimulatorAdmin: z.string().nullable(), deviceLabAdmin: z.string().nullable(), dataDir: z.string(), milSimulatorAdmin: z.string().nullable().optional() }).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const pin = z.string().min(1).max(32);

export const systemContract = {
  'config/get': { arg: emptyArgSchema, value: configViewSchema },
  /** Deep-merge `patch` into the configuration, validate, persist. Needs the technician unlock. */
  'config/update': { arg: z.object({ patch: jsonObject }), value: configViewSchema },
  'logs/list': {
    arg: z.object({ level: z.enum(['debug', 'info', 'warn', 'error']).optional(), limit: z.number().int().min(1).max(5000).optional() }).optional(),
    value: z.array(logRecordSchema),
  },
  /** NDJSON of the in-memory log ring (secrets already redacted), plus the file written on disk. */
  'logs/export': { arg: emptyArgSchema, value: z.object({ fileName: z.string(), path: z.string().nullable(), content: z.string() }) },
  'app/info': { arg: emptyArgSchema, value: appInfoSchema },
  /**
   * Issue #12 §8: the per-transfer settlement export of `sportello export transfers` (technician only):
   * the file's text (CSV or JSON) for download, with its transfer count and total.
   */
  'transfers/export': {
    arg: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), format: z.enum(['csv', 'json']) }),
    value: z.object({ fileName: z.string(), content: z.string(), count: z.number().int().nonnegative(), amountCents: z.number().int().nonnegative() }),
  },
  /** Technician PIN check (operator 'tech' unless another technician id is given). */
  'tech/unlock': { arg: z.object({ pin, operatorId: z.string().min(1).max(32).optional() }), value: z.object({ until: z.number().int() }) },
  'tech/lock': { arg: emptyArgSchema, value: z.object({ locked: z.literal(true) }) },
  /** Leaves kiosk mode (quits the shell); only with the technician PIN. */
  'kiosk/exit': { arg: z.object({ pin, operatorId: z.string().min(1).max(32).optional() }), value: z.object({ exiting: z.literal(true) }) },
  /**
   * Issue #10 §5: opens the developer tools of the Electron window, only with a technician PIN (checked and
   * journaled by the core like kiosk/exit); the browser bridge answers not-implemented.
   */
  'tech/devtools': { arg: z.object({ pin, operatorId: z.string().min(1).max(32).optional() }), value: z.object({ opened: z.literal(true) }) },
} as const;
