// Serial scanner over a real pty pair (socat): reads, chunking, garbage, unplug and replug (issue #5 §1).
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPtyPair, type PtyPair } from '../helpers/pty-pair';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { VirtualSerialScanner } from '../../drivers/scanner/virtual-scanner';
import type { ScannerStatus } from '../../drivers/scanner/scanner';
import type { ScanEvent } from '../../src/common/scan/scan-event';
import { buildDataMatrixPayload } from '../../src/common/notice';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function waitFor<T>(emitter: SerialScanner, event: 'scan' | 'status', pred: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const fn = (v: T) => {
      if (pred(v)) {
        emitter.off(event as 'scan', fn as unknown as (e: ScanEvent) => void);
        resolve(v);
      }
    };
    emitter.on(event as 'scan', fn as unknown as (e: ScanEvent) => void);
  });
}

function collect(s: SerialScanner, n: number): Promise<ScanEvent[]> {
  const got: ScanEvent[] = [];
  return new Promise((resolve) => {
    const fn = (e: ScanEvent) => {
      got.push(e);
      if (got.length === n) {
        s.off('scan', fn);
        resolve(got);
      }
    };
    s.on('scan', fn);
  });
}

async function setup(opts: { suffix?: string; prefix?: string } = {}): Promise<{ pty: PtyPair; scanner: SerialScanner; device: VirtualSerialScanner }> {
  const pty = await createPtyPair();
  const scanner = new SerialScanner({ name: 'counter-scanner', path: pty.a, baudRate: 9600, reconnectInitialMs: 50, reconnectMaxMs: 200, ...opts });
  const device = new VirtualSerialScanner(pty.b, { suffix: opts.suffix ?? '\r', prefix: opts.prefix ?? '' });
  cleanups.push(
    () => pty.close(),
    () => scanner.close(),
    () => device.close(),
  );
  await scanner.open();
  expect(scanner.health().connected).toBe(true);
  return { pty, scanner, device };
}

describe('SerialScanner on a real pty', () => {
  it('a read written by the device arrives as a ScanEvent with the parsed notice', async () => {
    const { scanner, device } = await setup();
    const got = waitFor<ScanEvent>(scanner, 'scan');
    await device.scan(QR);
    const e = await got;
    expect(e).toMatchObject({ raw: QR, transport: 'serial', source: 'counter-scanner', result: { ok: true, notice: { noticeNumber: '300715700000000032', amountCents: 1250 } } });
    expect(scanner.health().lastSeen).toBe(e.at);
  });

  it('reassembles chunked writes, CRLF endings, a 256-char Data Matrix and strips the prefix', async () => {
    const { scanner, device } = await setup({ prefix: '\x02', suffix: '\r\n' });
    const dm = buildDataMatrixPayload({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1, postalAccount: '16302093', debtorName: 'Mario Rossi', subject: 'TARI 2026' });
    const got = collect(scanner, 3);
    const bytes = Buffer.from(`\x02${QR}\r\n\x02${dm}\r\n\x02PAGOPA|002|000000000000000000|01199250158|0000015000\r\n`);
    for (let i = 0; i < bytes.length; i += 7) {
      await device.write(bytes.subarray(i, i + 7));
      if (i % 70 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    const events = await got;
    expect(events.map((e) => e.raw)).toEqual([QR, dm, 'PAGOPA|002|000000000000000000|01199250158|0000015000']);
    expect(events.every((e) => e.result.ok)).toBe(true);
    expect(events[1]?.result).toMatchObject({ ok: true, notice: { format: 'datamatrix', postalAccount: '000016302093' } });
  });

  it('garbage bytes become a ScanEvent carrying the codec error, and the next read still works', async () => {
    const { scanner, device } = await setup();
    const got = collect(scanner, 2);
    await device.write(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x42, 0x80, 0x0d]));
    await device.scan(QR);
    const [bad, good] = await got;
    expect(bad?.result).toEqual({ ok: false, error: { kind: 'unknown-format', message: expect.any(String) } });
    expect(good?.result.ok).toBe(true);
  });

  it('unplug (socat killed) -> disconnected with lastError; replug at the same path -> reconnects and reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-scan-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const a = path.join(dir, 'scanner');
    const b = path.join(dir, 'device');
    const pty1 = await createPtyPair({ a, b });
    cleanups.push(() => pty1.close());
    const scanner = new SerialScanner({ name: 's1', path: a, reconnectInitialMs: 30, reconnectMaxMs: 100 });
    cleanups.push(() => scanner.close());
    const statuses: ScannerStatus[] = [];
    scanner.on('status', (s) => statuses.push(s));
    await scanner.open();
    expect(scanner.health().connected).toBe(true);

    const lost = waitFor<ScannerStatus>(scanner, 'status', (s) => s.state === 'disconnected');
    await pty1.close();
    await lost;
    expect(scanner.health().connected).toBe(false);
    expect(scanner.health().lastError).toEqual(expect.any(String));

    const back = waitFor<ScannerStatus>(scanner, 'status', (s) => s.state === 'connected');
    const pty2 = await createPtyPair({ a, b });
    cleanups.push(() => pty2.close());
    await back;
    expect(scanner.health().connected).toBe(true);

    const device = new VirtualSerialScanner(b);
    cleanups.push(() => device.close());
    const got = waitFor<ScanEvent>(scanner, 'scan');
    await device.scan(QR);
    expect((await got).result.ok).toBe(true);
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['connected', 'disconnected', 'connecting']));
  });

  it('open() on a missing device keeps retrying and connects when it appears', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-scan-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const scanner = new SerialScanner({ name: 'late', path: path.join(dir, 'a'), reconnectInitialMs: 30, reconnectMaxMs: 60 });
    cleanups.push(() => scanner.close());
    await scanner.open();
    expect(scanner.health()).toMatchObject({ connected: false, lastError: expect.stringContaining('cannot open') });
    const back = waitFor<ScannerStatus>(scanner, 'status', (s) => s.state === 'connected');
    const pty = await createPtyPair({ a: path.join(dir, 'a'), b: path.join(dir, 'b') });
    cleanups.push(() => pty.close());
    await back;
    expect(scanner.health().connected).toBe(true);
  });

  it('close() stops retrying and reports closed', async () => {
    const { scanner } = await setup();
    await scanner.close();
    expect(scanner.health().connected).toBe(false);
  });
});
