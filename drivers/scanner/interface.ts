// The barcode scanner as the core sees it (issue #5 §1). Types only: the drivers (serial, HID-POS)
// implement Scanner, ScannerError is in scanner.ts, the logger is the shared src/common/logger.ts Logger.
import type { DeviceHealth } from '../../src/common/device-health';
import type { ScanEvent } from '../../src/common/scan/scan-event';

export type ScannerState = 'connecting' | 'connected' | 'disconnected' | 'closed';
export type ScannerStatus = { name: string; state: ScannerState; error: string | null; at: number };
export type ScannerErrorKind = 'open-failed' | 'disconnected' | 'not-found' | 'closed' | 'report-malformed';

export interface Scanner {
  readonly name: string;
  on(event: 'scan', listener: (e: ScanEvent) => void): this;
  on(event: 'status', listener: (s: ScannerStatus) => void): this;
  off(event: 'scan', listener: (e: ScanEvent) => void): this;
  off(event: 'status', listener: (s: ScannerStatus) => void): this;
  /** Opens the device; a serial scanner keeps retrying in the background if it is not there yet. */
  open(): Promise<void>;
  close(): Promise<void>;
  health(): DeviceHealth;
}

/** Structural copy of the config's scanner entry (drivers may not import src/main). */
export type ScannerConfig = {
  name: string;
  prefix?: string;
  suffix?: string;
  transport:
    | { type: 'serial'; path: string; baudRate?: number }
    | { type: 'hid'; vendorId: number; productId: number; path?: string }
    | { type: 'wedge' }
    | { type: 'virtual' }
    | { type: 'tcp'; host: string; port: number }
    | { type: 'file'; path: string };
};
