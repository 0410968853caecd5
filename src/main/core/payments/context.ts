// Shared plumbing of the engine's parts (engine, outcome delivery, offline sync, exceptions).
import type { Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { PaymentNode } from './node-port';
import type { PaymentRepository } from './repository';
import type { Payment } from './types';

export type EngineContext = {
  readonly repo: PaymentRepository;
  readonly node: PaymentNode;
  readonly config: SportelloConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Identifies this process: live counter sessions of another (crashed) process are orphans. */
  readonly bootId: string;
  readonly newKey: () => string;
  readonly emit: (p: Payment) => void;
  /** Outcome deliveries in flight in this process, so the engine and the sync worker never race. */
  readonly inFlight: Map<string, Promise<Payment>>;
};

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
