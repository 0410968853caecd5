// The printer the composition root hands the PrintService: the manager's current driver, passed through
// unchanged (outcome, real health), or — when there is none — a job refused before any byte was sent
// and a health that says the printer is not available.
import { describe, expect, it } from 'vitest';
import type { PrinterHealth, ReceiptPrinter } from '../../drivers/escpos-printer/interface';
import { managedPrinter } from '../../src/main/app/devices/managed-printer';
import { devicesConfigSchema } from '../../src/main/core/config/schema';

const clock = { now: () => 1_000 };
const printerConfig = devicesConfigSchema.parse({}).printer;

function fakePrinter(): ReceiptPrinter & { jobs: Uint8Array[] } {
  const health: PrinterHealth = {
    connected: true,
    lastError: null,
    lastSeen: 900,
    transport: 'tcp://x:9100',
    statusMode: 'query',
    lastStatus: null,
    reconnects: 2,
    jobsPrinted: 5,
    jobsFailed: 1,
    garbageBytes: 0,
  };
  const jobs: Uint8Array[] = [];
  return {
    jobs,
    status: async () => ({ state: 'paper-near-end', paperNearEnd: true, drawerOpen: false, detail: 'paper near end', at: 900 }),
    printJob: async (bytes) => {
      jobs.push(bytes);
      return { ok: false, state: 'paper-out', detail: 'stopped mid-job', sent: true };
    },
    openDrawer: async () => undefined,
    health: () => health,
    onStatus: () => () => undefined,
    close: async () => undefined,
  };
}

describe('managedPrinter', () => {
  it('passes the current driver through: its outcome and its real health', async () => {
    const p = fakePrinter();
    const m = managedPrinter(() => p, printerConfig, clock);
    expect(await m.printJob(Uint8Array.of(1, 2))).toEqual({ ok: false, state: 'paper-out', detail: 'stopped mid-job', sent: true });
    expect(p.jobs).toHaveLength(1);
    expect(m.health()).toBe(p.health());
    expect((await m.status()).state).toBe('paper-near-end');
  });

  it('without a printer: refuses the job before sending anything and reports "not available"', async () => {
    const m = managedPrinter(() => null, printerConfig, clock);
    expect(await m.printJob(Uint8Array.of(1))).toEqual({ ok: false, state: 'disconnected', detail: 'printer not available', sent: false });
    expect(m.health()).toMatchObject({ connected: false, lastError: 'printer not available', lastSeen: null, transport: 'not available' });
    expect(await m.status()).toMatchObject({ state: 'disconnected', detail: 'printer not available', at: 1_000 });
    await expect(m.openDrawer(2)).rejects.toThrow('printer not available');
    const off = managedPrinter(() => null, { ...printerConfig, enabled: false }, clock);
    expect((await off.printJob(Uint8Array.of(1))).ok).toBe(false);
    expect(off.health().lastError).toBe('printer disabled in the configuration');
  });
});
