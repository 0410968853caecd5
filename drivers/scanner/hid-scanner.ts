// HID-POS barcode scanner through node-hid (pos-practice.md §5): the whole read arrives in reports, with
// no keyboard layout and no focus problems. The device sits behind HidDeviceLike so it can be tested here,
// where no HID device can exist (toolchain.md §4: no uhid/hidraw in this VM).
import { makeScanEvent } from '../../src/common/scan/scan-event';
import { HidPosAssembler, HONEYWELL_HID_POS_LAYOUT, type HidPosLayout } from './hid-pos-report';
import { ReconnectingScanner, type ReconnectOptions } from './reconnecting-scanner';
import { ScannerError } from './scanner';

/** The part of node-hid's HID object the driver uses. */
export interface HidDeviceLike {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
  sendFeatureReport(data: number[] | Buffer): number;
}

export type HidDeviceInfo = { path?: string; vendorId: number; productId: number; usagePage?: number; usage?: number };

export type HidBackend = {
  devices(): HidDeviceInfo[];
  open(path: string): HidDeviceLike;
};

export type HidScannerOptions = ReconnectOptions & {
  vendorId: number;
  productId: number;
  /** Explicit hidraw path; otherwise the first interface on usage page 0x8C of vendorId:productId. */
  path?: string;
  layout?: HidPosLayout;
  backend?: HidBackend;
};

/** HID usage page "Bar Code Scanner" (HID POS Usage Tables 1.02). */
export const HID_POS_USAGE_PAGE = 0x8c;
const HONEYWELL_VID = 0x0c2e;

/** The real backend: node-hid, loaded lazily so a machine without libusb can still run everything else. */
export async function nodeHidBackend(): Promise<HidBackend> {
  const hid = await import('node-hid');
  return {
    devices: () => hid.devices(),
    open: (path) => new hid.HID(path) as unknown as HidDeviceLike,
  };
}

export class HidScanner extends ReconnectingScanner {
  private device: HidDeviceLike | null = null;
  private assembler: HidPosAssembler;

  constructor(private readonly opts: HidScannerOptions) {
    // Reconnect backoff defaults: 500 ms, doubling up to 5 s.
    super(opts, 500);
    this.assembler = new HidPosAssembler(opts.layout ?? HONEYWELL_HID_POS_LAYOUT);
  }

  /** The hidraw path of the scanner's HID-POS interface. */
  findPath(backend: HidBackend): string {
    if (this.opts.path) return this.opts.path;
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    const mine = backend.devices().filter((d) => d.vendorId === this.opts.vendorId && d.productId === this.opts.productId);
    const pos = mine.find((d) => d.usagePage === HID_POS_USAGE_PAGE) ?? (mine.length === 1 ? mine[0] : undefined);
    if (!pos?.path) {
      const why = mine.length === 0 ? 'not connected' : 'no HID-POS interface (set the scanner to HID POS mode)';
      throw new ScannerError('not-found', `HID scanner ${hex(this.opts.vendorId)}:${hex(this.opts.productId)}: ${why}`);
    }
    return pos.path;
  }

  protected async attempt(): Promise<void> {
    this.setState('connecting', this.lastError);
    try {
      const backend = this.opts.backend ?? (await nodeHidBackend());
      const dev = backend.open(this.findPath(backend));
      if (this.stopped) {
        dev.close();
        return;
      }
      // Honeywell scanners stay silent in HID-POS mode until feature report 0xFE enables the data reports.
      if (this.opts.vendorId === HONEYWELL_VID) dev.sendFeatureReport([0xfe, 0x01]);
      this.device = dev;
      this.assembler.reset();
      dev.on('data', (d) => this.onReport(d));
      dev.on('error', (e) => this.onLost(dev, e.message));
      this.markConnected();
      this.log.info('HID scanner connected', { name: this.name });
    } catch (e) {
      this.onLost(null, (e as Error).message);
    }
  }

  private onReport(report: Buffer): void {
    const now = this.clock.now();
    this.lastSeen = now;
    try {
      const read = this.assembler.push(report);
      if (read) this.emit('scan', makeScanEvent(read.text, 'hid', this.name, now));
    } catch (e) {
      if (!(e instanceof ScannerError)) throw e;
      this.lastError = e.message;
      this.log.warn('bad HID report', { name: this.name, error: e.message });
    }
  }

  protected release(): void {
    const dev = this.device;
    this.device = null;
    if (!dev) return;
    dev.removeAllListeners();
    try {
      dev.close();
    } catch {
      // Already gone (unplugged): nothing to release.
    }
  }

  private onLost(dev: HidDeviceLike | null, reason: string): void {
    if (this.stopped || (dev !== null && dev !== this.device)) return;
    this.release();
    this.retryLater(reason);
    this.log.warn('HID scanner unavailable, will retry', { name: this.name, reason });
  }
}
