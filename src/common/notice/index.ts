// Public API of the notice codec (issue #2 §3). Pure: used by the renderer, the core and the drivers.
export type { AuxDigit, NoticeFormat, ParsedNotice } from './parsed-notice';
export { NoticeCodecError, type NoticeCodecErrorKind } from './notice-codec-error';
export { parseManualNotice, parseNoticeCode } from './parse-notice-code';
export { decomposeNoticeNumber, iuvOf, type NoticeNumberParts } from './notice-number';
export { isValidEcFiscalCode, isValidPersonalFiscalCode, mod93CheckDigits, personalFiscalCodeCheckChar } from './check-digits';
export { buildDataMatrixPayload, buildQrPayload, type DataMatrixPayloadInput, type QrPayloadInput } from './build-payload';
