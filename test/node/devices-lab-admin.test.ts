// The virtual lab's admin API over real HTTP, driving the virtual printer that the production ESC/POS
// driver prints to over TCP: paper out part-way through the next job (pos-practice.md §4).
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/core/log/logger';
import type { ReceiptPrinter } from '../../drivers/escpos-printer/interface';
import { defaultDriverBindings } from '../../src/main/app/devices/driver-bindings';
import type { ResolvedPrinterConfig } from '../../src/main/core/devices/device-ports';
import { startLabAdmin, type LabAdmin } from '../../src/main/virtual-lab/lab-admin';
import { defaultVirtualDeviceBindings, startVirtualLab, type VirtualLab } from '../../src/main/virtual-lab/virtual-lab';

let lab: VirtualLab | null = null;
let admin: LabAdmin | null = null;
let printer: ReceiptPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  await admin?.close();
  await lab?.close();
  printer = admin = lab = null;
});

const LAST_LINE = 'la stampante è configurata bene.';

async function post(route: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${admin!.url}${route}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function printerLab() {
  // Printer only: no socat needed for this test.
  const { createPrinter, testPageBytes } = defaultDriverBindings;
  lab = await startVirtualLab({ bindings: { startVirtualPrinter: defaultVirtualDeviceBindings.startVirtualPrinter } });
  admin = await startLabAdmin(lab);
  // A job cut short never answers the GS r completion barrier: keep that wait short.
  const config = { ...lab.devicesConfig.printer, barrierTimeoutMs: 1_000 } as ResolvedPrinterConfig;
  printer = createPrinter(config, silentLogger);
  const page = testPageBytes({ issuedAt: '2026-03-01T09:00:00Z', terminalId: 'T01', printerLabel: 'cp858' }, config);
  if (!('device' in lab.printer)) throw new Error(lab.printer.unavailable);
  return { page, control: lab.printer.device };
}

describe('lab admin: POST /printer/paper-out-after', () => {
  it('the next job runs out of paper part-way; loading paper lets the following job print whole', async () => {
    const { page, control } = await printerLab();
    expect(await post(`/printer/paper-out-after?bytes=300`)).toEqual({ status: 200, body: { paperOutAfterBytes: 300 } });
    const cut = await printer!.printJob(page);
    expect(cut).toMatchObject({ ok: false, state: 'paper-out', sent: true });
    const partial = control.printedText!();
    expect(partial).toHaveLength(1);
    expect(partial[0]).toContain('PAGINA DI PROVA');
    expect(partial[0]).not.toContain(LAST_LINE);
    expect((await printer!.status()).state).toBe('paper-out');

    expect((await post('/printer/paper?state=ok')).status).toBe(200);
    expect(await printer!.printJob(page)).toEqual({ ok: true });
    expect(control.printedText!().at(-1)).toContain(LAST_LINE);
  });

  it('refuses a missing or malformed byte count, and says why when the lab has no printer', async () => {
    await printerLab();
    for (const q of ['', '?bytes=', '?bytes=-5', '?bytes=12abc', '?bytes=1.5']) {
      const r = await post(`/printer/paper-out-after${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/bytes/);
    }
    await admin!.close();
    await lab!.close();
    lab = await startVirtualLab({ bindings: {} });
    admin = await startLabAdmin(lab);
    expect(await post('/printer/paper-out-after?bytes=10')).toEqual({ status: 409, body: { error: expect.stringContaining('no virtual printer') } });
  });
});

describe('lab admin: GET /printer/text', () => {
  it('returns the text of every printed job, oldest first (what the e2e tests read a receipt from)', async () => {
    const { page } = await printerLab();
    const empty = await fetch(`${admin!.url}/printer/text`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ jobs: [] });
    expect(await printer!.printJob(page)).toEqual({ ok: true });
    const res = await fetch(`${admin!.url}/printer/text`);
    const body = (await res.json()) as { jobs: string[] };
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]).toContain('PAGINA DI PROVA');
    expect(body.jobs[0]).toContain(LAST_LINE);
  });
});
