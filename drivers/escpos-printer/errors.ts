// Driver-layer errors with a closed kind (docs/ARCHITECTURE.md: callers branch on kind, never on text).
export type PrinterErrorKind = 'disconnected' | 'timeout' | 'io' | 'config';

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly kind: PrinterErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
