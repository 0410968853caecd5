// What the domain handler modules share: the running core services plus who is acting.
import type { Clock } from '../../common/clock';
import { IpcFailure } from '../../common/ipc/result';
import type { SportelloConfig } from '../core/config/schema';
import type { Logger } from '../core/log/logger';
import type { Db } from '../core/store/database';
import { journalDrawerOpen, type DrawerOpenRecord } from '../core/journal/drawer-journal';
import type { OperatorService } from '../core/operators/operator-service';
import type { PaymentEngine } from '../core/payments/engine';
import type { SyncWorker } from '../core/payments/sync-worker';
import type { PrintService } from '../core/printing/print-service';
import type { ShiftService } from '../core/shifts/shift-service';
import type { DeviceRuntime } from './device-runtime';
import type { EventHub } from './event-hub';
import type { KioskAvailability } from './status';
import type { NodeRuntime } from './node-runtime';
import type { SessionControl } from './session-handlers';

export type AppContext = {
  config: () => SportelloConfig;
  mode: 'counter' | 'kiosk';
  clock: Clock;
  log: Logger;
  /** The store, for audit entries the app itself decides (drawer openings: core/journal/drawer-journal.ts). */
  db: Db;
  engine: PaymentEngine;
  worker: SyncWorker;
  print: PrintService;
  devices: DeviceRuntime;
  node: NodeRuntime;
  events: EventHub;
  operators: OperatorService;
  shifts: ShiftService;
  session: SessionControl;
  /** Kiosk self-check from the current node observation and device health. */
  availability: () => KioskAvailability;
  refreshStatus: () => void;
};

/** The operator acting at a counter (unauthorized before login); kiosks act as themselves. */
export function actingOperator(ctx: AppContext): string | null {
  if (ctx.mode === 'kiosk') return null;
  const id = ctx.session.currentOperatorId();
  if (!id) throw new IpcFailure('unauthorized', 'log in first');
  return id;
}

/** Name recorded on print and queue actions: the operator, else the unlocked technician, else the kiosk. */
export function actor(ctx: AppContext): string {
  const id = ctx.session.currentOperatorId();
  if (id) return id;
  try {
    ctx.session.requireTechnician();
    return 'tech';
  } catch {
    if (ctx.mode === 'kiosk') return 'kiosk';
    throw new IpcFailure('unauthorized', 'log in first');
  }
}

/**
 * Supervisor authority for voids and refunds (pos-practice.md §6: corrections need a supervisor): the
 * logged-in supervisor, or a supervisor's PIN typed at the counter (one login attempt, lockout applies).
 */
export async function requireSupervisor(ctx: AppContext, pin: string | undefined, supervisorId: string | undefined): Promise<string> {
  const current = ctx.session.currentOperatorId();
  const op = current ? ctx.operators.get(current) : null;
  if (op && (op.role === 'supervisor' || op.role === 'technician')) return op.id;
  if (!pin) throw new IpcFailure('forbidden', 'a supervisor PIN is required', 'supervisor-required');
  let id = supervisorId;
  if (!id) {
    const sups = ctx.operators.list().filter((o) => o.active && o.role === 'supervisor');
    // Never try a PIN against several accounts: it would count failures on the wrong people.
    if (sups.length !== 1) throw new IpcFailure('invalid-argument', 'name the supervisor (supervisorId)', 'supervisor-id-required');
    id = sups[0]!.id;
  }
  const r = await ctx.operators.login(id, pin);
  if (!r.ok) throw new IpcFailure('forbidden', r.reason === 'locked' ? 'supervisor locked after wrong PINs' : 'wrong supervisor PIN', r.reason === 'locked' ? 'locked' : 'wrong-pin');
  if (r.operator.role !== 'supervisor' && r.operator.role !== 'technician') throw new IpcFailure('forbidden', 'a supervisor PIN is required', 'supervisor-required');
  return r.operator.id;
}

/**
 * Journals a drawer opening (pos-practice.md §1.8). The money is already committed when the drawer
 * opens, so a store failure here is logged loudly rather than failing the collection.
 */
export function journalDrawer(ctx: AppContext, r: Omit<DrawerOpenRecord, 'at'>): void {
  try {
    journalDrawerOpen(ctx.db, { ...r, at: new Date(ctx.clock.now()).toISOString() });
  } catch (err) {
    ctx.log.error('drawer opening not journaled', { reason: r.reason, paymentId: r.paymentId ?? null, error: err instanceof Error ? err.message : String(err) });
  }
}
