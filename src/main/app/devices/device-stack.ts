// Composition of the devices: the DeviceManager with the concrete driver bindings, and — when a
// transport is 'virtual' — the virtual lab (src/main/virtual-lab) started first, so the manager gets
// real TCP/pty endpoints to point the production drivers at. Used by the app and `sportello devices`.
import type { DevicesConfig } from '../../core/config/schema';
import { assertDevicesConfig } from '../../core/devices/config-validation';
import { DeviceManager, type DeviceManagerOptions } from '../../core/devices/device-manager';
import type { DriverBindings, VirtualEndpoints } from '../../core/devices/device-ports';
import { startVirtualLab, type VirtualLab } from '../../virtual-lab/virtual-lab';
import { defaultDriverBindings } from './driver-bindings';

export type DeviceStackOptions = Omit<DeviceManagerOptions, 'bindings' | 'virtual'> & {
  /** Driver constructors (default: the production drivers). */
  bindings?: Partial<DriverBindings>;
  /** A lab already running (tests, the CLI): used for 'virtual' transports, and left running by close(). */
  lab?: VirtualLab;
};

export type DeviceStack = {
  readonly manager: DeviceManager;
  /** The lab 'virtual' transports point at (given, or started here); null when none is needed. */
  readonly lab: VirtualLab | null;
  /** Stops the manager, then the lab if it was started here. */
  close(): Promise<void>;
};

export function usesVirtualTransport(c: DevicesConfig): boolean {
  return [c.printer.enabled && c.printer.transport, c.terminal.enabled && c.terminal.transport, ...c.scanners.map((s) => s.transport)].some((t) => t && t.type === 'virtual');
}

/** The lab's devices as the endpoints the DeviceManager resolves 'virtual' transports to. */
export function virtualEndpoints(lab: VirtualLab): VirtualEndpoints {
  return {
    printer: 'host' in lab.printer ? { type: 'tcp', host: lab.printer.host, port: lab.printer.port } : { unavailable: lab.printer.unavailable },
    terminal: { host: lab.terminal.host, port: lab.terminal.port },
    scanner: 'path' in lab.scanner ? { path: lab.scanner.path } : { unavailable: lab.scanner.unavailable },
  };
}

/** Validates the configuration, starts the lab when needed, then the manager (every device probed from now on). */
export async function startDeviceStack(opts: DeviceStackOptions): Promise<DeviceStack> {
  const { lab: given, bindings, ...managerOpts } = opts;
  assertDevicesConfig(opts.config);
  const lab = given ?? (usesVirtualTransport(opts.config) ? await startVirtualLab({ logger: opts.logger }) : null);
  const ownsLab = lab !== null && lab !== given;
  const manager = new DeviceManager({ ...managerOpts, bindings: bindings ?? defaultDriverBindings, ...(lab ? { virtual: virtualEndpoints(lab) } : {}) });
  const close = async () => {
    await manager.stop();
    if (ownsLab) await lab.close();
  };
  try {
    await manager.start();
  } catch (err) {
    await close();
    throw err;
  }
  return { manager, lab, close };
}
