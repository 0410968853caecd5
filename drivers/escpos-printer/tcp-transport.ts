// ESC/POS over TCP (raw port 9100).
import net from 'node:net';
import { PrinterError } from './errors';
import type { PrinterTransport } from './transport';

export class TcpTransport implements PrinterTransport {
  private sock: net.Socket | null = null;
  private dataCb: (c: Uint8Array) => void = () => undefined;
  private closeCb: (r: string) => void = () => undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 3000,
  ) {}

  get description(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const sock = net.createConnection({ host: this.host, port: this.port });
      const fail = (err: Error) => {
        sock.destroy();
        reject(new PrinterError('disconnected', `${this.description}: ${err.message}`, { cause: err }));
      };
      sock.setTimeout(this.connectTimeoutMs, () => fail(new Error('connect timeout')));
      sock.once('error', fail);
      sock.once('connect', () => {
        sock.setTimeout(0);
        sock.removeListener('error', fail);
        sock.setNoDelay(true);
        sock.setKeepAlive(true, 5000);
        sock.on('error', () => undefined); // 'close' follows and reports it
        sock.on('data', (d) => this.dataCb(d));
        sock.once('close', (hadError) => {
          if (this.sock === sock) {
            this.sock = null;
            this.closeCb(hadError ? 'socket error' : 'closed by the printer');
          }
        });
        this.sock = sock;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const sock = this.sock;
    if (!sock || sock.destroyed) return Promise.reject(new PrinterError('disconnected', `${this.description}: not connected`));
    return new Promise((resolve, reject) => {
      sock.write(bytes, (err) => (err ? reject(new PrinterError('io', `${this.description}: ${err.message}`, { cause: err })) : resolve()));
    });
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeCb = cb;
  }

  async close(): Promise<void> {
    const sock = this.sock;
    this.sock = null;
    if (sock && !sock.destroyed) await new Promise<void>((resolve) => sock.end(() => (sock.destroy(), resolve())));
  }
}
