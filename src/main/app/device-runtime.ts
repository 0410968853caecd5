// The devices side of the composition root: the device stack from config.devices ('virtual' transports
// start the virtual lab in-process and the production drivers connect to it over real sockets/ptys),
// the lab's loopback admin API for demos and e2e tests, the printer as the PrintService needs it, and
// the receipt layout and preview ports the PrintService is given.
import { layoutOptionsFor, type LayoutOptions } from '../../../drivers/escpos-printer/layout-options';
import { escPosPreviewer } from '../../../drivers/escpos-printer/preview';
import type { ReceiptPreviewer, ReceiptPrinter } from '../../../drivers/escpos-printer/interface';
import type { Clock } from '../../common/clock';
import type { SportelloConfig } from '../core/config/schema';
import type { DeviceManager } from '../core/devices/device-manager';
import type { TerminalTimings } from '../core/devices/terminal-binding';
import type { Logger } from '../core/log/logger';
import { startLabAdmin, type LabAdmin } from '../virtual-lab/lab-admin';
import type { VirtualLab } from '../virtual-lab/virtual-lab';
import { startDeviceStack } from './devices/device-stack';
import { managedPrinter } from './devices/managed-printer';

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
  /** The virtual lab 'virtual' transports point at (null when no device is virtual). */
  readonly lab: VirtualLab | null;
  /** Loopback admin of the in-process virtual lab (null when no device is virtual). */
  readonly labAdmin: LabAdmin | null;
  /** The manager's printer for the PrintService (looked up per call: it may be rebuilt or absent). */
  readonly printer: ReceiptPrinter;
  /** Receipt geometry, printer profile (logo read once) and the ESC/POS encoder, for the PrintService. */
  readonly receiptLayout: LayoutOptions;
  /** Job bytes → PNG of the paper, for the PrintService's previews. */
  readonly receiptPreviewer: ReceiptPreviewer;
  close(): Promise<void>;
};

export async function startDeviceRuntime(opts: DeviceRuntimeOptions): Promise<DeviceRuntime> {
  const stack = await startDeviceStack({
    config: opts.config.devices,
    logger: opts.logger,
    clock: opts.clock,
    stationId: opts.config.terminal.id,
    ...(opts.healthIntervalMs !== undefined ? { healthIntervalMs: opts.healthIntervalMs } : {}),
    ...(opts.terminalTimings ? { terminalTimings: opts.terminalTimings } : {}),
    ...(opts.lab ? { lab: opts.lab } : {}),
  });
  const { manager, lab } = stack;
  let labAdmin: LabAdmin | null = null;
  try {
    if (lab) labAdmin = await startLabAdmin(lab, 0);
  } catch (err) {
    await stack.close();
    throw err;
  }
  const printer = managedPrinter(() => manager.printer, opts.config.devices.printer, opts.clock);
  return {
    manager,
    lab,
    labAdmin,
    printer,
    receiptLayout: layoutOptionsFor(opts.config.devices.printer, opts.logger.child('receipt')),
    receiptPreviewer: escPosPreviewer,
    async close() {
      await labAdmin?.close();
      await stack.close();
    },
  };
}
