// HID-POS scanner behind its device interface (issue #5 §1). This VM has no uhid/hidraw
// (toolchain.md §4), so the device is a fake object; the real-device test runs only where one exists.
import { afterEach, describe, expect, it } from 'vitest';
import { HidScanner, nodeHidBackend } from '../../drivers/scanner/hid-scanner';
import { encodeHidPosReports } from '../../drivers/scanner/hid-pos-report';
import type { ScannerStatus } from '../../drivers/scanner/scanner';
import type { ScanEvent } from '../../src/common/scan/scan-event';
import { ManualClock } from '../../src/common/clock';
import { FakeHidBackend as FakeBackend, type FakeHidDevice, HONEYWELL } from './hid-fakes';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';

const scanners: HidScanner[] = [];
afterEach(async () => {
  while (scanners.length) await scanners.pop()?.close();
});

function make(backend: FakeBackend, clock = new ManualClock()) {
  const s = new HidScanner({ name: 'hid-1', ...HONEYWELL, backend, clock, reconnectInitialMs: 10, reconnectMaxMs: 20 });
  scanners.push(s);
  return s;
}

const next = <T>(s: HidScanner, ev: 'scan' | 'status', pred: (v: T) => boolean = () => true) =>
  new Promise<T>((resolve) => {
    const fn = (v: T) => {
      if (!pred(v)) return;
      s.off(ev as 'scan', fn as unknown as (e: ScanEvent) => void);
      resolve(v);
    };
    s.on(ev as 'scan', fn as unknown as (e: ScanEvent) => void);
  });

describe('HidScanner (fake device)', () => {
  it('picks the usage-page 0x8C interface, enables Honeywell HID-POS reports and emits ScanEvents', async () => {
    const backend = new FakeBackend();
    backend.list = [
      { ...HONEYWELL, path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06 },
      { ...HONEYWELL, path: '/dev/hidraw1', usagePage: 0x8c, usage: 0x02 },
    ];
    const clock = new ManualClock(1_700_000_000_000);
    const s = make(backend, clock);
    await s.open();
    expect(s.health().connected).toBe(true);
    const dev = backend.opened[0] as FakeHidDevice;
    expect(dev.features).toEqual([[0xfe, 0x01]]);

    const got = next<ScanEvent>(s, 'scan');
    for (const r of encodeHidPosReports(QR)) dev.report(r);
    expect(await got).toEqual({ raw: QR, transport: 'hid', source: 'hid-1', at: 1_700_000_000_000, result: { ok: true, notice: expect.objectContaining({ amountCents: 1250 }) } });
    expect(s.health().lastSeen).toBe(1_700_000_000_000);
  });

  it('a malformed report is logged in health and does not stop later reads', async () => {
    const backend = new FakeBackend();
    backend.list = [{ ...HONEYWELL, path: '/dev/hidraw1', usagePage: 0x8c }];
    const s = make(backend);
    await s.open();
    const dev = backend.opened[0] as FakeHidDevice;
    dev.report(new Uint8Array([2, 99, 0, 0]));
    expect(s.health().lastError).toMatch(/HID scanned-data report/);
    const got = next<ScanEvent>(s, 'scan');
    for (const r of encodeHidPosReports('garbage')) dev.report(r);
    expect((await got).result).toMatchObject({ ok: false, error: { kind: 'unknown-format' } });
  });

  it('not connected -> retries; device error (unplug) -> disconnected; back -> reconnects', async () => {
    const backend = new FakeBackend();
    const s = make(backend);
    await s.open();
    expect(s.health()).toMatchObject({ connected: false, lastError: expect.stringMatching(/0c2e:0b8f: not connected/) });

    const up = next<ScannerStatus>(s, 'status', (st) => st.state === 'connected');
    backend.list = [{ ...HONEYWELL, path: '/dev/hidraw3', usagePage: 0x8c }];
    await up;

    const down = next<ScannerStatus>(s, 'status', (st) => st.state === 'disconnected');
    backend.list = [];
    const first = backend.opened.at(-1) as FakeHidDevice;
    first.emit('error', new Error('could not read from HID device'));
    expect((await down).error).toMatch(/could not read/);
    expect(first.closed).toBe(true);

    const again = next<ScannerStatus>(s, 'status', (st) => st.state === 'connected');
    backend.list = [{ ...HONEYWELL, path: '/dev/hidraw4', usagePage: 0x8c }];
    await again;
    expect(s.health().connected).toBe(true);
  });

  it('a keyboard-only interface is refused with a hint to switch the scanner to HID POS mode', async () => {
    const backend = new FakeBackend();
    backend.list = [
      { ...HONEYWELL, path: '/dev/hidraw0', usagePage: 0x01 },
      { ...HONEYWELL, path: '/dev/hidraw5', usagePage: 0x0c },
    ];
    const s = make(backend);
    await s.open();
    expect(s.health().lastError).toMatch(/HID POS mode/);
  });
});

const REAL = process.env.SPORTELLO_HID_SCANNER;
describe('HidScanner (real device)', () => {
  it.skipIf(!REAL)(
    'real HID device: cannot be tested here, set SPORTELLO_HID_SCANNER=vid:pid (hex) and scan a pagoPA QR within 20 s',
    async () => {
      const [vid = '0', pid = '0'] = (REAL ?? '').split(':');
      const s = new HidScanner({ name: 'real-hid', vendorId: parseInt(vid, 16), productId: parseInt(pid, 16), backend: await nodeHidBackend() });
      scanners.push(s);
      await s.open();
      expect(s.health().connected).toBe(true);
      const e = await next<ScanEvent>(s, 'scan');
      expect(e.transport).toBe('hid');
    },
    25_000,
  );
});
