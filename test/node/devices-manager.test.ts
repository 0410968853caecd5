// The device manager over the in-process virtual lab: the production drivers on real TCP sockets
// and a socat pty, health, reconnect after an unplug, and the technician's diagnostics.
import { afterEach, describe, expect, it } from 'vitest';
import { devicesConfigSchema } from '../../src/main/core/config/schema';
import { silentLogger } from '../../src/main/core/log/logger';
import { devicesConfigIssues, assertDevicesConfig } from '../../src/main/core/devices/config-validation';
import { startDeviceStack, type DeviceStack } from '../../src/main/app/devices/device-stack';
import type { DeviceHealthRow as DeviceHealth } from '../../src/main/core/devices/device-ports';
import { discoverDevices } from '../../src/main/core/devices/discovery';
import { DeviceError } from '../../src/main/core/devices/errors';
import { socatAvailable } from '../../src/main/virtual-lab/socat-pty';
import type { ScanEvent } from '../../src/common/scan/scan-event';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';
const hasSocat = socatAvailable();
let stack: DeviceStack | null = null;

afterEach(async () => {
  await stack?.close();
  stack = null;
});

const byRole = (h: DeviceHealth[], role: DeviceHealth['role']) => h.find((d) => d.role === role);

/** The app's device stack: 'virtual' transports start the lab, the manager's drivers connect to it. */
async function virtualStack(): Promise<{ dm: DeviceStack['manager']; lab: NonNullable<DeviceStack['lab']> }> {
  const config = devicesConfigSchema.parse({ scanners: [{ name: 'lab', transport: { type: 'virtual' } }] });
  stack = await startDeviceStack({ config, logger: silentLogger, healthIntervalMs: 60_000, terminalTimings: { ackTimeoutMs: 500, queryTimeoutMs: 2_000, recoveryDelaysMs: [20] } });
  return { dm: stack.manager, lab: stack.lab! };
}

describe('device configuration', () => {
  it('reports every invalid role/transport pairing with its path', () => {
    const c = devicesConfigSchema.parse({
      printer: { enabled: false },
      terminal: { transport: { type: 'wedge' } },
      scanners: [
        { name: 's', transport: { type: 'serial', path: '/dev/ttyUSB0' } },
        { name: 's', transport: { type: 'file', path: '/tmp/x' } },
      ],
    });
    const issues = devicesConfigIssues(c);
    expect(issues).toEqual([
      'devices.terminal.transport: "wedge" is not a terminal transport (use virtual, tcp, serial)',
      'devices.scanners[1].transport: "file" is not a scanner transport (use virtual, serial, hid, wedge)',
      'devices.scanners[1].name: "s" is used twice',
      'devices.drawer: the cash drawer is kicked through the printer, which is disabled',
    ]);
    expect(() => assertDevicesConfig(c)).toThrow(DeviceError);
    expect(devicesConfigIssues(devicesConfigSchema.parse({}))).toEqual([]);
  });

  it('refuses one serial port for two roles', () => {
    const c = devicesConfigSchema.parse({
      terminal: { transport: { type: 'serial', path: '/dev/ttyS0' } },
      scanners: [{ name: 'a', transport: { type: 'serial', path: '/dev/ttyS0' } }],
    });
    expect(devicesConfigIssues(c)).toEqual(['devices.scanners[0].transport.path: /dev/ttyS0 is already used by devices.terminal']);
  });
});

describe.skipIf(!hasSocat)('DeviceManager over the virtual lab', () => {
  it('connects every role to the lab and reports health', async () => {
    const { dm } = await virtualStack();
    const h = await dm.refresh();
    expect(byRole(h, 'terminal')).toMatchObject({ connected: true, ready: true, driver: 'protocollo17' });
    expect(byRole(h, 'printer')).toMatchObject({ connected: true, ready: true, paper: 'ok' });
    expect(byRole(h, 'drawer')).toMatchObject({ connected: true });
    expect(byRole(h, 'scanner')).toMatchObject({ name: 'lab', connected: true, ready: true });
    expect(byRole(h, 'terminal')?.transport).toMatch(/^virtual \(tcp:\/\/127\.0\.0\.1:\d+\)$/);
    const r = await dm.terminal!.pay(1250, 'DM-1');
    expect(r).toMatchObject({ kind: 'approved', amountCents: 1250 });
  });

  it('reports paper out and recovers, notifying health listeners', async () => {
    const { dm, lab } = await virtualStack();
    await dm.refresh();
    const seen: DeviceHealth[][] = [];
    dm.onHealthChange((h) => seen.push(h));
    if (!('device' in lab.printer)) throw new Error(lab.printer.unavailable);
    lab.printer.device.setPaper('out');
    expect(byRole(await dm.refresh(), 'printer')).toMatchObject({ ready: false, paper: 'out' });
    lab.printer.device.setPaper('ok');
    expect(byRole(await dm.refresh(), 'printer')).toMatchObject({ ready: true, paper: 'ok' });
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('paper out mid-job reaches the health listeners from the job itself, without a probe (issue #11 §6)', async () => {
    const { dm, lab } = await virtualStack();
    await dm.refresh();
    const seen: DeviceHealth[][] = [];
    dm.onHealthChange((h) => seen.push(h));
    if (!('device' in lab.printer)) throw new Error(lab.printer.unavailable);
    lab.printer.device.runOutOfPaperAfter(50);
    // The health probe runs every 60 s here: only the driver's own readings can tell the listeners.
    const job = Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from(`${'x'.repeat(40)}\n${'y'.repeat(40)}\n`, 'latin1'), Buffer.from([0x1d, 0x56, 0x00])]);
    const out = await dm.printer!.printJob(Uint8Array.from(job));
    expect(out).toMatchObject({ ok: false, state: 'paper-out', sent: true });
    expect(seen.some((h) => byRole(h, 'printer')?.paper === 'out')).toBe(true);
    expect(byRole(dm.health(), 'printer')).toMatchObject({ ready: false, paper: 'out' });
    lab.printer.device.setPaper('ok');
  });

  it('sees the terminal unplugged and reconnects when it comes back on the same port', async () => {
    const { dm, lab } = await virtualStack();
    await dm.refresh();
    await lab.terminal.device.close();
    const down = byRole(await dm.refresh(), 'terminal');
    expect(down).toMatchObject({ connected: false, ready: false });
    expect(down?.lastError).toBeTruthy();
    await lab.terminal.device.listenTcp(lab.terminal.port);
    expect(byRole(await dm.refresh(), 'terminal')).toMatchObject({ connected: true, ready: true });
  });

  it('runs the diagnostics: test print, drawer, terminal status and totals, scanner echo', async () => {
    const { dm, lab } = await virtualStack();
    if (!('device' in lab.printer) || !('device' in lab.scanner)) throw new Error('lab incomplete');

    const print = await dm.diagnostics.testPrint();
    expect(print.ok).toBe(true);
    const printed = lab.printer.device.printedText?.().join('\n') ?? '';
    expect(printed).toContain('€');
    expect(printed).toMatch(/[àèéìòù]/);

    expect((await dm.diagnostics.drawerPulse()).ok).toBe(true);

    await dm.terminal!.pay(1000, 'DIAG-1');
    const status = await dm.diagnostics.terminalStatus();
    expect(status.ok).toBe(true);
    expect(status.lines).toContain('state: ready');
    expect(status.lines.some((l) => /last result: approved € 10,00/.test(l))).toBe(true);
    expect((await dm.diagnostics.terminalTotals()).lines).toEqual(['transactions: 1', 'total: € 10,00']);

    const scans: ScanEvent[] = [];
    dm.onScan((e) => scans.push(e));
    const echo = dm.diagnostics.scannerEcho(5_000);
    await lab.scanner.device.scan(QR);
    const result = await echo;
    expect(result.ok).toBe(true);
    expect(result.lines[1]).toBe('pagoPA notice 300715700000000032');
    expect(scans[0]).toMatchObject({ source: 'lab', raw: QR });
  });

  it('scanner echo fails cleanly when nobody scans', async () => {
    const { dm } = await virtualStack();
    expect(await dm.diagnostics.scannerEcho(50)).toEqual({ action: 'scanner-echo', ok: false, lines: ['no scan within 0 s'] });
  });
});

describe('discovery', () => {
  it('lists serial ports and HID devices without throwing', async () => {
    const d = await discoverDevices();
    expect(Array.isArray(d.serial)).toBe(true);
    expect(Array.isArray(d.hid)).toBe(true);
    for (const p of d.serial) expect(p.path).toMatch(/^\/dev\//);
  });
});

describe.skipIf(!hasSocat)('test print with no paper', () => {
  it('fails the printer test instead of claiming success', async () => {
    const { dm, lab } = await virtualStack();
    if (!('device' in lab.printer)) throw new Error(lab.printer.unavailable);
    lab.printer.device.setPaper('out');
    const r = await dm.diagnostics.testPrint();
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toMatch(/not printed/);
  });
});
