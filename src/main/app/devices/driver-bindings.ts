// The concrete drivers behind the core's DriverBindings (core/devices/device-ports.ts): ESC/POS printer,
// serial/HID-POS scanners, Protocollo 17 card terminal. The only place that knows their classes; the
// composition root injects it into the DeviceManager.
import { createPaymentTerminal } from '../../../../drivers/card-terminal/create-terminal';
import { layoutOptionsFor } from '../../../../drivers/escpos-printer/layout-options';
import { createPrinter } from '../../../../drivers/escpos-printer/printer';
import { createScanner } from '../../../../drivers/scanner/create-scanner';
import type { HidBackend } from '../../../../drivers/scanner/hid-scanner';
import { ScannerError } from '../../../../drivers/scanner/scanner';
import type { DriverBindings } from '../../core/devices/device-ports';
import { layoutTestPage } from '../../core/receipt/receipt-layout';

export type DriverBindingOptions = {
  /** HID access for HID-POS scanners (default node-hid; tests pass a fake: no hidraw in this VM, toolchain.md §4). */
  hidBackend?: HidBackend;
  /** Scanner reconnect backoff (the drivers' defaults otherwise). */
  scannerReconnect?: { initialMs: number; maxMs: number };
};

export function createDriverBindings(opts: DriverBindingOptions = {}): DriverBindings {
  return {
    createPrinter: (config, logger) => createPrinter(config, logger),
    testPageBytes: (data, config) => layoutTestPage(data, layoutOptionsFor(config)),
    createScanner(config, logger, virtualSerialPath) {
      const s = createScanner(config, {
        logger,
        hidBackend: opts.hidBackend,
        virtualSerialPath,
        reconnectInitialMs: opts.scannerReconnect?.initialMs,
        reconnectMaxMs: opts.scannerReconnect?.maxMs,
      });
      if (!s) throw new ScannerError('open-failed', `scanner "${config.name}" has no main-process driver`);
      return s;
    },
    createTerminal: (config, logger, clock) => createPaymentTerminal(config, logger, clock),
  };
}

export const defaultDriverBindings: DriverBindings = createDriverBindings();
