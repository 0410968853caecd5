// The codec's closed error kinds. Messages are clerk-readable English; callers branch on `kind` only.
export type NoticeCodecErrorKind =
  'empty' | 'unknown-format' | 'wrong-identifier' | 'wrong-version' | 'wrong-field-count' | 'non-digit' | 'wrong-length' | 'bad-aux-digit' | 'bad-amount' | 'layout-damaged' | 'datamatrix-malformed';

export class NoticeCodecError extends Error {
  override readonly name = 'NoticeCodecError';
  constructor(
    readonly kind: NoticeCodecErrorKind,
    message: string,
  ) {
    super(message);
  }
}
