// Adapts the printer (drivers/escpos-printer) and scanner (drivers/scanner) modules to the ports
// the device manager uses. The only place that knows their concrete classes.
import { createPrinter } from '../../../../drivers/escpos-printer/printer';
import { VirtualPrinter } from '../../../../drivers/escpos-printer/virtual-printer';
import { createScanner } from '../../../../drivers/scanner/create-scanner';
import type { HidBackend } from '../../../../drivers/scanner/hid-scanner';
import { ScannerError } from '../../../../drivers/scanner/scanner';
import { VirtualSerialScanner } from '../../../../drivers/scanner/virtual-scanner';
import type { ScanEvent } from '../../../common/scan/scan-event';
import { layoutOptionsFor } from '../receipt/layout-options';
import { layoutTestPage } from '../receipt/receipt-layout';
import type { DriverBindings, PrinterPort, ScannerPort } from './device-ports';

export type DriverBindingOptions = {
  /** HID access for HID-POS scanners (default node-hid; tests pass a fake: no hidraw in this VM, toolchain.md §4). */
  hidBackend?: HidBackend;
  /** Scanner reconnect backoff (the drivers' defaults otherwise). */
  scannerReconnect?: { initialMs: number; maxMs: number };
};

export function createDriverBindings(opts: DriverBindingOptions = {}): DriverBindings {
  return {
    createPrinter(config, logger): PrinterPort {
      const p = createPrinter(config, logger);
      return {
        status: () => p.status(),
        printJob: (bytes) => p.printJob(bytes),
        openDrawer: (pin) => p.openDrawer(pin),
        health: () => {
          const h = p.health();
          return { connected: h.connected, lastError: h.lastError, lastSeen: h.lastStatus?.at ?? null };
        },
        close: () => p.close(),
      };
    },
    testPageBytes: (data, config) => layoutTestPage(data, layoutOptionsFor(config)),
    createScanner(config, logger, virtualSerialPath): ScannerPort {
      const s = createScanner(config, {
        logger,
        hidBackend: opts.hidBackend,
        virtualSerialPath,
        reconnectInitialMs: opts.scannerReconnect?.initialMs,
        reconnectMaxMs: opts.scannerReconnect?.maxMs,
      });
      if (!s) throw new ScannerError('open-failed', `scanner "${config.name}" has no main-process driver`);
      // Serial and HID drivers both retry by themselves after a failed open or an unplug.
      const opened = s.open().catch((e: unknown) => logger.warn('scanner open failed', { error: String(e) }));
      return {
        opened,
        onScan(cb) {
          const l = (e: ScanEvent) => cb(e);
          s.on('scan', l);
          return () => void s.off('scan', l);
        },
        health: () => s.health(),
        close: () => s.close(),
      };
    },
    async startVirtualPrinter() {
      const vp = new VirtualPrinter();
      const { port } = await vp.listenTcp(0);
      return {
        host: '127.0.0.1',
        port,
        control: {
          setPaper: (state) => vp.setPaper(state),
          setCoverOpen: (open) => vp.setCover(open),
          runOutOfPaperAfter: (bytes) => vp.runOutOfPaperAfter(bytes),
          printedText: () => vp.jobs().map((j) => j.text),
        },
        close: () => vp.close(),
      };
    },
    async startVirtualScanner(devicePath) {
      const vs = new VirtualSerialScanner(devicePath);
      return { scan: (payload) => vs.scan(payload), close: () => vs.close() };
    },
  };
}

export const defaultDriverBindings: DriverBindings = createDriverBindings();
