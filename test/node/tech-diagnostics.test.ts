// The technician's diagnostics on the virtual lab (issue #11 §8): three printer buttons, three pages —
// different bytes on the wire and different paper; the drawer reported as one state.
import { afterEach, describe, expect, it } from 'vitest';
import { drawerStatus } from '../../src/main/app/device-health';
import { startDeviceStack, type DeviceStack } from '../../src/main/app/devices/device-stack';
import { devicesConfigSchema } from '../../src/main/core/config/schema';
import { silentLogger } from '../../src/main/core/log/logger';
import { layoutTestPage } from '../../src/main/core/receipt/receipt-layout';
import { layoutOptionsFor } from '../../drivers/escpos-printer/layout-options';

let stack: DeviceStack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

describe('printer test pages', () => {
  it('full, code page and QR pages are different bytes and different paper, each with what its button names', async () => {
    const config = devicesConfigSchema.parse({});
    // The bytes each button sends (the layout the diagnostics hand to the printer driver).
    const opts = layoutOptionsFor(config.printer);
    const data = { issuedAt: '2026-11-27T10:00:00.000Z', terminalId: 'T01' };
    const hex = (['full', 'codepage', 'qr'] as const).map((page) => Buffer.from(layoutTestPage({ ...data, page }, opts)).toString('hex'));
    expect(new Set(hex).size).toBe(3);
    expect(Buffer.from(layoutTestPage(data, opts)).toString('hex')).toBe(hex[0]); // no page = the whole test page
    // And what comes out of the virtual printer when the diagnostics print them.
    stack = await startDeviceStack({ config, logger: silentLogger, healthIntervalMs: 60_000 });
    const lab = stack.lab!;
    if (!('device' in lab.printer)) throw new Error(lab.printer.unavailable);
    for (const page of ['full', 'codepage', 'qr'] as const) {
      const r = await stack.manager.diagnostics.testPrint(page);
      expect(r).toMatchObject({ ok: true });
      expect(r.lines[0]).toBe(`page: ${page}`);
    }
    const [full, codepage, qr] = (lab.printer.device.printedText?.() ?? []).slice(-3) as [string, string, string];
    expect(new Set([full, codepage, qr]).size).toBe(3);
    expect(full).toContain('PAGINA DI PROVA');
    expect(full).toContain('QR (pagoPA)');
    expect(codepage).toContain('PROVA CARATTERI');
    expect(codepage).toMatch(/à è é ì ò ù/);
    expect(codepage).toContain('€');
    expect(codepage).not.toContain('QR (pagoPA)');
    expect(qr).toContain('PROVA QR E CODICE A BARRE');
    expect(qr).toContain('Code 128');
    expect(qr).not.toContain('Accenti');
  });
});

describe('drawer status', () => {
  it('one state from the sensor: open is a warning coded drawer-open, closed is ok; faults are kept', () => {
    const ok = { name: 'drawer', state: 'ok' as const, code: null, detail: 'open' };
    expect(drawerStatus(ok)).toEqual({ name: 'drawer', state: 'warning', code: 'drawer-open', detail: null });
    expect(drawerStatus({ ...ok, detail: 'closed' })).toEqual({ name: 'drawer', state: 'ok', code: 'drawer-closed', detail: null });
    expect(drawerStatus({ ...ok, detail: 'state not reported' })).toEqual({ ...ok, detail: 'state not reported' });
    const broken = { name: 'drawer', state: 'error' as const, code: 'disconnected', detail: 'connection refused' };
    expect(drawerStatus(broken)).toBe(broken);
  });
});
