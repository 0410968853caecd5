// The receipt printer's serial line hangs up (socat killed, USB adapter pulled) while the driver is idle
// with no read pending: on serialport's own binding the next read spins on end of file and the printer
// stays "connected" forever (serialport/bindings-cpp#162). On the hang-up-aware binding (drivers/serial-line)
// it is a disconnect: PrinterError 'disconnected' → reconnect with backoff → prints again after a replug.
// SPORTELLO_HUP_PLAIN=1 runs it on the plain binding: it must then fail at "reports disconnected".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/escpos-printer/printer';
import { SerialTransport } from '../../drivers/escpos-printer/serial-transport';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import type { PrinterStatus } from '../../src/common/receipt';
import { silentLogger } from '../../src/main/core/log/logger';
import { bindingUnderTest, gatedBinding } from '../helpers/gated-serial-binding';
import { createPtyPair } from '../helpers/pty-pair';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('receipt printer: serial line hangs up while idle', () => {
  it('no read pending → disconnected (PrinterError path) → replug → reconnects, answers status and prints', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-printer-hup-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const links = { a: path.join(dir, 'host'), b: path.join(dir, 'printer') };
    const pty = await createPtyPair(links);
    cleanups.push(() => pty.close());
    const vp = new VirtualPrinter({ widthDots: 384 });
    cleanups.push(() => vp.close());
    await vp.attachPty(pty.b);
    const gated = gatedBinding(bindingUnderTest());
    cleanups.push(async () => gated.release());
    const printer = new EscPosPrinter(new SerialTransport(pty.a, 115200, gated.binding), silentLogger, {
      barrierTimeoutMs: 2000,
      statusTimeoutMs: 1000,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
    });
    cleanups.push(() => printer.close());
    const statuses: PrinterStatus[] = [];
    printer.onStatus((s) => statuses.push(s));

    expect((await printer.status()).state).toBe('ready');
    // DLE EOT 1, 2, 4 get one byte each: after the third the driver is idle and its next read is held.
    const idle = gated.holdAfter((bytes) => bytes.length >= 3);
    expect((await printer.status()).state).toBe('ready');
    await idle;

    await pty.close(); // the line hangs up while nothing is parked on the fd
    gated.release(); // the driver's next read starts on the dead line
    await waitFor(() => !printer.health().connected, 'the driver to report the hang-up');
    expect(printer.health().lastError).toContain('hung up');
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected' });
    expect(await printer.printJob(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a))).toMatchObject({ ok: false, state: 'disconnected', sent: false });

    await vp.disconnect();
    const again = await createPtyPair(links);
    cleanups.push(() => again.close());
    await vp.attachPty(again.b);
    await waitFor(() => printer.health().connected, 'the driver to reconnect');
    expect(printer.health().reconnects).toBeGreaterThan(0);
    expect((await printer.status()).state).toBe('ready');
    expect(await printer.printJob(Uint8Array.of(0x1b, 0x40, 0x4f, 0x4b, 0x0a, 0x1d, 0x56, 0x01))).toEqual({ ok: true });
    expect(vp.jobs().at(-1)).toMatchObject({ text: 'OK', cut: true });
  });
});
