// One byte pipe to a printer, whatever carries it: TCP 9100, a serial port, a raw device file
// (/dev/usb/lp0) or the in-process virtual printer. Bytes from the printer arrive through onData.
export interface PrinterTransport {
  readonly description: string;
  /** Opens the channel; rejects with PrinterError('disconnected') when the device is not there. */
  open(): Promise<void>;
  /** Resolves once the bytes are handed to the OS (or the peer), rejects if the channel is gone. */
  write(bytes: Uint8Array): Promise<void>;
  onData(cb: (chunk: Uint8Array) => void): void;
  /** Called once when an open channel closes by itself (cable pulled, socket reset, EIO). */
  onClose(cb: (reason: string) => void): void;
  close(): Promise<void>;
}
