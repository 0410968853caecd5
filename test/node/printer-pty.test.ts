// The driver over a real pty pair (socat): serial transport and raw device-file transport
// (/dev/usb/lp0 style), against the virtual printer on the other end; unplug = kill socat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/escpos-printer/printer';
import { FileTransport } from '../../drivers/escpos-printer/file-transport';
import { SerialTransport } from '../../drivers/escpos-printer/serial-transport';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import { silentLogger } from '../../src/main/core/log/logger';
import { layoutReceipt } from '../../src/main/core/receipt/receipt-layout';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import { sampleProvisionalReceipt } from '../../src/main/core/receipt/sample-receipts';
import { createPtyPair, type PtyPair } from '../helpers/pty-pair';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function waitFor(cond: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function rig(kind: 'serial' | 'file'): Promise<{ pty: PtyPair; vp: VirtualPrinter; printer: EscPosPrinter }> {
  // Our own link directory, so a replug can recreate the links at the same paths after socat dies.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-printer-pty-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const pty = await createPtyPair({ a: path.join(dir, 'host'), b: path.join(dir, 'printer') });
  cleanups.push(() => pty.close());
  const vp = new VirtualPrinter({ widthDots: 384 });
  await vp.attachPty(pty.b);
  cleanups.push(() => vp.close());
  const transport = kind === 'serial' ? new SerialTransport(pty.a, 115200) : new FileTransport(pty.a);
  const printer = new EscPosPrinter(transport, silentLogger, { barrierTimeoutMs: 2000, statusTimeoutMs: 1000, reconnectMinMs: 50, reconnectMaxMs: 200 });
  cleanups.push(() => printer.close());
  return { pty, vp, printer };
}

describe('receipt printer over a pty', () => {
  it('serial: prints a 58 mm provisional receipt with status before and barrier after', async () => {
    const { vp, printer } = await rig('serial');
    expect((await printer.status()).state).toBe('ready');
    const out = await printer.printJob(layoutReceipt(sampleProvisionalReceipt(), layoutFor(58)));
    expect(out).toEqual({ ok: true });
    const [job] = vp.jobs();
    expect(job?.cut).toBe(true);
    expect(job?.text).toContain('RICEVUTA PROVVISORIA');
    expect(job?.text).toContain('sarà registrato su');
    vp.setPaper('out');
    expect((await printer.status()).state).toBe('paper-out');
    expect(await printer.printJob(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a))).toMatchObject({ ok: false, state: 'paper-out', sent: false });
  });

  it('serial: unplug (socat killed) → disconnected; replug at the same path → reconnects and prints', async () => {
    const { pty, vp, printer } = await rig('serial');
    expect((await printer.status()).state).toBe('ready');
    await vp.disconnect();
    await pty.close();
    await waitFor(() => !printer.health().connected, 'the driver to notice the unplug');
    expect((await printer.status()).state).toBe('disconnected');
    const again = await createPtyPair({ a: pty.a, b: pty.b });
    cleanups.push(() => again.close());
    await vp.attachPty(again.b);
    await waitFor(() => printer.health().connected, 'the driver to reconnect');
    expect(await printer.printJob(Uint8Array.of(0x1b, 0x40, 0x4f, 0x4b, 0x0a, 0x1d, 0x56, 0x01))).toEqual({ ok: true });
    expect(vp.jobs().at(-1)?.text).toBe('OK');
  });

  it('raw device file (usblp style): opened read/write, status and job work', async () => {
    const { vp, printer } = await rig('file');
    vp.setCover(true);
    expect((await printer.status()).state).toBe('cover-open');
    vp.setCover(false);
    expect(await printer.printJob(Uint8Array.of(0x1b, 0x40, 0x1b, 0x74, 19, 0xd5, 0x0a))).toEqual({ ok: true });
    expect(vp.jobs()[0]?.text).toBe('€');
  });
});
