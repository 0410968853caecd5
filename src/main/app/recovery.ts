// Startup recovery, run before any sale (pos-practice.md §6 "Crash recovery"):
// - print jobs left 'printing' by a crash → 'held' (a person decides; never an automatic reprint);
// - payments of a previous process still in a live session (findOrphans): activated → outcome KO with a
//   key committed first, activating → re-activate with the SAME key then KO (pagopa-psp.md §3.11),
//   card charge interrupted → exception (a person checks the terminal, §3.4), stale quotes → voided.
// Node calls are bounded by `timeoutMs`: whatever the node did not answer, the sync worker finishes
// (a notice held by an orphan cannot be sold meanwhile: the engine refuses it as duplicate-in-flight).
import type { Clock } from '../../common/clock';
import type { Logger } from '../core/log/logger';
import type { PaymentEngine } from '../core/payments/engine';
import type { PrintService } from '../core/printing/print-service';

export type RecoveryReport = {
  heldPrintJobs: number[];
  /** Orphans found, and what became of each (payment id → state after recovery, or 'deferred'). */
  payments: Record<string, string>;
};

export async function recoverBeforeSales(deps: { engine: PaymentEngine; print: PrintService; logger: Logger; clock: Clock; timeoutMs: number }): Promise<RecoveryReport> {
  const { engine, print, logger } = deps;
  const heldPrintJobs = print.recoverAfterRestart();
  const orphans = engine.orphans();
  const payments: Record<string, string> = Object.fromEntries(orphans.map((p) => [p.id, 'deferred']));
  if (orphans.length === 0) return { heldPrintJobs, payments };
  logger.warn('recovering payments left in flight by a previous run', { ids: orphans.map((p) => p.id) });
  const work = (async () => {
    for (const p of orphans) {
      try {
        const r = await engine.recoverOrphan(p.id);
        payments[p.id] = r.status === 'unreachable' ? 'deferred' : r.payment.state;
      } catch (err) {
        logger.error('recovery of a payment failed; the sync worker retries', { id: p.id, error: err instanceof Error ? err.message : String(err) });
      }
    }
  })();
  let timer: NodeJS.Timeout | null = null;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deps.timeoutMs);
  });
  await Promise.race([work, timeout]);
  if (timer) clearTimeout(timer);
  logger.info('startup recovery done', { heldPrintJobs, payments });
  return { heldPrintJobs, payments: { ...payments } };
}
