// The 'virtual' transport of the default configuration: an in-process VirtualPrinter, no socket.
import { PrinterError } from './errors';
import type { PrinterTransport } from './transport';
import type { VirtualPrinter } from './virtual-printer';

export class MemoryTransport implements PrinterTransport {
  readonly description = 'virtual (in-process)';
  private link: { write(b: Uint8Array): void; close(): void } | null = null;
  private dataCb: (c: Uint8Array) => void = () => undefined;

  constructor(private readonly printer: VirtualPrinter) {}

  async open(): Promise<void> {
    this.link = this.printer.connectMemory((b) => this.dataCb(b));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.link) throw new PrinterError('disconnected', 'virtual printer not connected');
    this.link.write(bytes);
  }

  onData(cb: (chunk: Uint8Array) => void): void {
    this.dataCb = cb;
  }

  onClose(): void {
    // an in-process printer never goes away by itself
  }

  async close(): Promise<void> {
    this.link?.close();
    this.link = null;
  }
}
