// Operator failures the UI and CLI branch on (ARCHITECTURE.md: one error class per layer, closed kind).
export type OperatorErrorKind = 'unknown-operator' | 'duplicate' | 'invalid-input' | 'forbidden' | 'inactive';

export class OperatorError extends Error {
  override readonly name = 'OperatorError';
  constructor(
    readonly kind: OperatorErrorKind,
    message: string,
  ) {
    super(message);
  }
}
