// The renderer's only door to the core: window.sportello (Electron preload or the browser client).
// Nothing here knows which transport is underneath.
import type { SportelloBridge, InvokeArgs } from '../../common/ipc/bridge';
import type { HandlerName, Value } from '../../common/ipc/contract';
import type { IpcErrorKind } from '../../common/ipc/result';

declare global {
  interface Window {
    sportello?: SportelloBridge;
  }
}

/** A failed intent, as the core reported it (closed `kind`; `message` is technical detail). */
export class UiCallError extends Error {
  override readonly name = 'UiCallError';
  constructor(
    readonly kind: IpcErrorKind,
    message: string,
    readonly code?: string,
    /** Values for the UI's own wording of `code` (IpcError.params). */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export function getBridge(): SportelloBridge {
  const b = window.sportello;
  if (!b) throw new UiCallError('transport', 'window.sportello is not installed');
  return b;
}

/** Invoke an intent and unwrap the result; failures become UiCallError. */
export async function call<K extends HandlerName>(name: K, ...arg: InvokeArgs<K>): Promise<Value<K>> {
  const r = await getBridge().invoke(name, ...arg);
  if (r.ok) return r.value as Value<K>;
  throw new UiCallError(r.error.kind, r.error.message, r.error.code, r.error.params);
}

export function toUiError(e: unknown): UiCallError {
  if (e instanceof UiCallError) return e;
  return new UiCallError('internal', e instanceof Error ? e.message : String(e));
}
