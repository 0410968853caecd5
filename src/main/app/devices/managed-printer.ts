// The DeviceManager's printer as one stable ReceiptPrinter for the PrintService: every call goes to the
// printer the manager holds at that moment (none when disabled or not built). Without one, jobs are
// refused before any byte is sent and health() says the printer is not available.
import type { PrinterHealth, PrintJobOutcome, ReceiptPrinter } from '../../../../drivers/escpos-printer/interface';
import type { Clock } from '../../../common/clock';
import type { DevicesConfig } from '../../core/config/schema';

/** Health of a printer that does not exist: disconnected, never seen, nothing printed. */
export function printerNotAvailable(why: string, statusMode: 'query' | 'none'): PrinterHealth {
  return { connected: false, lastError: why, lastSeen: null, transport: 'not available', statusMode, lastStatus: null, reconnects: 0, jobsPrinted: 0, jobsFailed: 0, garbageBytes: 0 };
}

export function managedPrinter(current: () => ReceiptPrinter | null, config: DevicesConfig['printer'], clock: Clock): ReceiptPrinter {
  const why = config.enabled ? 'printer not available' : 'printer disabled in the configuration';
  return {
    status: async () => current()?.status() ?? { state: 'disconnected', paperNearEnd: false, drawerOpen: null, detail: why, at: clock.now() },
    printJob: async (bytes, opts): Promise<PrintJobOutcome> => current()?.printJob(bytes, opts) ?? { ok: false, state: 'disconnected', detail: why, sent: false },
    async openDrawer(pin) {
      const p = current();
      if (!p) throw new Error(why);
      await p.openDrawer(pin);
    },
    health: () => current()?.health() ?? printerNotAvailable(why, config.statusMode),
    onStatus: (cb) => current()?.onStatus(cb) ?? (() => undefined),
    // The manager owns the printer: it closes it when it stops.
    close: async () => undefined,
  };
}
