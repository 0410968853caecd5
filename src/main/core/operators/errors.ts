// Operator failures the UI and CLI branch on (ARCHITECTURE.md: one error class per layer, closed kind).
// 'must-change-pin': the operator's PIN was seeded or reset by someone else and must be changed before they act.
export type OperatorErrorKind = 'unknown-operator' | 'duplicate' | 'invalid-input' | 'forbidden' | 'inactive' | 'must-change-pin';

export class OperatorError extends Error {
  override readonly name = 'OperatorError';
  constructor(
    readonly kind: OperatorErrorKind,
    message: string,
  ) {
    super(message);
  }
}
