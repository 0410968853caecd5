// The devices side of the composition root: a DeviceManager from config.devices ('virtual' transports
// start the virtual lab in-process and the production drivers connect to it over real sockets/ptys),
// the lab's loopback admin API for demos and e2e tests, and the printer as the PrintService needs it.
import type { PrintJobOutcome, ReceiptPrinter } from '../../../drivers/escpos-printer/printer';
import type { Clock } from '../../common/clock';
import type { SportelloConfig } from '../core/config/schema';
import { DeviceManager } from '../core/devices/device-manager';
import { startLabAdmin, type LabAdmin } from '../core/devices/lab-admin';
import type { TerminalTimings } from '../core/devices/terminal-binding';
import type { Logger } from '../core/log/logger';
import type { VirtualLab } from '../core/devices/virtual-lab';

export type DeviceRuntimeOptions = {
  config: SportelloConfig;
  logger: Logger;
  clock: Clock;
  healthIntervalMs?: number;
  terminalTimings?: TerminalTimings;
  /** A lab already running (tests that need direct control of a virtual device); the caller closes it. */
  lab?: VirtualLab;
};

export type DeviceRuntime = {
  readonly manager: DeviceManager;
  /** Loopback admin of the in-process virtual lab (null when no device is virtual). */
  readonly labAdmin: LabAdmin | null;
  /** The manager's printer as a ReceiptPrinter for the PrintService (looked up per job: it may reconnect). */
  readonly printer: ReceiptPrinter;
  close(): Promise<void>;
};

function isOutcome(v: unknown): v is PrintJobOutcome {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

export async function startDeviceRuntime(opts: DeviceRuntimeOptions): Promise<DeviceRuntime> {
  const manager = new DeviceManager({
    config: opts.config.devices,
    logger: opts.logger,
    clock: opts.clock,
    stationId: opts.config.terminal.id,
    ...(opts.healthIntervalMs !== undefined ? { healthIntervalMs: opts.healthIntervalMs } : {}),
    ...(opts.terminalTimings ? { terminalTimings: opts.terminalTimings } : {}),
    ...(opts.lab ? { lab: opts.lab } : {}),
  });
  await manager.start();
  let labAdmin: LabAdmin | null = null;
  try {
    if (manager.virtualLab) labAdmin = await startLabAdmin(manager.virtualLab, 0);
  } catch (err) {
    await manager.stop();
    throw err;
  }
  const why = opts.config.devices.printer.enabled ? 'printer not available' : 'printer disabled in the configuration';
  const noPrinter = (): PrintJobOutcome => ({ ok: false, state: 'disconnected', detail: why, sent: false });
  const printer: ReceiptPrinter = {
    status: async () => {
      const p = manager.printer;
      if (!p) return { state: 'disconnected', paperNearEnd: false, drawerOpen: null, detail: why, at: opts.clock.now() };
      return p.status();
    },
    async printJob(bytes) {
      const p = manager.printer;
      if (!p) return noPrinter();
      const out = await p.printJob(bytes);
      // PrinterPort types the result loosely; the escpos driver returns a PrintJobOutcome.
      if (!isOutcome(out)) return { ok: false, state: 'error', detail: 'the printer driver gave no outcome', sent: true };
      return out;
    },
    async openDrawer(pin) {
      const p = manager.printer;
      if (!p) throw new Error(why);
      await p.openDrawer(pin);
    },
    health: () => {
      const h = manager.printer?.health();
      return { connected: h?.connected ?? false, transport: 'device-manager', statusMode: opts.config.devices.printer.statusMode, lastStatus: null, lastError: h?.lastError ?? null, reconnects: 0, jobsPrinted: 0, jobsFailed: 0, garbageBytes: 0 };
    },
    onStatus: () => () => undefined,
    close: async () => undefined,
  };
  return {
    manager,
    labAdmin,
    printer,
    async close() {
      await labAdmin?.close();
      await manager.stop();
    },
  };
}
