// queue/* and exceptions/*: the sync worker's outbox (pos-practice.md §7.1) and the exceptions inbox
// where a person resolves what the engine could not (issue #4 §3).
import type { HandlerImpl } from '../../common/ipc/contract';
import type { QueueSnapshot } from '../../common/ipc/queue';
import { IpcFailure } from '../../common/ipc/result';
import type { PaymentEngine } from '../core/payments/engine';
import { AWAITING_NODE } from '../core/payments/state-machine';
import { TECHNICIAN_SESSION } from '../core/sale/sale-service';
import type { SyncWorker } from '../core/payments/sync-worker';
import type { Payment, ResolutionAction } from '../core/payments/types';
import { actor, requireSupervisor, type AppContext } from './app-context';
import { exceptionActions, toExceptionView, toQueueEntry } from './payment-view';

type QueueHandlers = Pick<HandlerImpl, 'queue/snapshot' | 'queue/syncNow' | 'queue/resetAttempts' | 'exceptions/list' | 'exceptions/resolve'>;

/** Outcomes the node has not acknowledged after 5 attempts (pagopa-psp.md §3.11): the queue's 'failed'. */
export function undelivered(engine: PaymentEngine): Payment[] {
  return engine.exceptions().filter((p) => p.exceptionKind === 'outcome-undelivered');
}

/** What waits for the node: offline payments and outcomes to (re)send. */
export function queuedPayments(engine: PaymentEngine): Payment[] {
  return engine.queueSnapshot().pending.filter((p) => AWAITING_NODE.includes(p.state));
}

export function queueSnapshot(engine: PaymentEngine, worker: SyncWorker): QueueSnapshot {
  const pending = queuedPayments(engine);
  const failed = undelivered(engine);
  const entries = [...pending, ...failed].map(toQueueEntry);
  const oldest = pending.reduce<number | null>((m, p) => (m === null || p.createdAt < m ? p.createdAt : m), null);
  return { worker: worker.status().mode, pending: pending.length, failed: failed.length, oldestAt: oldest === null ? null : new Date(oldest).toISOString(), entries };
}

const RESOLUTIONS: readonly string[] = ['refund', 'accept-difference', 'mark-collected', 'mark-not-collected'] satisfies readonly ResolutionAction[];

export function createQueueHandlers(ctx: AppContext): QueueHandlers {
  const { engine, worker } = ctx;
  return {
    'queue/snapshot': () => queueSnapshot(engine, worker),
    'queue/syncNow': async () => {
      actor(ctx);
      // A forced pass ignores the retry schedule; if a background pass is running, the worker runs the
      // forced one right after it.
      const r = await worker.runOnce({ force: true });
      // The pass's own report: with the node down the technician is told so, not shown the same table again.
      return { ...queueSnapshot(engine, worker), run: { online: r.online, processed: r.processed, confirmed: r.confirmed, lastError: r.lastError } };
    },
    'queue/resetAttempts': (arg) => {
      const by = actor(ctx);
      const ids = arg?.entryId ? [arg.entryId] : [...undelivered(engine), ...queuedPayments(engine).filter((p) => p.outcome !== null && p.outcomeAttempts > 0)].map((p) => p.id);
      // Same idempotency key on every retry (pagopa-psp.md §3.11): only the attempt counter is reset.
      for (const id of ids) engine.resetOutcomeAttempts(id, by);
      worker.kick();
      return queueSnapshot(engine, worker);
    },
    'exceptions/list': (arg) => {
      const status = arg?.status ?? 'open';
      const open = status === 'resolved' ? [] : engine.exceptions();
      const resolved = status === 'open' ? [] : engine.list({ limit: 200 }).filter((p) => p.resolution !== null && p.state !== 'exception');
      return [...open, ...resolved].map(toExceptionView);
    },
    'exceptions/resolve': async ({ id, action, note, supervisorPin }) => {
      const p = engine.repo.require(id);
      if (!exceptionActions(p).includes(action)) throw new IpcFailure('conflict', `${action} does not apply to this exception`, 'action-not-allowed');
      if (action === 'retry') {
        engine.resetOutcomeAttempts(id, actor(ctx));
        worker.kick();
        return toExceptionView(engine.repo.require(id));
      }
      if (!RESOLUTIONS.includes(action)) throw new IpcFailure('invalid-argument', `unknown action ${action}`);
      // Money decisions (refund, accept a difference, declare a card charged or not) need a supervisor.
      let by: string;
      try {
        ctx.session.requireTechnician();
        by = TECHNICIAN_SESSION;
      } catch {
        by = await requireSupervisor(ctx, supervisorPin, undefined);
      }
      await ctx.sale.resolveException(by, id, action as ResolutionAction, note ?? action);
      return toExceptionView(engine.repo.require(id));
    },
  };
}
