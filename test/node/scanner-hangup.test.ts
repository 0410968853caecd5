// A serial line that hangs up while no read is pending (pty master closed, USB-serial adapter pulled):
// serialport's own read spins on end-of-file forever (serialport/bindings-cpp#162), so the scanner stayed
// "connected" to a dead port and never reconnected. The hang-up-aware binding reports it as a disconnect.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortStream } from '@serialport/stream';
import { hangupAwareBinding, type SerialBinding } from '../../drivers/serial-line';
import type { ScannerStatus } from '../../drivers/scanner/scanner';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { VirtualSerialScanner } from '../../drivers/scanner/virtual-scanner';
import type { ScanEvent } from '../../src/common/scan/scan-event';
import { createPtyPair } from '../helpers/pty-pair';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function tempLinks(): { a: string; b: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-hup-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { a: path.join(dir, 'scanner'), b: path.join(dir, 'device') };
}

/** `inner`, with each port's first read held until release(): the hang-up lands while no read is pending. */
function holdFirstRead(inner: SerialBinding): { binding: SerialBinding; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const binding: SerialBinding = {
    list: () => inner.list(),
    async open(options) {
      const port = await inner.open(options);
      const read = port.read.bind(port);
      let first = true;
      port.read = async (buffer, offset, length) => {
        if (first) {
          first = false;
          await gate;
        }
        return read(buffer, offset, length);
      };
      return port;
    },
  };
  return { binding, release };
}

function next<T>(s: SerialScanner, event: 'scan' | 'status', pred: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const fn = (v: T) => {
      if (!pred(v)) return;
      s.off(event, fn);
      resolve(v);
    };
    s.on(event, fn);
  });
}

describe('hangupAwareBinding on a real pty', () => {
  it('reads data; a read begun after the line hung up rejects as a disconnect instead of spinning', async () => {
    const { a, b } = tempLinks();
    const pty = await createPtyPair({ a, b });
    cleanups.push(() => pty.close());
    const port = await hangupAwareBinding.open({ path: a, baudRate: 9600 });
    cleanups.push(async () => {
      if (port.isOpen) await (port as unknown as { close(): Promise<void> }).close();
    });
    const device = new VirtualSerialScanner(b);
    await device.scan('X');
    const buf = Buffer.alloc(64);
    const got = await port.read(buf, 0, 64);
    expect(buf.subarray(0, got.bytesRead).toString()).toBe('X\r');
    await device.close();

    await pty.close(); // socat gone: the pty master is closed and the line hangs up
    await expect(port.read(buf, 0, 64)).rejects.toMatchObject({ code: 'EIO', disconnect: true });
  });

  it('SerialScanner: unplugged while its first read is not yet pending -> disconnected -> replug -> reads', async () => {
    const { a, b } = tempLinks();
    const held = holdFirstRead(hangupAwareBinding);
    const pty1 = await createPtyPair({ a, b });
    cleanups.push(() => pty1.close());
    const scanner = new SerialScanner({
      name: 'hup',
      path: a,
      reconnectInitialMs: 30,
      reconnectMaxMs: 100,
      portFactory: (p, baudRate) => new SerialPortStream({ binding: held.binding, path: p, baudRate, autoOpen: false }),
    });
    cleanups.push(() => scanner.close());
    await scanner.open();
    expect(scanner.health().connected).toBe(true);

    const lost = next<ScannerStatus>(scanner, 'status', (s) => s.state === 'disconnected');
    await pty1.close();
    held.release();
    await lost;
    expect(scanner.health()).toMatchObject({ connected: false, lastError: expect.stringContaining('hung up') });

    const back = next<ScannerStatus>(scanner, 'status', (s) => s.state === 'connected');
    const pty2 = await createPtyPair({ a, b });
    cleanups.push(() => pty2.close());
    await back;
    const device = new VirtualSerialScanner(b);
    cleanups.push(() => device.close());
    const got = next<ScanEvent>(scanner, 'scan');
    await device.scan(QR);
    expect((await got).result.ok).toBe(true);
  });
});
