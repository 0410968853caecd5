// Builds the driver for one `devices.scanners[]` entry of the configuration (config/schema.ts). Keyboard
// wedge scanners have no driver here: the renderer's WedgeDetector (src/common/scan) handles them.
import type { Clock } from '../../src/common/clock';
import { HidScanner, type HidBackend } from './hid-scanner';
import { SerialScanner } from './serial-scanner';
import { ScannerError, type Scanner, type ScannerLogger } from './scanner';

/** Structural copy of the config's scanner entry (drivers may not import src/main). */
export type ScannerConfig = {
  name: string;
  prefix?: string;
  suffix?: string;
  transport:
    | { type: 'serial'; path: string; baudRate?: number }
    | { type: 'hid'; vendorId: number; productId: number; path?: string }
    | { type: 'wedge' }
    | { type: 'virtual' }
    | { type: 'tcp'; host: string; port: number }
    | { type: 'file'; path: string };
};

export type CreateScannerDeps = { clock?: Clock; logger?: ScannerLogger; hidBackend?: HidBackend };

/** Returns null for wedge scanners (renderer-side); throws ScannerError for transports a scanner cannot use. */
export function createScanner(cfg: ScannerConfig, deps: CreateScannerDeps = {}): Scanner | null {
  const t = cfg.transport;
  switch (t.type) {
    case 'serial':
      return new SerialScanner({ name: cfg.name, path: t.path, baudRate: t.baudRate, prefix: cfg.prefix, suffix: cfg.suffix, clock: deps.clock, logger: deps.logger });
    case 'hid':
      return new HidScanner({ name: cfg.name, vendorId: t.vendorId, productId: t.productId, path: t.path, backend: deps.hidBackend, clock: deps.clock, logger: deps.logger });
    case 'wedge':
      return null;
    default:
      // 'virtual' needs a pty pair from the virtual-device lab: it creates the pair, then a serial scanner on it.
      throw new ScannerError('open-failed', `scanner "${cfg.name}": transport "${t.type}" is not supported for scanners (use serial, hid or wedge)`);
  }
}
