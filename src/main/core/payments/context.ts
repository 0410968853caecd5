// Shared plumbing of the engine's parts (engine, outcome delivery, offline sync, exceptions). Internal to
// src/main/core/payments: the engine keeps it private, so nothing outside reaches around the rules.
import type { Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { PaymentNode } from './node-port';
import type { PaymentRepository } from './repository';
import type { PaymentStateMachine } from './state-machine';
import type { Payment } from './types';

export type EngineContext = {
  /** Reads, and card approvals; every state change goes through `machine`. */
  readonly repo: PaymentRepository;
  readonly machine: PaymentStateMachine;
  readonly node: PaymentNode;
  readonly config: SportelloConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Identifies this process: live sessions of another (dead: see the writer lock) process are orphans. */
  readonly bootId: string;
  readonly newKey: () => string;
  /** Outcome deliveries in flight in this process, so the engine and the sync worker never race. */
  readonly inFlight: Map<string, Promise<Payment>>;
};

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The patch that starts an outcome delivery under a fresh key committed with the decision (§3.11). */
export function outcomeDue(ctx: EngineContext, outcome: 'OK' | 'KO') {
  return { outcome, outcomeKey: ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: ctx.clock.now() } as const;
}
