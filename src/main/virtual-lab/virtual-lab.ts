// The virtual device lab: a virtual ESC/POS printer (TCP), a virtual Protocollo 17 terminal (TCP)
// and a virtual serial scanner on a socat pty pair. The production drivers connect to them over
// the real sockets/ptys (pos-practice.md §6 "fake hardware in CI"), so the app's code path is the
// one it uses with real devices. Demo and test tooling: the composition root starts it for 'virtual'
// transports (src/main/app/devices/device-stack.ts), `sportello virtual-devices` runs it standalone.
import { VirtualTerminal } from '../../../drivers/card-terminal/virtual-terminal';
import { VirtualPrinter } from '../../../drivers/escpos-printer/virtual-printer';
import { VirtualSerialScanner } from '../../../drivers/scanner/virtual-scanner';
import { devicesConfigSchema, type DevicesConfig } from '../core/config/schema';
import { silentLogger, type Logger } from '../core/log/logger';
import { createSocatPtyPair, type SocatPtyPair } from './socat-pty';

/** Lab-side controls of the virtual printer (paper, cover) as the lab admin and the CLI use them. */
export interface VirtualPrinterControl {
  setPaper(state: 'ok' | 'near-end' | 'out'): void;
  setCoverOpen(open: boolean): void;
  /** The paper ends after `bytes` more bytes of print data (a receipt cut short, pos-practice.md §4). */
  runOutOfPaperAfter(bytes: number): void;
  /** Plain-text rendering of what it printed, newest last (for the technician and tests). */
  printedText?(): string[];
}

export type VirtualPrinterHandle = { host: string; port: number; control: VirtualPrinterControl; close(): Promise<void> };
export type VirtualScannerHandle = { scan(payload: string): Promise<void>; close(): Promise<void> };

/** How the lab starts its printer and scanner (tests replace or omit them; a missing one = that device is unavailable). */
export type VirtualDeviceBindings = {
  startVirtualPrinter(logger: Logger): Promise<VirtualPrinterHandle>;
  /** Drives the device end of a pty pair like a serial scanner (payload + CR). */
  startVirtualScanner(devicePath: string, logger: Logger): Promise<VirtualScannerHandle>;
};

export const defaultVirtualDeviceBindings: VirtualDeviceBindings = {
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
  bindings?: Partial<VirtualDeviceBindings>;
  host?: string;
  /** Fixed ports for a technician's lab (0 = ephemeral). */
  printerPort?: number;
  terminalPort?: number;
  terminalId?: string;
};

/** The terminal id the lab's virtual card terminal reports (8 digits, as a bank assigns them). */
export const VIRTUAL_TERMINAL_ID = '30000017';

export async function startVirtualLab(opts: VirtualLabOptions = {}): Promise<VirtualLab> {
  const logger = (opts.logger ?? silentLogger).child('virtual-lab');
  const host = opts.host ?? '127.0.0.1';
  const bindings = opts.bindings ?? defaultVirtualDeviceBindings;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((e: unknown) => logger.warn('lab close failed', { error: String(e) }));
  };
  try {
    // An id like a real terminal's: all zeros is Protocollo 17's "any terminal" address, which receipts leave out.
    const terminalDevice = new VirtualTerminal({ terminalId: opts.terminalId ?? VIRTUAL_TERMINAL_ID, logger: logger.child('terminal') });
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
