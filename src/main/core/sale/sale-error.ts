// The one error every sale use-case throws; the shells map `kind` (and the UI `code`) to their vocabulary.
import type { RefusalCategory } from '../payments/types';

/** How a refusal reaches people: the shells map `kind` to their own vocabulary (IPC kind, exit code). */
export type SaleErrorKind = 'unauthorized' | 'forbidden' | 'conflict' | 'device' | 'node-unavailable' | 'invalid-argument' | 'not-found';

export class SaleError extends Error {
  override readonly name = 'SaleError';
  constructor(
    readonly kind: SaleErrorKind,
    /** Stable reason code the UI words in its language (e.g. 'no-open-shift'). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Categories that mean "the node cannot be reached" (the UI offers offline or waits). */
const NODE_DOWN: readonly RefusalCategory[] = ['offline-disabled', 'node-error', 'creditor-unreachable'];

/** A node or policy refusal as the SaleError the shells translate (the fault code stays in the message). */
export function refusalError(r: { readonly category: RefusalCategory; readonly message: string; readonly faultCode?: string }): SaleError {
  return new SaleError(NODE_DOWN.includes(r.category) ? 'node-unavailable' : 'conflict', r.category, r.faultCode ? `${r.faultCode}: ${r.message}` : r.message);
}
