// Fees, the offline acceptance policy and the outcome retry schedule: pure functions of configuration.
import type { SportelloConfig } from '../config/schema';
import type { Fees, OfflineLimits, PaymentMethod, RefusalCategory, TerminalMode } from './types';

/** Fee (commissione) per method for the terminal's mode, shown before payment and sent in the outcome. */
export function feesFor(config: SportelloConfig, mode: TerminalMode): Fees {
  const f = config.fees[mode];
  return { cash: f.cash, card: f.card };
}

export function feeFor(config: SportelloConfig, mode: TerminalMode, method: PaymentMethod): number {
  return feesFor(config, mode)[method];
}

export type OfflineDecision = { ok: true; limits: OfflineLimits; methods: readonly PaymentMethod[] } | { ok: false; category: RefusalCategory; detail: string };

/**
 * Issue #4 §2: a counter may accept a payment while the node is unreachable within limits on the
 * amount, the total offline exposure and the queue age; kiosks are off by default (out of service).
 */
export function offlineDecision(
  config: SportelloConfig,
  mode: TerminalMode,
  exposure: { totalCents: number; oldestAt: number | null },
  now: number,
  amountCents: number | null,
  method?: PaymentMethod,
): OfflineDecision {
  const p = config.offline;
  if (mode === 'kiosk' ? !p.kioskEnabled : !p.counterEnabled) return { ok: false, category: 'offline-disabled', detail: `offline payments are disabled for ${mode}s` };
  const ageHours = exposure.oldestAt === null ? null : (now - exposure.oldestAt) / 3_600_000;
  const limits: OfflineLimits = {
    maxAmountCents: p.maxAmountCents,
    remainingTotalCents: Math.max(0, p.maxTotalCents - exposure.totalCents),
    oldestQueuedAgeHours: ageHours,
    maxQueueAgeHours: p.maxQueueAgeHours,
  };
  if (ageHours !== null && ageHours > p.maxQueueAgeHours)
    return { ok: false, category: 'offline-limit', detail: `the offline queue is older than ${p.maxQueueAgeHours} h: sync before accepting more` };
  if (amountCents !== null) {
    if (amountCents > p.maxAmountCents) return { ok: false, category: 'offline-limit', detail: `amount above the offline maximum of ${p.maxAmountCents} cents` };
    if (amountCents > limits.remainingTotalCents) return { ok: false, category: 'offline-limit', detail: `offline exposure would exceed ${p.maxTotalCents} cents` };
  }
  if (method && !p.methods.includes(method)) return { ok: false, category: 'offline-limit', detail: `${method} is not allowed offline` };
  return { ok: true, limits, methods: p.methods };
}

/** pagopa-psp.md §3.11: at most 5 attempts of sendPaymentOutcome, then a human task. */
export const MAX_OUTCOME_ATTEMPTS = 5;

/** pagopa-psp.md §3.11: wait before the next attempt = slot × (2^k − 1), k = attempts made so far (first = 1). */
export function retryWaitMs(attemptsMade: number, slotMs: number): number {
  return slotMs * (2 ** attemptsMade - 1);
}
