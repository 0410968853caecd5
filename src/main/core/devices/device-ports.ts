// What the device manager needs from the printer and scanner drivers (owned by other areas). The
// shapes follow the interfaces agreed in issue #5 (ReceiptPrinter, Scanner, VirtualPrinter,
// VirtualSerialScanner); driver-bindings.ts adapts the concrete modules to them.
import type { PrinterStatus, TestPageData } from '../../../common/receipt';
import type { ScanEvent } from '../../../common/scan/scan-event';
import type { DevicesConfig, TransportConfig } from '../config/schema';
import type { Logger } from '../log/logger';

export type Role = 'printer' | 'drawer' | 'terminal' | 'scanner' | 'camera';

export type DriverHealth = { connected: boolean; lastError: string | null; lastSeen: number | null };

export interface PrinterPort {
  status(): Promise<PrinterStatus>;
  printJob(bytes: Uint8Array): Promise<unknown>;
  openDrawer(pin: 2 | 5): Promise<unknown>;
  health(): DriverHealth;
  close(): Promise<void>;
}

export interface ScannerPort {
  /** Returns an unsubscribe function. */
  onScan(cb: (e: ScanEvent) => void): () => void;
  /** Settles after the first open attempt (the driver keeps retrying in the background). */
  readonly opened?: Promise<void>;
  health(): DriverHealth;
  close(): Promise<void>;
}

/** Printer configuration with 'virtual' already resolved to the lab's TCP port. */
export type ResolvedPrinterConfig = Omit<DevicesConfig['printer'], 'transport'> & { transport: Exclude<DevicesConfig['printer']['transport'], { type: 'virtual' }> };
/** A devices.scanners[] entry whose driver runs in the main process (wedge scanners stay in the renderer). */
export type ScannerDriverConfig = { name: string; prefix: string; suffix: string; transport: Extract<TransportConfig, { type: 'serial' | 'hid' | 'virtual' }> };

/** Lab-side controls of the virtual printer (paper, cover) as the lab and CLI use them. */
export interface VirtualPrinterControl {
  setPaper(state: 'ok' | 'near-end' | 'out'): void;
  setCoverOpen(open: boolean): void;
  /** The paper ends after `bytes` more bytes of print data (a receipt cut short, pos-practice.md §4). */
  runOutOfPaperAfter(bytes: number): void;
  /** Plain-text rendering of what it printed, newest last (for the technician and tests). */
  printedText?(): string[];
}

export type VirtualPrinterHandle = { host: string; port: number; control: VirtualPrinterControl; close(): Promise<void> };
export type VirtualScannerHandle = { scan(payload: string): Promise<void>; close(): Promise<void> };

export type DriverBindings = {
  createPrinter(config: ResolvedPrinterConfig, logger: Logger): PrinterPort;
  /** ESC/POS bytes of the diagnostic page (code page with accents and €, QR, barcode, cut). */
  testPageBytes(data: TestPageData, config: DevicesConfig['printer']): Uint8Array;
  /** Serial and HID-POS scanners; 'virtual' reads the lab's serial scanner at virtualSerialPath. Throws if it cannot be built. */
  createScanner(config: ScannerDriverConfig, logger: Logger, virtualSerialPath?: string): ScannerPort;
  startVirtualPrinter(logger: Logger): Promise<VirtualPrinterHandle>;
  /** Drives the device end of a pty pair like a serial scanner (payload + CR). */
  startVirtualScanner(devicePath: string, logger: Logger): Promise<VirtualScannerHandle>;
};

export type DeviceHealth = {
  role: Role;
  name: string;
  driver: string;
  transport: string;
  connected: boolean;
  ready: boolean;
  detail: string;
  paper?: 'ok' | 'near-end' | 'out' | 'unknown';
  lastError: string | null;
  lastSeen: number | null;
};
