// Builds the driver for one `devices.scanners[]` entry of the configuration (config/schema.ts). Keyboard
// wedge scanners have no driver here: the renderer's WedgeDetector (src/common/scan) handles them.
import type { Clock } from '../../src/common/clock';
import { HidScanner, type HidBackend } from './hid-scanner';
import { SerialScanner } from './serial-scanner';
import type { Logger } from '../../src/common/logger';
import type { Scanner, ScannerConfig } from './interface';
import { ScannerError } from './scanner';

export type { ScannerConfig } from './interface';

export type CreateScannerDeps = {
  clock?: Clock;
  logger?: Logger;
  hidBackend?: HidBackend;
  /** App end of the virtual lab's scanner pty: what transport 'virtual' reads from. */
  virtualSerialPath?: string;
  /** Reconnect backoff of the serial and HID drivers (their defaults otherwise). */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
};

/** Returns null for wedge scanners (renderer-side); throws ScannerError for transports a scanner cannot use. */
export function createScanner(cfg: ScannerConfig, deps: CreateScannerDeps = {}): Scanner | null {
  const t = cfg.transport;
  const common = { name: cfg.name, clock: deps.clock, logger: deps.logger, reconnectInitialMs: deps.reconnectInitialMs, reconnectMaxMs: deps.reconnectMaxMs };
  switch (t.type) {
    case 'serial':
      return new SerialScanner({ ...common, path: t.path, baudRate: t.baudRate, prefix: cfg.prefix, suffix: cfg.suffix });
    case 'hid':
      return new HidScanner({ ...common, vendorId: t.vendorId, productId: t.productId, path: t.path, backend: deps.hidBackend });
    case 'virtual':
      // The virtual lab's scanner is a serial scanner on a socat pty pair (src/main/virtual-lab/virtual-lab.ts).
      if (!deps.virtualSerialPath) throw new ScannerError('not-found', `scanner "${cfg.name}": transport "virtual" needs the virtual device lab's serial scanner, which is not running`);
      return new SerialScanner({ ...common, path: deps.virtualSerialPath, baudRate: 9600, prefix: cfg.prefix, suffix: cfg.suffix });
    case 'wedge':
      return null;
    default:
      throw new ScannerError('open-failed', `scanner "${cfg.name}": transport "${t.type}" is not supported for scanners (use serial, hid, wedge or virtual)`);
  }
}
