// Byte transports under the Protocollo 17 session. LAN is the primary link (the ECR is the TCP
// client, the terminal the server); RS232/USB serial is deprecated but still in the field
// (pos-practice.md §3.1).
import net from 'node:net';
import type { SerialPortStream } from '@serialport/stream';
import { createSerialStream, type SerialBinding } from '../../serial-line';
import { TerminalError } from '../errors';

export interface TerminalTransport {
  readonly description: string;
  /** Opens the link; rejects with TerminalError('disconnected') when the peer is unreachable. */
  open(): Promise<void>;
  isOpen(): boolean;
  write(bytes: Buffer): Promise<void>;
  /** One data and one close listener: the session owns the transport. */
  onData(cb: (chunk: Buffer) => void): void;
  onClose(cb: (reason: string) => void): void;
  close(): Promise<void>;
}

export class TcpTransport implements TerminalTransport {
  private socket: net.Socket | null = null;
  private dataCb: (chunk: Buffer) => void = () => {};
  private closeCb: (reason: string) => void = () => {};
  readonly description: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 5_000,
  ) {
    this.description = `tcp://${host}:${port}`;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => s.destroy(new Error('connect timeout')), this.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        this.socket = s;
        resolve();
      });
      s.on('data', (c) => this.dataCb(c));
      s.on('error', () => {}); // surfaced through 'close' (and the connect rejection below)
      s.once('close', () => {
        clearTimeout(timer);
        if (this.socket === s) {
          this.socket = null;
          this.closeCb('connection closed');
        } else reject(new TerminalError('disconnected', `cannot connect to ${this.description}`));
      });
      // Nexi terminals close the socket between transactions: a peer FIN means "reconnect next time".
      s.once('end', () => s.end());
    });
  }

  isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed && this.socket.writable;
  }

  write(bytes: Buffer): Promise<void> {
    const s = this.socket;
    if (!s || !this.isOpen()) return Promise.reject(new TerminalError('disconnected', `${this.description} is not connected`));
    return new Promise((resolve, reject) => s.write(bytes, (err) => (err ? reject(new TerminalError('disconnected', err.message)) : resolve())));
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeCb = cb;
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (!s) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.destroy();
    });
  }
}

/** On the hang-up-aware binding: a line that hangs up while idle (serialport/bindings-cpp#162) still ends in onClose. */
export class SerialTransport implements TerminalTransport {
  private port: SerialPortStream | null = null;
  private dataCb: (chunk: Buffer) => void = () => {};
  private closeCb: (reason: string) => void = () => {};
  readonly description: string;

  constructor(
    private readonly path: string,
    private readonly baudRate = 9600,
    /** For tests: a binding wrapping hangupAwareBinding; default hangupAwareBinding. */
    private readonly binding?: SerialBinding,
  ) {
    this.description = `serial://${path}@${baudRate}`;
  }

  open(): Promise<void> {
    if (this.port) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const p = createSerialStream({ path: this.path, baudRate: this.baudRate, ...(this.binding ? { binding: this.binding } : {}) });
      p.open((err) => {
        if (err) return reject(new TerminalError('disconnected', `cannot open ${this.description}: ${err.message}`));
        this.port = p;
        p.on('data', (c: Buffer) => this.dataCb(c));
        p.on('error', () => {});
        p.once('close', () => {
          if (this.port === p) {
            this.port = null;
            this.closeCb('serial port closed');
          }
        });
        resolve();
      });
    });
  }

  isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  write(bytes: Buffer): Promise<void> {
    const p = this.port;
    if (!p || !p.isOpen) return Promise.reject(new TerminalError('disconnected', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      p.write(bytes, (err) => {
        if (err) return reject(new TerminalError('disconnected', err.message));
        p.drain(() => resolve());
      });
    });
  }

  onData(cb: (chunk: Buffer) => void): void {
    this.dataCb = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeCb = cb;
  }

  close(): Promise<void> {
    const p = this.port;
    this.port = null;
    if (!p || !p.isOpen) return Promise.resolve();
    return new Promise((resolve) => p.close(() => resolve()));
  }
}
