// ESC/POS over a serial port (RS-232 or USB-CDC) with serialport, on the hang-up-aware binding: a line
// that hangs up while idle (serialport/bindings-cpp#162) still closes the port, so the printer reconnects.
import type { SerialPortStream } from '@serialport/stream';
import { createSerialStream, type SerialBinding } from '../serial-line';
import { PrinterError } from './errors';
import type { PrinterTransport } from './transport';

export class SerialTransport implements PrinterTransport {
  private port: SerialPortStream | null = null;
  private dataCb: (c: Uint8Array) => void = () => undefined;
  private closeCb: (r: string) => void = () => undefined;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    /** For tests: a binding wrapping hangupAwareBinding; default hangupAwareBinding. */
    private readonly binding?: SerialBinding,
  ) {}

  get description(): string {
    return `serial:${this.path}@${this.baudRate}`;
  }

  async open(): Promise<void> {
    const port = createSerialStream({ path: this.path, baudRate: this.baudRate, ...(this.binding ? { binding: this.binding } : {}) });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new PrinterError('disconnected', `${this.description}: ${err.message}`, { cause: err })) : resolve())));
    port.on('data', (d: Buffer) => this.dataCb(d));
    port.on('error', () => undefined);
    port.once('close', (err: Error | null) => {
      if (this.port === port) {
        this.port = null;
        this.closeCb(err ? err.message : 'closed');
      }
    });
    this.port = port;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return Promise.reject(new PrinterError('disconnected', `${this.description}: not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(new PrinterError('io', `${this.description}: ${err.message}`, { cause: err }));
        port.drain((e) => (e ? reject(new PrinterError('io', `${this.description}: ${e.message}`, { cause: e })) : resolve()));
      });
    });
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeCb = cb;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
