// Serial / USB-CDC barcode scanner (pos-practice.md §5): immune to keyboard layouts and focus. Reads are
// framed by the programmed suffix; on unplug (port closed or errored) it retries with exponential backoff.
import type { SerialPortStream } from '@serialport/stream';
import { createSerialStream } from '../serial-line';
import { makeScanEvent } from '../../src/common/scan/scan-event';
import { ReconnectingScanner, type ReconnectOptions } from './reconnecting-scanner';
import { ScanFramer } from './scan-framer';

export type SerialScannerOptions = ReconnectOptions & {
  path: string;
  baudRate?: number;
  prefix?: string;
  suffix?: string;
  /** For tests: a SerialPort-compatible constructor (e.g. SerialPortMock, or a stream on a wrapped binding). */
  portFactory?: (path: string, baudRate: number) => SerialPortStream;
};

export class SerialScanner extends ReconnectingScanner {
  private port: SerialPortStream | null = null;
  private framer: ScanFramer;

  constructor(private readonly opts: SerialScannerOptions) {
    // Reconnect backoff defaults: 250 ms, doubling up to 5 s.
    super(opts, 250);
    this.framer = this.newFramer();
  }

  protected async release(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private newFramer(): ScanFramer {
    return new ScanFramer({ prefix: this.opts.prefix ?? '', suffix: this.opts.suffix ?? '\r' });
  }

  protected attempt(): Promise<void> {
    this.setState('connecting', this.lastError);
    const baud = this.opts.baudRate ?? 9600;
    return new Promise<void>((resolve) => {
      // createSerialStream: an unplug while no read is pending must still end in onLost (serial-line/).
      const port: SerialPortStream = this.opts.portFactory ? this.opts.portFactory(this.opts.path, baud) : createSerialStream({ path: this.opts.path, baudRate: baud });
      this.port = port;
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      port.on('error', (err: Error) => this.onLost(port, err.message));
      port.on('close', (err?: { disconnected?: boolean; message?: string } | null) => this.onLost(port, err?.message ?? 'port closed'));
      port.open((err) => {
        if (this.stopped || this.port !== port) {
          if (!err) port.close();
          resolve();
          return;
        }
        if (err) {
          this.onLost(port, `cannot open ${this.opts.path}: ${err.message}`);
        } else {
          this.framer = this.newFramer();
          this.log.info('scanner connected', { name: this.name, path: this.opts.path });
          this.markConnected();
        }
        resolve();
      });
    });
  }

  private onData(chunk: Buffer): void {
    const now = this.clock.now();
    this.lastSeen = now;
    for (const f of this.framer.push(chunk)) {
      if (f.ok) this.emit('scan', makeScanEvent(f.text, 'serial', this.name, now));
      else this.log.warn('scanner read too long, dropped', { name: this.name, bytes: f.bytes });
    }
  }

  private onLost(port: SerialPortStream, reason: string): void {
    if (this.port !== port || this.stopped) return;
    this.port = null;
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => {});
    this.log.warn('scanner disconnected, will retry', { name: this.name, reason, retryInMs: this.nextRetryMs });
    this.retryLater(reason);
  }
}
