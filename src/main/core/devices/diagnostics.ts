// The technician's device checks (pos-practice.md §6 "maintenance … printer test, code-page test,
// scanner echo, terminal status/G, logs export"). Results use the IPC's DiagnosticResult shape.
import type { PaymentTerminal } from '../../../../drivers/card-terminal/interface';
import type { ReceiptPrinter } from '../../../../drivers/escpos-printer/interface';
import type { Clock } from '../../../common/clock';
import type { DiagnosticAction, DiagnosticResult } from '../../../common/ipc/devices';
import type { TestPage } from '../../../common/receipt';
import type { ScanEvent } from '../../../common/scan/scan-event';
import type { DevicesConfig } from '../config/schema';
import type { DriverBindings } from './device-ports';

export type Diagnostics = {
  /** `page`: the whole test page (default), only the characters of the code page, or only QR and barcode. */
  testPrint(page?: TestPage): Promise<DiagnosticResult>;
  scannerEcho(timeoutMs: number): Promise<DiagnosticResult>;
  terminalStatus(): Promise<DiagnosticResult>;
  terminalTotals(): Promise<DiagnosticResult>;
  drawerPulse(): Promise<DiagnosticResult>;
};

type Deps = {
  printer: () => ReceiptPrinter | null;
  terminal: () => PaymentTerminal | null;
  config: DevicesConfig;
  bindings: Partial<DriverBindings>;
  stationId: string;
  clock: Clock;
  waitForScan: (timeoutMs: number) => Promise<ScanEvent | null>;
};

const euro = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

async function attempt(action: DiagnosticAction, fn: () => Promise<string[]>): Promise<DiagnosticResult> {
  try {
    return { action, ok: true, lines: await fn() };
  } catch (e) {
    const kind = (e as { kind?: unknown }).kind;
    return { action, ok: false, lines: [`${typeof kind === 'string' ? `${kind}: ` : ''}${(e as Error).message}`] };
  }
}

export function createDiagnostics(d: Deps): Diagnostics {
  const needPrinter = () => {
    const p = d.printer();
    if (!p) throw new Error(d.config.printer.enabled ? 'printer driver not available' : 'printer disabled in the configuration');
    return p;
  };
  const needTerminal = () => {
    const t = d.terminal();
    if (!t) throw new Error(d.config.terminal.enabled ? 'card terminal not available' : 'card terminal disabled in the configuration');
    return t;
  };
  return {
    testPrint: (page = 'full') =>
      attempt('printer-test', async () => {
        const p = needPrinter();
        if (!d.bindings.testPageBytes) throw new Error('test page layout not available');
        const bytes = d.bindings.testPageBytes({ issuedAt: new Date(d.clock.now()).toISOString(), terminalId: d.stationId, printerLabel: d.config.printer.codePage, page }, d.config.printer);
        const outcome = await p.printJob(bytes);
        // The printer driver reports a refused/partial job as { ok: false }: that is a failed test.
        if (!outcome.ok) throw new Error(`not printed: ${outcome.state} ${outcome.detail}`.trim());
        const s = await p.status();
        return [`page: ${page}`, `sent ${bytes.length} bytes`, `printer: ${s.state}${s.detail && s.detail !== s.state ? ` (${s.detail})` : ''}`];
      }),
    scannerEcho: (timeoutMs) =>
      attempt('scanner-echo', async () => {
        const e = await d.waitForScan(timeoutMs);
        if (!e) throw new Error(`no scan within ${Math.round(timeoutMs / 1000)} s`);
        const parsed = e.result.ok ? `pagoPA notice ${e.result.notice.noticeNumber}` : `not a pagoPA notice (${e.result.error.kind})`;
        return [`${e.source} (${e.transport}): ${JSON.stringify(e.raw)}`, parsed];
      }),
    terminalStatus: () =>
      attempt('terminal-status', async () => {
        const t = needTerminal();
        const s = await t.status();
        const h = t.health();
        const lines = [`state: ${s.state}`, `detail: ${s.detail}`, `last error: ${h.lastError ?? '—'}`];
        if (s.state !== 'ready') throw new Error(lines.join('; '));
        const last = await t.lastResult();
        lines.push(`last result: ${last ? `${last.kind}${last.kind === 'approved' ? ` ${euro(last.amountCents)} STAN ${last.stan}` : ''}` : 'none'}`);
        return lines;
      }),
    terminalTotals: () =>
      attempt('terminal-totals', async () => {
        const t = await needTerminal().totals();
        return [`transactions: ${t.count}`, `total: ${euro(t.totalCents)}`];
      }),
    drawerPulse: () =>
      attempt('drawer-open', async () => {
        if (!d.config.drawer.enabled) throw new Error('cash drawer disabled in the configuration');
        await needPrinter().openDrawer(d.config.drawer.pin);
        return [`pulse sent on pin ${d.config.drawer.pin}`];
      }),
  };
}
