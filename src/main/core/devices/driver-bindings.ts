// Adapts the printer (drivers/escpos-printer) and scanner (drivers/scanner) modules to the ports
// the device manager uses. The only place that knows their concrete classes.
import { createPrinter } from '../../../../drivers/escpos-printer/printer';
import { VirtualPrinter } from '../../../../drivers/escpos-printer/virtual-printer';
import { SerialScanner } from '../../../../drivers/scanner/serial-scanner';
import { VirtualSerialScanner } from '../../../../drivers/scanner/virtual-scanner';
import type { ScanEvent } from '../../../common/scan/scan-event';
import { layoutOptionsFor } from '../receipt/layout-options';
import { layoutTestPage } from '../receipt/receipt-layout';
import type { DriverBindings, PrinterPort, ScannerPort } from './device-ports';

export const defaultDriverBindings: DriverBindings = {
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
  createSerialScanner(config, logger): ScannerPort {
    const s = new SerialScanner({ name: config.name, path: config.path, baudRate: config.baudRate, prefix: config.prefix, suffix: config.suffix, logger });
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
