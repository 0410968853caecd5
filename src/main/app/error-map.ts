// Maps the core's typed errors (one class per layer, closed `kind`) onto the IPC's closed kinds, so
// the renderer never sees a raw exception (style.md §9). Messages are kept: they are clerk-facing.
import { IpcFailure, type IpcError, type IpcErrorKind } from '../../common/ipc/result';
import { StoreError } from '../core/store/errors';
import { PaymentError } from '../core/payments/errors';
import { SaleError } from '../core/sale/sale-service';
import { OperatorError } from '../core/operators/errors';
import { ShiftError } from '../core/shifts/errors';
import { NodeCallError, NodeConfigError } from '../core/node/errors';
import { ConfigError } from '../core/config/load';
import { PrintServiceError } from '../core/printing/print-service';
import { DeviceError } from '../core/devices/errors';
import { NoticeCodecError } from '../../common/notice';

const PAYMENT: Record<PaymentError['kind'], IpcErrorKind> = {
  'not-found': 'not-found',
  'invalid-state': 'conflict',
  refused: 'conflict',
  store: 'store',
  'invalid-input': 'invalid-argument',
};
const OPERATOR: Record<OperatorError['kind'], IpcErrorKind> = {
  'unknown-operator': 'forbidden', // same answer as a wrong PIN: do not reveal which ids exist
  duplicate: 'conflict',
  'invalid-input': 'invalid-argument',
  forbidden: 'forbidden',
  inactive: 'forbidden',
  'must-change-pin': 'forbidden',
};
const SHIFT: Record<ShiftError['kind'], IpcErrorKind> = {
  'no-open-shift': 'conflict',
  'already-open': 'conflict',
  'shift-closed': 'conflict',
  'unknown-shift': 'not-found',
  'not-found': 'not-found',
  'invalid-input': 'invalid-argument',
  'warnings-not-acknowledged': 'conflict',
};

/** Returns the IPC error for `err`; unknown errors become 'internal' with the first message line only. */
export function toIpcError(err: unknown): IpcError {
  const make = (kind: IpcErrorKind, message: string, code?: string): IpcError => (code === undefined ? { kind, message } : { kind, message, code });
  if (err instanceof IpcFailure) return err.params ? { ...make(err.kind, err.message, err.code), params: err.params } : make(err.kind, err.message, err.code);
  if (err instanceof SaleError) return make(err.kind, err.message, err.code);
  if (err instanceof PaymentError) return make(PAYMENT[err.kind] ?? 'internal', err.message, err.extra.faultCode ?? err.extra.category);
  if (err instanceof OperatorError) return make(OPERATOR[err.kind] ?? 'internal', err.message, err.kind);
  if (err instanceof ShiftError) return make(SHIFT[err.kind] ?? 'internal', err.message, err.kind);
  if (err instanceof PrintServiceError) return make(err.kind === 'not-found' ? 'not-found' : 'conflict', err.message, err.kind);
  if (err instanceof DeviceError) return make('device', err.message, err.kind);
  if (err instanceof NoticeCodecError) return make('invalid-argument', err.message, err.kind);
  if (err instanceof ConfigError) return make('invalid-argument', err.message);
  if (err instanceof StoreError) return make('store', err.userMessage, err.kind);
  if (err instanceof NodeCallError) return make('node-unavailable', err.message, err.kind);
  if (err instanceof NodeConfigError) return make('node-unavailable', err.message, err.kind);
  if (err instanceof Error && err.name === 'DriverError') {
    const kind = (err as Error & { kind?: unknown }).kind;
    return make('device', err.message, typeof kind === 'string' ? kind : undefined);
  }
  const msg = err instanceof Error ? err.message : String(err);
  return make('internal', msg.split('\n')[0] ?? 'internal error');
}
