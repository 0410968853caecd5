// The virtual device lab: a virtual ESC/POS printer (TCP), a virtual Protocollo 17 terminal (TCP)
// and a virtual serial scanner on a socat pty pair. The production drivers connect to them over
// the real sockets/ptys (pos-practice.md §6 "fake hardware in CI"), so the app's code path is the
// one it uses with real devices.
import { VirtualTerminal } from '../../../../drivers/card-terminal/virtual-terminal';
import { devicesConfigSchema, type DevicesConfig } from '../config/schema';
import { silentLogger, type Logger } from '../log/logger';
import type { DriverBindings, VirtualPrinterControl, VirtualScannerHandle } from './device-ports';
import { defaultDriverBindings } from './driver-bindings';
import { createSocatPtyPair, type SocatPtyPair } from './socat-pty';

export type VirtualLab = {
  printer: { host: string; port: number; device: VirtualPrinterControl } | { unavailable: string };
  terminal: { host: string; port: number; device: VirtualTerminal };
  scanner: { path: string; device: VirtualScannerHandle } | { unavailable: string };
  /** Real-transport configuration pointing at the lab: plug it into the app as devices config. */
  devicesConfig: DevicesConfig;
  close(): Promise<void>;
};

export type VirtualLabOptions = {
  logger?: Logger;
  bindings?: Partial<DriverBindings>;
  host?: string;
  /** Fixed ports for a technician's lab (0 = ephemeral). */
  printerPort?: number;
  terminalPort?: number;
  terminalId?: string;
};

export async function startVirtualLab(opts: VirtualLabOptions = {}): Promise<VirtualLab> {
  const logger = (opts.logger ?? silentLogger).child('virtual-lab');
  const host = opts.host ?? '127.0.0.1';
  const bindings = opts.bindings ?? defaultDriverBindings;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((e: unknown) => logger.warn('lab close failed', { error: String(e) }));
  };
  try {
    const terminalDevice = new VirtualTerminal({ terminalId: opts.terminalId ?? '00000000', logger: logger.child('terminal') });
    const t = await terminalDevice.listenTcp(opts.terminalPort ?? 0, host);
    closers.push(() => terminalDevice.close());

    let printer: VirtualLab['printer'] = { unavailable: 'no virtual printer binding (drivers/escpos-printer)' };
    if (bindings.startVirtualPrinter) {
      const p = await bindings.startVirtualPrinter(logger.child('printer'));
      closers.push(() => p.close());
      printer = { host: p.host, port: p.port, device: p.control };
    }

    let scanner: VirtualLab['scanner'] = { unavailable: 'no virtual scanner binding (drivers/scanner)' };
    if (bindings.startVirtualScanner) {
      let pty: SocatPtyPair | null = null;
      try {
        pty = await createSocatPtyPair();
        const made = pty;
        closers.push(() => made.close());
        const device = await bindings.startVirtualScanner(pty.devicePath, logger.child('scanner'));
        closers.push(() => device.close());
        scanner = { path: pty.appPath, device };
      } catch (e) {
        scanner = { unavailable: `serial scanner unavailable: ${(e as Error).message}` };
      }
    }

    const devicesConfig = devicesConfigSchema.parse({
      printer: 'host' in printer ? { transport: { type: 'tcp', host: printer.host, port: printer.port } } : { enabled: false },
      drawer: { enabled: 'host' in printer },
      terminal: { transport: { type: 'tcp', host: t.host, port: t.port }, terminalId: terminalDevice.terminalId },
      scanners: 'path' in scanner ? [{ name: 'virtual-serial', transport: { type: 'serial', path: scanner.path, baudRate: 9600 } }] : [],
    });
    logger.info('virtual lab started', { terminal: t, printer: 'host' in printer ? { host: printer.host, port: printer.port } : printer, scanner: 'path' in scanner ? scanner.path : scanner });
    return { printer, terminal: { host: t.host, port: t.port, device: terminalDevice }, scanner, devicesConfig, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
