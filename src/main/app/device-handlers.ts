// devices/health (live: every device re-probed), devices/diagnostic (technician, pos-practice.md §6
// "maintenance"), node/check (a real verifyPaymentNotice of the test notice, with latency).
import type { HandlerImpl } from '../../common/ipc/contract';
import type { DiagnosticAction, DiagnosticResult } from '../../common/ipc/devices';
import { actor, journalDrawer, type AppContext } from './app-context';
import { toIpcHealth } from './device-health';

type DeviceHandlers = Pick<HandlerImpl, 'devices/health' | 'devices/diagnostic' | 'node/check'>;

/** As the button says: "scansiona entro 10 s". */
export const SCANNER_ECHO_MS = 10_000;

export function createDeviceHandlers(ctx: AppContext): DeviceHandlers {
  const { manager } = ctx.devices;
  const diag = manager.diagnostics;
  const run = async (action: DiagnosticAction): Promise<DiagnosticResult> => {
    switch (action) {
      // Three buttons, three pages (issue #11 §8): the whole test page, the characters only, QR and barcode only.
      case 'printer-test':
        return { ...(await diag.testPrint('full')), action };
      case 'printer-codepage':
        return { ...(await diag.testPrint('codepage')), action };
      case 'printer-qr':
        return { ...(await diag.testPrint('qr')), action };
      case 'printer-status': {
        const s = await ctx.devices.printer.status();
        return {
          action,
          ok: s.state === 'ready' || s.state === 'paper-near-end',
          lines: [`state: ${s.state}`, `detail: ${s.detail}`, `drawer: ${s.drawerOpen === null ? 'not reported' : s.drawerOpen ? 'open' : 'closed'}`],
        };
      }
      case 'drawer-open': {
        const r = await diag.drawerPulse();
        // The technician's drawer test opens a drawer full of cash: journal it like any opening.
        journalDrawer(ctx, { reason: 'diagnostic', operatorId: actor(ctx), pin: ctx.config().devices.drawer.pin, error: r.ok ? null : r.lines.join('; ') || 'drawer pulse failed' });
        return r;
      }
      case 'terminal-status':
        return diag.terminalStatus();
      case 'terminal-totals':
        return diag.terminalTotals();
      case 'scanner-echo':
        return diag.scannerEcho(SCANNER_ECHO_MS);
    }
  };
  return {
    'devices/health': async () => {
      const rows = await manager.refresh();
      ctx.refreshStatus();
      return toIpcHealth(rows, ctx.config(), ctx.clock.now());
    },
    'devices/diagnostic': async ({ action }) => {
      ctx.session.requireTechnician();
      const r = await run(action);
      await manager.refresh().catch(() => undefined);
      ctx.refreshStatus();
      return r;
    },
    'node/check': async () => {
      const r = await ctx.node.check();
      ctx.refreshStatus();
      return r;
    },
  };
}
