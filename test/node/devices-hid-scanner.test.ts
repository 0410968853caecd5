// HID-POS scanners in the device manager (issue #5 §1, pos-practice.md §5) through the production
// bindings (createScanner → HidScanner). No HID device can exist in this VM (toolchain.md §4: no
// uhid/hidraw), so node-hid is replaced by a fake backend; the real-device test runs only where one is.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHidPosReports } from '../../drivers/scanner/hid-pos-report';
import type { ScanEvent } from '../../src/common/scan/scan-event';
import { devicesConfigSchema } from '../../src/main/core/config/schema';
import { silentLogger } from '../../src/main/core/log/logger';
import { createDriverBindings } from '../../src/main/app/devices/driver-bindings';
import { startDeviceStack, type DeviceStack } from '../../src/main/app/devices/device-stack';
import type { DeviceManager } from '../../src/main/core/devices/device-manager';
import type { DeviceHealthRow as DeviceHealth } from '../../src/main/core/devices/device-ports';
import { socatAvailable } from '../../src/main/virtual-lab/socat-pty';
import { FakeHidBackend, type FakeHidDevice, HONEYWELL } from './hid-fakes';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';
let stack: DeviceStack | null = null;

afterEach(async () => {
  await stack?.close();
  stack = null;
});

/** Only scanners: no printer, drawer, terminal or camera (and so no virtual lab). */
async function hidManager(backend: FakeHidBackend | null, transport: Record<string, unknown> = { type: 'hid', ...HONEYWELL }): Promise<DeviceStack> {
  const config = devicesConfigSchema.parse({
    printer: { enabled: false },
    drawer: { enabled: false },
    terminal: { enabled: false },
    camera: { enabled: false },
    scanners: [
      { name: 'counter-hid', transport },
      { name: 'wedge', transport: { type: 'wedge' } },
    ],
  });
  const bindings = createDriverBindings({ ...(backend ? { hidBackend: backend } : {}), scannerReconnect: { initialMs: 5, maxMs: 20 } });
  stack = await startDeviceStack({ config, logger: silentLogger, bindings, healthIntervalMs: 60_000, backoff: { baseMs: 5, maxMs: 20 } });
  return stack;
}

const scanner = (h: DeviceHealth[]) => h.find((d) => d.name === 'counter-hid');

/** Re-probes until the scanner's health satisfies pred (the driver reconnects on its own timer). */
async function probeUntil(m: DeviceManager, pred: (h: DeviceHealth | undefined) => boolean): Promise<DeviceHealth | undefined> {
  for (let i = 0; i < 200; i++) {
    const h = scanner(await m.refresh());
    if (pred(h)) return h;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`scanner health never matched: ${JSON.stringify(scanner(m.health()))}`);
}

const plugged = (b: FakeHidBackend, path = '/dev/hidraw1') => {
  b.list = [
    { ...HONEYWELL, path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06 },
    { ...HONEYWELL, path, usagePage: 0x8c, usage: 0x02 },
  ];
};

describe('DeviceManager with a HID-POS scanner (fake HID backend)', () => {
  it('binds the HID-POS interface, reports it healthy and fans its reads out as scans', async () => {
    const backend = new FakeHidBackend();
    plugged(backend);
    const { manager: m } = await hidManager(backend);
    const h = scanner(await m.refresh());
    expect(h).toMatchObject({ role: 'scanner', driver: 'hid-pos', transport: 'hid:0c2e:0b8f', connected: true, ready: true, detail: 'listening', lastError: null });
    // The wedge scanner next to it is untouched.
    expect(m.health().find((d) => d.name === 'wedge')).toMatchObject({ driver: 'keyboard-wedge', ready: true });
    const dev = backend.opened[0] as FakeHidDevice;
    expect(dev.features).toEqual([[0xfe, 0x01]]);

    const seen: ScanEvent[] = [];
    m.onScan((e) => seen.push(e));
    const echo = m.diagnostics.scannerEcho(5_000);
    for (const r of encodeHidPosReports(QR)) dev.report(r);
    const result = await echo;
    expect(result.ok).toBe(true);
    expect(result.lines).toContain(`counter-hid (hid): ${JSON.stringify(QR)}`);
    expect(seen).toEqual([expect.objectContaining({ raw: QR, transport: 'hid', source: 'counter-hid', result: expect.objectContaining({ ok: true }) })]);
    expect(scanner(m.health())?.lastSeen).toBe(seen[0]!.at);
  });

  it('reports a scanner that is not plugged in, and brings it up when it is', async () => {
    const backend = new FakeHidBackend();
    const { manager: m } = await hidManager(backend);
    const down = scanner(await m.refresh());
    expect(down).toMatchObject({ driver: 'hid-pos', connected: false, ready: false });
    expect(down?.lastError).toMatch(/0c2e:0b8f: not connected/);
    plugged(backend);
    expect(await probeUntil(m, (h) => h?.connected === true)).toMatchObject({ ready: true, detail: 'listening' });
  });

  it('sees an unplug, reconnects to the new hidraw node, and scans flow again', async () => {
    const backend = new FakeHidBackend();
    plugged(backend);
    const { manager: m } = await hidManager(backend);
    await probeUntil(m, (h) => h?.connected === true);
    const first = backend.opened[0] as FakeHidDevice;
    backend.list = [];
    first.emit('error', new Error('could not read from HID device'));
    const down = await probeUntil(m, (h) => h?.connected === false);
    expect(down?.lastError).toMatch(/could not read from HID device|not connected/);
    expect(first.closed).toBe(true);

    plugged(backend, '/dev/hidraw7');
    await probeUntil(m, (h) => h?.connected === true);
    const again = backend.opened.at(-1) as FakeHidDevice;
    expect(again).not.toBe(first);
    const got = new Promise<ScanEvent>((resolve) => m.onScan(resolve));
    for (const r of encodeHidPosReports(QR)) again.report(r);
    expect((await got).raw).toBe(QR);
  });

  it('a keyboard-mode scanner is reported with the hint to switch it to HID POS mode', async () => {
    const backend = new FakeHidBackend();
    backend.list = [
      { ...HONEYWELL, path: '/dev/hidraw0', usagePage: 0x01 },
      { ...HONEYWELL, path: '/dev/hidraw5', usagePage: 0x0c },
    ];
    const { manager: m } = await hidManager(backend);
    expect(scanner(await m.refresh())?.lastError).toMatch(/HID POS mode/);
  });

  it.skipIf(!socatAvailable())("'virtual' is the lab's serial scanner, built by the same createScanner path", async () => {
    const { manager: m } = await hidManager(null, { type: 'virtual' });
    const h = await probeUntil(m, (x) => x?.connected === true);
    expect(h).toMatchObject({ driver: 'serial', ready: true });
    expect(h?.transport).toMatch(/^virtual \(serial:/);
    const lab = stack!.lab!;
    if (!('device' in lab.scanner)) throw new Error(lab.scanner.unavailable);
    const got = new Promise<ScanEvent>((resolve) => m.onScan(resolve));
    await lab.scanner.device.scan(QR);
    expect(await got).toMatchObject({ raw: QR, transport: 'serial', source: 'counter-hid' });
  });
});

const REAL = process.env.SPORTELLO_HID_SCANNER;
describe('DeviceManager with a real HID-POS scanner', () => {
  it.skipIf(!REAL)(
    'real HID device: cannot exist in this VM (no hidraw); set SPORTELLO_HID_SCANNER=vid:pid (hex) and scan a pagoPA QR within 20 s',
    async () => {
      const [vid = '0', pid = '0'] = (REAL ?? '').split(':');
      const { manager: m } = await hidManager(null, { type: 'hid', vendorId: parseInt(vid, 16), productId: parseInt(pid, 16) });
      expect(await probeUntil(m, (h) => h?.connected === true)).toMatchObject({ driver: 'hid-pos', ready: true });
      const e = await new Promise<ScanEvent>((resolve) => m.onScan(resolve));
      expect(e.transport).toBe('hid');
    },
    25_000,
  );
});
