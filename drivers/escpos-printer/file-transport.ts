// ESC/POS through a raw device file: the USB printer class (/dev/usb/lp0) or any character device.
// Opened read/write and non-blocking; reads are polled because usblp has no poll-able stream in Node
// (a blocking read would pin a libuv thread and make close() hang).
import fs from 'node:fs';
import { PrinterError } from './errors';
import type { PrinterTransport } from './transport';

const POLL_MS = 15;

export class FileTransport implements PrinterTransport {
  private fd: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dataCb: (c: Uint8Array) => void = () => undefined;
  private closeCb: (r: string) => void = () => undefined;
  private readonly buf = Buffer.alloc(256);

  constructor(private readonly path: string) {}

  get description(): string {
    return `file:${this.path}`;
  }

  async open(): Promise<void> {
    try {
      this.fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    } catch (err) {
      throw new PrinterError('disconnected', `${this.description}: ${(err as Error).message}`, { cause: err });
    }
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  private poll(): void {
    const fd = this.fd;
    if (fd === null) return;
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, this.buf, 0, this.buf.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return;
        return this.lost(`read: ${code ?? (err as Error).message}`);
      }
      if (n <= 0) return;
      this.dataCb(Uint8Array.from(this.buf.subarray(0, n)));
    }
  }

  private lost(reason: string): void {
    this.stop();
    this.closeCb(reason);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already gone with the device
      }
    }
    this.fd = null;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      const fd = this.fd;
      if (fd === null) throw new PrinterError('disconnected', `${this.description}: not open`);
      try {
        off += fs.writeSync(fd, bytes, off, bytes.length - off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          await new Promise((r) => setTimeout(r, POLL_MS));
          continue;
        }
        this.lost(`write: ${code ?? (err as Error).message}`);
        throw new PrinterError('io', `${this.description}: ${(err as Error).message}`, { cause: err });
      }
    }
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeCb = cb;
  }

  async close(): Promise<void> {
    this.stop();
  }
}
