// A serial binding that can stop starting reads, so a test can hang up a line while the driver is idle
// with no read parked on the poller: the case serialport mishandles (serialport/bindings-cpp#162). With a
// read parked, even serialport's own binding reports the hang-up; only a read begun afterwards spins.
import { SerialPort } from 'serialport';
import { hangupAwareBinding, type SerialBinding } from '../../drivers/serial-line';

export type GatedBinding = {
  binding: SerialBinding;
  /**
   * Watches the bytes read from now on; once `done(bytes)` holds, the next read is not started until
   * release(). Resolves when that read is being held (the driver is idle, nothing parked on the fd).
   */
  holdAfter(done: (received: Buffer) => boolean): Promise<void>;
  /** Starts the held read (and lets every later read through). */
  release(): void;
};

/**
 * The binding the hang-up tests run on. SPORTELLO_HUP_PLAIN=1 swaps in serialport's own binding, to show
 * the tests fail without the fix (the driver stays "connected" while the read spins on end of file).
 */
export function bindingUnderTest(): SerialBinding {
  return process.env.SPORTELLO_HUP_PLAIN === '1' ? (SerialPort.binding as SerialBinding) : hangupAwareBinding;
}

export function gatedBinding(inner: SerialBinding): GatedBinding {
  let mode: 'pass' | 'watch' | 'hold' = 'pass';
  let done: (received: Buffer) => boolean = () => false;
  let received = Buffer.alloc(0);
  let onHeld: () => void = () => undefined;
  let open: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();

  const binding: SerialBinding = {
    list: () => inner.list(),
    async open(options) {
      const port = await inner.open(options);
      const read = port.read.bind(port);
      port.read = async (buffer, offset, length) => {
        if (mode === 'hold') {
          onHeld();
          await gate;
        }
        const result = await read(buffer, offset, length);
        if (mode === 'watch') {
          received = Buffer.concat([received, result.buffer.subarray(offset, offset + result.bytesRead)]);
          if (done(received)) mode = 'hold';
        }
        return result;
      };
      return port;
    },
  };

  return {
    binding,
    holdAfter(pred) {
      done = pred;
      received = Buffer.alloc(0);
      gate = new Promise<void>((r) => (open = r));
      const held = new Promise<void>((r) => (onHeld = r));
      mode = 'watch';
      return held;
    },
    release() {
      mode = 'pass';
      open();
    },
  };
}
