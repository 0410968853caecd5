// Protocollo 17 LRC (pos-practice.md §3.1): XOR over the message with base 0x7F. Which framing
// bytes are folded in varies by terminal firmware, hence the mode (padosoft ecr17 `lrc.rs`):
// 'std' payload only · 'stx' STX+payload+ETX · 'noext' payload+ETX · 'stx_noext' STX+payload.
import type { LrcMode } from '../interface';

export const STX = 0x02;
export const ETX = 0x03;
export const SOH = 0x01;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
export const LRC_BASE = 0x7f;

export type { LrcMode } from '../interface';
export const LRC_MODES: readonly LrcMode[] = ['std', 'stx', 'noext', 'stx_noext'];

export function computeLrc(payload: Uint8Array, mode: LrcMode = 'std'): number {
  let lrc = LRC_BASE;
  if (mode === 'stx' || mode === 'stx_noext') lrc ^= STX;
  for (const b of payload) lrc ^= b;
  if (mode === 'stx' || mode === 'noext') lrc ^= ETX;
  return lrc;
}
