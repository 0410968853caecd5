// The one background sync worker (issue #4 §3). Single writer per process; it probes the node itself
// (not OS network events), then in queue order and with bounded concurrency: recovers orphans of a
// crashed process, delivers due outcomes (SANP retry schedule), and drains offline payments.
import type { Logger } from '../log/logger';
import type { PaymentEngine } from './engine';
import type { StepResult } from './offline-sync';
import { OUTCOME_DUE } from './state-machine';
import type { Payment } from './types';

export type SyncMode = 'online' | 'offline' | 'draining';

export type SyncStatus = {
  readonly mode: SyncMode;
  readonly pending: number;
  readonly exceptions: number;
  readonly lastProbeAt: number | null;
  readonly lastError: string | null;
  readonly lastRunAt: number | null;
};

export type SyncRunReport = {
  readonly online: boolean;
  readonly processed: number;
  readonly confirmed: number;
  readonly voided: number;
  readonly newExceptions: number;
  readonly pending: number;
  readonly exceptions: number;
  readonly lastError: string | null;
};

export type SyncWorkerOptions = {
  engine: PaymentEngine;
  /** Parallel node calls while draining (SANP asks nothing; keep it small for the node and the disk). */
  concurrency?: number;
  /** How often to run when idle/online; while offline, config.node.probeIntervalMs. */
  intervalMs?: number;
  logger?: Logger;
  /** Side-effect-free connectivity probe; default: verifyPaymentNotice of a fixed notice (any answer = online). */
  probe?: () => Promise<boolean>;
};

export class SyncWorker {
  private mode: SyncMode = 'offline';
  private lastProbeAt: number | null = null;
  private lastError: string | null = null;
  private lastRunAt: number | null = null;
  private running: Promise<SyncRunReport> | null = null;
  /** A forced pass asked for while another pass ran: it starts as soon as that pass ends. */
  private queuedForced: { readonly report: Promise<SyncRunReport>; readonly start: () => void } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  private readonly concurrency: number;
  private readonly logger: Logger;

  constructor(private readonly opts: SyncWorkerOptions) {
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.logger = (opts.logger ?? opts.engine.logger).child('sync');
  }

  status(): SyncStatus {
    const snap = this.opts.engine.queueSnapshot();
    return { mode: this.mode, pending: snap.pendingCount, exceptions: snap.exceptionCount, lastProbeAt: this.lastProbeAt, lastError: this.lastError, lastRunAt: this.lastRunAt };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // A payment queued offline while the node is back (or a failed real-time outcome): drain it soon.
    this.unsubscribe = this.opts.engine.onChange((p) => {
      if (this.mode !== 'offline' && (p.state === 'offline-queued' || (p.state === 'collected' && p.outcomeAttempts > 0))) this.kick();
    });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A queued forced pass starts when the current one ends: wait for it too.
    while (this.running) await this.running.catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce()
        .catch((err: unknown) => {
          this.lastError = err instanceof Error ? err.message : String(err);
          this.logger.error('sync run failed', { error: this.lastError });
        })
        .finally(() => this.schedule(this.mode === 'offline' ? this.opts.engine.probeIntervalMs : (this.opts.intervalMs ?? 5_000)));
    }, ms);
    this.timer.unref?.();
  }

  /** Nudge after the engine queued something (e.g. an offline payment or a failed outcome). */
  kick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /**
   * One pass. `force` ignores the retry schedule (a technician's "sync now" / the CLI drain).
   * Single writer: passes never overlap. An unforced request while a pass runs joins it; a forced one
   * runs a forced pass right after it (the running pass may be skipping outcomes not yet due), and
   * forced requests made during the same pass share that one forced pass.
   */
  runOnce(opts: { force?: boolean } = {}): Promise<SyncRunReport> {
    const force = opts.force ?? false;
    if (!this.running) return this.launch(force);
    if (!force) return this.running;
    if (!this.queuedForced) {
      let start!: () => void;
      const report = new Promise<SyncRunReport>((resolve, reject) => {
        start = () => {
          this.launch(true).then(resolve, reject);
        };
      });
      this.queuedForced = { report, start };
    }
    return this.queuedForced.report;
  }

  private launch(force: boolean): Promise<SyncRunReport> {
    const run = this.pass(force).finally(() => {
      this.running = null;
      const next = this.queuedForced;
      this.queuedForced = null;
      // Started synchronously here, so no other pass can slip in between the two.
      next?.start();
    });
    this.running = run;
    return run;
  }

  private async probe(): Promise<boolean> {
    this.lastProbeAt = this.opts.engine.now();
    return this.opts.probe ? this.opts.probe() : this.opts.engine.probeNode();
  }

  private async pass(force: boolean): Promise<SyncRunReport> {
    const engine = this.opts.engine;
    const before = engine.queueSnapshot();
    const counts = { processed: 0, confirmed: 0, voided: 0, newExceptions: 0 };
    let online = true;
    const tally = (r: StepResult) => {
      counts.processed += 1;
      if (r.status === 'unreachable') {
        online = false;
        this.lastError = r.error ?? 'unreachable';
      }
      if (r.payment.state === 'confirmed') counts.confirmed += 1;
      if (r.payment.state === 'voided') counts.voided += 1;
      if (r.payment.state === 'exception') counts.newExceptions += 1;
    };
    const work = before.pendingCount > 0 || engine.orphans().length > 0;
    if (this.mode === 'offline' || !work) {
      online = await this.probe();
      if (!online) {
        this.mode = 'offline';
        this.lastError = 'node unreachable';
        return this.report(false, counts);
      }
    }
    this.mode = work ? 'draining' : 'online';
    // 1. Orphans of a dead writer first: they may hold a token that must get its KO.
    await this.pool(
      engine.orphans(),
      (p) => engine.recoverOrphan(p.id),
      tally,
      () => online,
    );
    // 2. Due outcomes (online payments whose real-time delivery failed, offline ones mid-way).
    await this.pool(
      engine.outcomesDue(force),
      async (p) => {
        const r = await engine.sendOutcome(p.id);
        const stillPending = OUTCOME_DUE.includes(r.state);
        return { status: stillPending ? 'waiting' : 'done', payment: r } satisfies StepResult;
      },
      tally,
      () => online,
    );
    // 3. Offline payments in queue order.
    await this.pool(
      engine.offlineQueue(),
      (p) => engine.syncOffline(p.id),
      tally,
      () => online,
    );
    this.mode = online ? 'online' : 'offline';
    if (online) this.lastError = null;
    return this.report(online, counts);
  }

  private report(online: boolean, counts: { processed: number; confirmed: number; voided: number; newExceptions: number }): SyncRunReport {
    const snap = this.opts.engine.queueSnapshot();
    this.lastRunAt = this.opts.engine.now();
    return { online, ...counts, pending: snap.pendingCount, exceptions: snap.exceptionCount, lastError: this.lastError };
  }

  /**
   * One payment's step, isolated: an unexpected error is logged and recorded on that payment, and the
   * queue goes on (one poisoned row must never block every other payment's outcome — pos-practice.md
   * §1.1, Odoo syncs "one by one … to avoid cancelling all sync when one order fails").
   */
  private async isolated(item: Payment, fn: (p: Payment) => Promise<StepResult>): Promise<StepResult> {
    try {
      return await fn(item);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.logger.error('sync step failed; moving on to the next payment', { paymentId: item.id, error });
      try {
        return { status: 'waiting', payment: this.opts.engine.noteSyncError(item.id, error), error };
      } catch {
        return { status: 'waiting', payment: this.opts.engine.repo.get(item.id) ?? item, error };
      }
    }
  }

  /** Runs `fn` over `items` in order, at most `concurrency` at a time; stops starting new ones when offline. */
  private async pool(items: readonly Payment[], fn: (p: Payment) => Promise<StepResult>, tally: (r: StepResult) => void, keepGoing: () => boolean): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < items.length && keepGoing()) {
        const item = items[next++] as Payment;
        tally(await this.isolated(item, fn));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, lane));
  }
}
