// What the device manager needs from the drivers, as types only: the drivers' own interfaces
// (drivers/*/interface.ts) and the constructors the composition root injects (src/main/app/devices
// driver-bindings.ts builds the concrete drivers; the core never imports them).
import type { PaymentTerminal, TerminalDriverConfig } from '../../../../drivers/card-terminal/interface';
import type { ReceiptPrinter } from '../../../../drivers/escpos-printer/interface';
import type { Scanner } from '../../../../drivers/scanner/interface';
import type { Clock } from '../../../common/clock';
import type { DeviceHealth } from '../../../common/device-health';
import type { TestPageData } from '../../../common/receipt';
import type { DevicesConfig, TransportConfig } from '../config/schema';
import type { Logger } from '../log/logger';

export type Role = 'printer' | 'drawer' | 'terminal' | 'scanner' | 'camera';

/** Printer configuration with 'virtual' already resolved to the lab's TCP port. */
export type ResolvedPrinterConfig = Omit<DevicesConfig['printer'], 'transport'> & { transport: Exclude<DevicesConfig['printer']['transport'], { type: 'virtual' }> };
/** A devices.scanners[] entry whose driver runs in the main process (wedge scanners stay in the renderer). */
export type ScannerDriverConfig = { name: string; prefix: string; suffix: string; transport: Extract<TransportConfig, { type: 'serial' | 'hid' | 'virtual' }> };

export type ConfiguredTerminal = PaymentTerminal & { readonly description: string };

/** Driver constructors, supplied by the composition root (src/main/app/devices/driver-bindings.ts). */
export type DriverBindings = {
  createPrinter(config: ResolvedPrinterConfig, logger: Logger): ReceiptPrinter;
  /** ESC/POS bytes of the diagnostic page (code page with accents and €, QR, barcode, cut). */
  testPageBytes(data: TestPageData, config: DevicesConfig['printer']): Uint8Array;
  /** Serial and HID-POS scanners; 'virtual' reads the lab's serial scanner at virtualSerialPath. Throws if it cannot be built. */
  createScanner(config: ScannerDriverConfig, logger: Logger, virtualSerialPath?: string): Scanner;
  /** The card terminal driver (Protocollo 17) on a real link. */
  createTerminal(config: TerminalDriverConfig, logger: Logger, clock: Clock): ConfiguredTerminal;
};

/**
 * Where the 'virtual' transports of the configuration point: real sockets/ptys of a virtual lab the
 * composition root started (src/main/virtual-lab). Each is `{ unavailable }` with the reason when absent.
 */
export type VirtualEndpoints = {
  printer: { type: 'tcp'; host: string; port: number } | { unavailable: string };
  terminal: { host: string; port: number } | { unavailable: string };
  scanner: { path: string } | { unavailable: string };
};

/** One row per device: the driver's DeviceHealth plus what the manager knows about the role. */
export type DeviceHealthRow = DeviceHealth & {
  role: Role;
  name: string;
  driver: string;
  transport: string;
  ready: boolean;
  detail: string;
  paper?: 'ok' | 'near-end' | 'out' | 'unknown';
};
