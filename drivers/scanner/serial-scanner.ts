// Serial / USB-CDC barcode scanner (pos-practice.md §5): immune to keyboard layouts and focus. Reads are
// framed by the programmed suffix; on unplug (port closed or errored) it retries with exponential backoff.
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { makeScanEvent } from '../../src/common/scan/scan-event';
import { systemClock, type Clock } from '../../src/common/clock';
import { ScanFramer } from './scan-framer';
import { nullScannerLogger, type Scanner, type ScannerHealth, type ScannerLogger, type ScannerState, type ScannerStatus } from './scanner';

export type SerialScannerOptions = {
  name: string;
  path: string;
  baudRate?: number;
  prefix?: string;
  suffix?: string;
  /** Reconnect backoff: first wait and cap (defaults 250 ms and 5 s). */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  clock?: Clock;
  logger?: ScannerLogger;
  /** For tests: a SerialPort-compatible constructor (e.g. SerialPortMock). */
  portFactory?: (path: string, baudRate: number) => SerialPort;
};

export class SerialScanner extends EventEmitter implements Scanner {
  readonly name: string;
  private port: SerialPort | null = null;
  private framer: ScanFramer;
  private state: ScannerState = 'closed';
  private lastError: string | null = null;
  private lastSeen: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private stopped = true;
  private readonly clock: Clock;
  private readonly log: ScannerLogger;

  constructor(private readonly opts: SerialScannerOptions) {
    super();
    this.name = opts.name;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger ?? nullScannerLogger;
    this.framer = this.newFramer();
    this.retryDelay = opts.reconnectInitialMs ?? 250;
  }

  health(): ScannerHealth {
    return { connected: this.state === 'connected', lastError: this.lastError, lastSeen: this.lastSeen };
  }

  /** Resolves once the port is open, or after the first failed attempt (retries continue in the background). */
  async open(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.attempt();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState('closed', null);
  }

  private newFramer(): ScanFramer {
    return new ScanFramer({ prefix: this.opts.prefix ?? '', suffix: this.opts.suffix ?? '\r' });
  }

  private attempt(): Promise<void> {
    this.setState('connecting', this.lastError);
    const baud = this.opts.baudRate ?? 9600;
    return new Promise<void>((resolve) => {
      const port = this.opts.portFactory ? this.opts.portFactory(this.opts.path, baud) : new SerialPort({ path: this.opts.path, baudRate: baud, autoOpen: false });
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
          this.retryDelay = this.opts.reconnectInitialMs ?? 250;
          this.framer = this.newFramer();
          this.log.info('scanner connected', { name: this.name, path: this.opts.path });
          this.setState('connected', null);
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

  private onLost(port: SerialPort, reason: string): void {
    if (this.port !== port || this.stopped) return;
    this.port = null;
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => {});
    this.lastError = reason;
    this.log.warn('scanner disconnected, will retry', { name: this.name, reason, retryInMs: this.retryDelay });
    this.setState('disconnected', reason);
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.opts.reconnectMaxMs ?? 5000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.attempt();
    }, delay);
  }

  private setState(state: ScannerState, error: string | null): void {
    if (this.state === state && state !== 'disconnected') return;
    this.state = state;
    const s: ScannerStatus = { name: this.name, state, error, at: this.clock.now() };
    this.emit('status', s);
  }
}
