// Decoding of the printer's status bytes into PrinterStatus (pos-practice.md §4: DLE EOT n replies have
// the pattern 0xx1xx10b; ASB is 4 bytes with byte0 & 0x93 == 0x10; GS r 1 answers bits 0-1 near-end,
// bits 2-3 paper end).
import type { PrinterState, PrinterStatus } from '../../src/common/receipt';

export type RtStatusBytes = { printer: number; offline: number; paper: number };

export const isRtStatusByte = (b: number): boolean => (b & 0x93) === 0x12;
export const isAsbFirstByte = (b: number): boolean => (b & 0x93) === 0x10;
// GS r 1: bits 4-7 fixed 0, bits 0-1 and 2-3 are pairs, so only 0x00, 0x03, 0x0C, 0x0F are valid replies.
export const isGsrReply = (b: number): boolean => b === 0x00 || b === 0x03 || b === 0x0c || b === 0x0f;

/** DLE EOT 1/2/4 replies → a status. */
export function decodeRtStatus(s: RtStatusBytes, at: number): PrinterStatus {
  const drawerOpen = (s.printer & 0x04) !== 0; // pin 3 high = drawer open (our convention; drawers differ)
  const offline = (s.printer & 0x08) !== 0;
  const coverOpen = (s.offline & 0x04) !== 0;
  const paperStop = (s.offline & 0x20) !== 0;
  const error = (s.offline & 0x40) !== 0;
  const nearEnd = (s.paper & 0x0c) !== 0;
  const paperEnd = (s.paper & 0x60) !== 0;
  return build({ coverOpen, paperEnd: paperEnd || paperStop, error, offline, nearEnd, drawerOpen }, at);
}

/** The 4-byte Automatic Status Back packet → a status. */
export function decodeAsb(p: Uint8Array, at: number): PrinterStatus {
  const b0 = p[0] ?? 0;
  const b1 = p[1] ?? 0;
  const b2 = p[2] ?? 0;
  return build({ drawerOpen: (b0 & 0x04) !== 0, offline: (b0 & 0x08) !== 0, coverOpen: (b0 & 0x20) !== 0, error: (b1 & 0x2c) !== 0, nearEnd: (b2 & 0x03) !== 0, paperEnd: (b2 & 0x0c) !== 0 }, at);
}

type Flags = { coverOpen: boolean; paperEnd: boolean; error: boolean; offline: boolean; nearEnd: boolean; drawerOpen: boolean | null };

function build(f: Flags, at: number): PrinterStatus {
  let state: PrinterState = 'ready';
  const why: string[] = [];
  if (f.coverOpen) why.push('cover open');
  if (f.paperEnd) why.push('paper out');
  if (f.error) why.push('printer error');
  if (f.offline) why.push('offline');
  if (f.nearEnd) why.push('paper near end');
  if (f.coverOpen) state = 'cover-open';
  else if (f.paperEnd) state = 'paper-out';
  else if (f.error) state = 'error';
  else if (f.offline) state = 'offline';
  else if (f.nearEnd) state = 'paper-near-end';
  return { state, paperNearEnd: f.nearEnd, drawerOpen: f.drawerOpen, detail: why.length ? why.join(', ') : 'ready', at };
}

/** A status without a reading (disconnected, or statusMode 'none'). */
export function unknownStatus(state: PrinterState, detail: string, at: number): PrinterStatus {
  return { state, paperNearEnd: false, drawerOpen: null, detail, at };
}
