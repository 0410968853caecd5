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
import type { SaleActor, SaleService } from '../core/sale/sale-service';
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
  /** The sale use-cases: every rule that protects money (src/main/core/sale). */
  sale: SaleService;
  session: SessionControl;
  /** Kiosk self-check from the current node observation and device health. */
  availability: () => KioskAvailability;
  refreshStatus: () => void;
};

/** Name recorded on print and queue actions: the operator, else the unlocked technician, else the kiosk. */
export function actor(ctx: AppContext): string {
  const id = ctx.session.currentOperatorId();
  if (id) {
    // The core decides whether the operator may act (active, no seeded or reset PIN left to change).
    ctx.operators.requireRole(id, 'clerk');
    return id;
  }
  try {
    ctx.session.requireTechnician();
    return 'tech';
  } catch {
    if (ctx.mode === 'kiosk') return 'kiosk';
    throw new IpcFailure('unauthorized', 'log in first');
  }
}

/** Supervisor authority for corrections: the rule lives in the core (SaleService.requireSupervisor). */
export function requireSupervisor(ctx: AppContext, pin: string | undefined, supervisorId: string | undefined): Promise<string> {
  return ctx.sale.requireSupervisor(saleActor(ctx), pin, supervisorId);
}

/** Who acts for the core's sale rules: the logged-in operator at a counter, the kiosk itself otherwise. */
export function saleActor(ctx: AppContext): SaleActor {
  return { operatorId: ctx.mode === 'kiosk' ? null : ctx.session.currentOperatorId() };
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
