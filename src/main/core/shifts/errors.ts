// Shift failures the UI and CLI branch on (closed kind, ARCHITECTURE.md).
import type { CloseWarningCode } from './report-types';

export type ShiftErrorKind = 'no-open-shift' | 'already-open' | 'shift-closed' | 'unknown-shift' | 'invalid-input' | 'warnings-not-acknowledged' | 'not-found';

export class ShiftError extends Error {
  override readonly name = 'ShiftError';
  constructor(
    readonly kind: ShiftErrorKind,
    message: string,
    readonly warnings: readonly CloseWarningCode[] = [],
  ) {
    super(message);
  }
}
