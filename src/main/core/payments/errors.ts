// Engine failures the UI and CLI branch on (closed `kind`, never the message text).
import { StoreError } from '../store/errors';
import type { RefusalCategory } from './types';

export type PaymentErrorKind =
  | 'not-found' // no such payment
  | 'invalid-state' // the action does not apply to the payment's current state
  | 'refused' // business refusal before any money is taken (see `category`)
  | 'store' // the database could not commit: refuse before money is taken (issue #4 §2)
  | 'invalid-input'; // bad amount, unknown method, missing reason

export class PaymentError extends Error {
  override readonly name = 'PaymentError';
  constructor(
    readonly kind: PaymentErrorKind,
    message: string,
    readonly extra: { category?: RefusalCategory; storeKind?: StoreError['kind']; faultCode?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps a StoreError so callers see one error class; anything else passes through. */
export function asPaymentError(err: unknown): unknown {
  // payments_notice_in_flight: a second payment of the same notice tried to go in flight.
  if (err instanceof Error && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /fiscal_code|notice_number/.test(err.message))
    return new PaymentError('refused', 'A payment of this notice is already in progress on this terminal.', { category: 'duplicate-in-flight' }, { cause: err });
  if (err instanceof StoreError) return new PaymentError('store', `Payment refused, nothing was charged: ${err.userMessage}`, { category: 'store-unavailable', storeKind: err.kind }, { cause: err });
  return err;
}
