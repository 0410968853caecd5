// The interface every scanner driver implements (issue #5 §1), plus the types they share.
import type { ScanEvent } from '../../src/common/scan/scan-event';

export type ScannerHealth = { connected: boolean; lastError: string | null; lastSeen: number | null };
export type ScannerState = 'connecting' | 'connected' | 'disconnected' | 'closed';
export type ScannerStatus = { name: string; state: ScannerState; error: string | null; at: number };

export interface Scanner {
  readonly name: string;
  on(event: 'scan', listener: (e: ScanEvent) => void): this;
  on(event: 'status', listener: (s: ScannerStatus) => void): this;
  off(event: 'scan', listener: (e: ScanEvent) => void): this;
  off(event: 'status', listener: (s: ScannerStatus) => void): this;
  /** Opens the device; a serial scanner keeps retrying in the background if it is not there yet. */
  open(): Promise<void>;
  close(): Promise<void>;
  health(): ScannerHealth;
}

/** Structural subset of the core Logger (drivers may not import src/main). */
export type ScannerLogger = {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
};

export const nullScannerLogger: ScannerLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export type ScannerErrorKind = 'open-failed' | 'disconnected' | 'not-found' | 'closed' | 'report-malformed';

export class ScannerError extends Error {
  override readonly name = 'ScannerError';
  constructor(
    readonly kind: ScannerErrorKind,
    message: string,
  ) {
    super(message);
  }
}
