// The technician's scanner echo (issue #11 §8). It runs in the renderer because that is where the default
// scanner, the keyboard wedge, arrives (as keystrokes, src/renderer/hooks/use-scanner.ts); serial and
// HID-POS scans reach the same hook as core events. The core's own echo never saw a wedge scan.
import type { DiagnosticResult } from '../../common/ipc/devices';
import { makeScanEvent } from '../../common/scan/scan-event';

/** The button says "scansiona entro 10 s". */
export const ECHO_SECONDS = 10;

/** What one scan was: the device, the bytes as read, and whether it is a pagoPA notice. */
export function echoResult(raw: string, source: string): DiagnosticResult {
  const e = makeScanEvent(raw, source === 'wedge' ? 'wedge' : 'serial', source, Date.now());
  const parsed = e.result.ok ? `pagoPA notice ${e.result.notice.noticeNumber}` : `not a pagoPA notice (${e.result.error.kind})`;
  return { action: 'scanner-echo', ok: true, lines: [`${source}: ${JSON.stringify(raw)}`, parsed] };
}

export function echoTimeout(): DiagnosticResult {
  return { action: 'scanner-echo', ok: false, lines: [`no scan within ${ECHO_SECONDS} s`] };
}

/** Whole seconds left, for the countdown (10, 9, … 1). */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
