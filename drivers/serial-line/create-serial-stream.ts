// A serialport stream on the hang-up-aware binding: the one way drivers open a serial line, so a
// line that hangs up while idle ends in the stream's 'close' (disconnected) like any other unplug.
import { SerialPortStream } from '@serialport/stream';
import { hangupAwareBinding } from './hangup-aware-binding';
import type { SerialStreamOptions } from './interface';

export type { SerialStreamOptions } from './interface';

/** Not opened yet (autoOpen false): the caller opens it and wires 'data' and 'close' first. */
export function createSerialStream(opts: SerialStreamOptions): SerialPortStream {
  return new SerialPortStream({ binding: opts.binding ?? hangupAwareBinding, path: opts.path, baudRate: opts.baudRate, autoOpen: false });
}
