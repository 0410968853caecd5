// The serialport binding of this platform, with one fix: a read that returns 0 bytes is a hang-up.
// bindings-cpp's unixRead retries a 0-byte read forever (serialport/bindings-cpp#162): when the line
// hangs up (pty master closed, USB-serial adapter pulled) while no read is parked on the poller, it
// spins on EOF and never reports the loss, so the driver stays "connected" to a dead port and never
// reconnects. With VMIN=1 on a non-blocking fd, "no data" is EAGAIN; 0 can only mean end of file.
import fs from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';

import type { SerialBinding, SerialBindingPort as Port, SerialReadResult as ReadResult } from './interface';

export type { SerialBinding } from './interface';
/** What bindings-cpp's Linux and Darwin ports expose (Windows ports have neither). */
type UnixPort = Port & { fd: number | null; poller: { once(event: 'readable', cb: (err: Error | null) => void): unknown } };

const fsRead = promisify(fs.read);

function isUnixPort(p: Port): p is UnixPort {
  return 'fd' in p && 'poller' in p;
}

/** The stream treats `canceled` errors as "closed on purpose", anything else as a disconnect. */
function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}

async function readUntilData(port: UnixPort, buffer: Buffer, offset: number, length: number): Promise<ReadResult> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw canceled();
    let bytesRead: number;
    try {
      ({ bytesRead } = await fsRead(port.fd, buffer, offset, length, null));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw err;
      if (!port.isOpen) throw canceled();
      await new Promise<void>((resolve, reject) => port.poller.once('readable', (e) => (e ? reject(e) : resolve())));
      continue;
    }
    if (bytesRead === 0) throw Object.assign(new Error('the serial line hung up (read returned end of file)'), { code: 'EIO', disconnect: true });
    return { buffer, bytesRead };
  }
}

/** The platform binding (serialport's autodetected one) whose ports report a hang-up as a disconnect. */
export const hangupAwareBinding: SerialBinding = {
  list: () => (SerialPort.binding as SerialBinding).list(),
  async open(options) {
    const port = await (SerialPort.binding as SerialBinding).open(options);
    if (isUnixPort(port)) port.read = (buffer, offset, length) => readUntilData(port, buffer, offset, length);
    return port;
  },
};
