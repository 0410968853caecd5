// The scanner drivers' error class; the Scanner interface and its types are in interface.ts.
import type { ScannerErrorKind } from './interface';

export type { Scanner, ScannerErrorKind, ScannerState, ScannerStatus } from './interface';

export class ScannerError extends Error {
  override readonly name = 'ScannerError';
  constructor(
    readonly kind: ScannerErrorKind,
    message: string,
  ) {
    super(message);
  }
}
