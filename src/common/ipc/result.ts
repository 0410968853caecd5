// The shape of every answer that crosses the IPC boundary (Electron ipcMain or the browser bridge):
// never a raw exception, always { ok, value } or { ok:false, error:{ kind, message } } (style.md §9).
import { z } from 'zod';

/** Closed set of failure kinds; the renderer branches on `kind`, never on `message`. */
export const IPC_ERROR_KINDS = [
  'invalid-argument', // payload failed its zod schema
  'unknown-handler', // no such '<domain>/<verb>'
  'unauthorized', // bridge token missing/wrong, or no operator logged in
  'forbidden', // foreign sender, wrong PIN, technician lock
  'not-found', // payment, job, exception, shift… does not exist
  'conflict', // wrong state for this intent (e.g. collect on a cancelled payment)
  'node-unavailable', // the payment node cannot be reached and offline is not allowed
  'device', // printer/terminal/scanner failure the intent depends on
  'store', // SQLite failure (disk full, locked, corrupt)
  'not-implemented', // the core service behind this intent is missing in this build
  'transport', // browser bridge: connection lost / HTTP failure (client side only)
  'internal', // a bug; details are in the logs
] as const;
export type IpcErrorKind = (typeof IPC_ERROR_KINDS)[number];

export const ipcErrorSchema = z.object({
  kind: z.enum(IPC_ERROR_KINDS),
  message: z.string(),
  /** Optional machine detail, e.g. a pagoPA faultCode or a device status code. */
  code: z.string().optional(),
  /** Values the renderer puts into its own wording of `code` (e.g. attemptsLeft of a wrong PIN). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(kind: IpcErrorKind, message: string, code?: string): IpcResult<never> {
  return { ok: false, error: code === undefined ? { kind, message } : { kind, message, code } };
}

/** Throw inside a handler to answer with a typed error; the dispatcher turns it into a failed result. */
export class IpcFailure extends Error {
  override readonly name = 'IpcFailure';
  constructor(
    readonly kind: IpcErrorKind,
    message: string,
    readonly code?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}
