// A virtual serial scanner for the device lab and demos: writes payloads into one end of a pty pair,
// the way a real scanner in serial/USB-CDC mode sends a read followed by its suffix.
import { SerialPort } from 'serialport';

export type VirtualSerialScannerOptions = {
  /** Appended to each payload (default "\r", the usual programmed suffix). */
  suffix?: string;
  prefix?: string;
  baudRate?: number;
};

export class VirtualSerialScanner {
  private port: SerialPort | null = null;
  private opening: Promise<SerialPort> | null = null;

  constructor(
    private readonly ptyPath: string,
    private readonly opts: VirtualSerialScannerOptions = {},
  ) {}

  /** Sends one read (payload + suffix) and waits until it is written to the pty. */
  async scan(payload: string): Promise<void> {
    await this.write(Buffer.from(`${this.opts.prefix ?? ''}${payload}${this.opts.suffix ?? '\r'}`, 'utf8'));
  }

  /** Raw bytes, e.g. a chunked or corrupted transmission. */
  async write(bytes: Buffer): Promise<void> {
    const port = await this.ensureOpen();
    await new Promise<void>((resolve, reject) => {
      port.write(bytes, (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
    });
  }

  async close(): Promise<void> {
    const port = this.port ?? (this.opening ? await this.opening.catch(() => null) : null);
    this.port = null;
    this.opening = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private ensureOpen(): Promise<SerialPort> {
    if (this.port?.isOpen) return Promise.resolve(this.port);
    this.opening ??= new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({ path: this.ptyPath, baudRate: this.opts.baudRate ?? 9600, autoOpen: false });
      port.open((err) => {
        this.opening = null;
        if (err) return reject(err);
        this.port = port;
        resolve(port);
      });
    });
    return this.opening;
  }
}
