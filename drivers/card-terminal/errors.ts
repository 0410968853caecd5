// The card terminal driver's error (closed kinds, interface.ts TerminalErrorKind).
import type { TerminalErrorKind } from './interface';

export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(
    readonly kind: TerminalErrorKind,
    message: string,
  ) {
    super(message);
  }
}
