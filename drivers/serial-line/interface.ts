// The serial-line plumbing the device drivers share (types only; hangup-aware-binding.ts and
// create-serial-stream.ts implement them).

export type SerialReadResult = { buffer: Buffer; bytesRead: number };
/** An open port as the serialport bindings expose it (structural: bindings-interface's own types do not resolve under bundler resolution, toolchain.md §3). */
export type SerialBindingPort = { readonly isOpen: boolean; read(buffer: Buffer, offset: number, length: number): Promise<SerialReadResult> };
/** A serialport binding (hangupAwareBinding, or a test wrapper around it). */
export type SerialBinding = { list(): Promise<unknown[]>; open(options: { path: string; baudRate: number }): Promise<SerialBindingPort> };

export type SerialStreamOptions = {
  path: string;
  baudRate: number;
  /** For tests: a binding wrapping hangupAwareBinding (e.g. to hold a read); default hangupAwareBinding. */
  binding?: SerialBinding;
};
