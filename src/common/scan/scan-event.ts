// One read from any scanning device, already run through the notice codec (issue #5 §1).
import { NoticeCodecError, parseNoticeCode, type NoticeCodecErrorKind, type ParsedNotice } from '../notice';

export type ScanTransport = 'serial' | 'hid' | 'wedge' | 'camera';

export type ScanEvent = {
  raw: string;
  transport: ScanTransport;
  /** Device name from the configuration (or the camera label). */
  source: string;
  /** ms since the epoch. */
  at: number;
  result: { ok: true; notice: ParsedNotice } | { ok: false; error: { kind: NoticeCodecErrorKind; message: string } };
};

export function makeScanEvent(raw: string, transport: ScanTransport, source: string, at: number): ScanEvent {
  try {
    return { raw, transport, source, at, result: { ok: true, notice: parseNoticeCode(raw) } };
  } catch (e) {
    if (e instanceof NoticeCodecError) return { raw, transport, source, at, result: { ok: false, error: { kind: e.kind, message: e.message } } };
    throw e;
  }
}
