// A serialport stream on the hang-up-aware binding: the one way drivers open a serial line, so a
// line that hangs up while idle ends in the stream's 'close' (disconnected) like any other unplug.
import { SerialPortStream } from '@serialport/stream';
import { hangupAwareBinding, type SerialBinding } from './hangup-aware-binding';

export type SerialStreamOptions = {
  path: string;
  baudRate: number;
  /** For tests: a binding wrapping hangupAwareBinding (e.g. to hold a read); default hangupAwareBinding. */
  binding?: SerialBinding;
};

/** Not opened yet (autoOpen false): the caller opens it and wires 'data' and 'close' first. */
export function createSerialStream(opts: SerialStreamOptions): SerialPortStream {
  return new SerialPortStream({ binding: opts.binding ?? hangupAwareBinding, path: opts.path, baudRate: opts.baudRate, autoOpen: false });
}
