// Fees, the offline acceptance policy and the outcome retry schedule: pure functions of configuration.
import type { SportelloConfig } from '../config/schema';
import type { ActivateOk, PaymentOption } from '../node/types';
import type { FeeSource, Fees, OfflineLimits, PaymentMethod, QuoteOption, RefusalCategory, TerminalMode } from './types';

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

// ── Issue #12 §4: fees from pagoPA (GEC) ──────────────────────────────────────────────────────────────

/**
 * Whether the fee a quote shows is the one that will be charged: with `fees.policy = 'node'` the fee is
 * known only after activation (suggestedUserFee, pagopa-extra.md §c), so the table's fee is provisional.
 */
export function feeIsFinal(config: SportelloConfig): boolean {
  return config.fees.policy === 'fixed';
}

/** The fee fields a payment carries once activated (stored on the row, sent in sendPaymentOutcomeV2 details). */
export type FeeDecision = { readonly feeCents: number; readonly feeSource: FeeSource; readonly paFeeCents: number | null; readonly idBundle: string | null; readonly idCiBundle: string | null };

/**
 * pagopa-extra.md §c "Terminal": charge your own fee or suggestedUserFee and put the charged amount in `fee`;
 * when the bundle was applied, copy suggestedPaFee → primaryCiIncurredFee, suggestedIdBundle → idBundle,
 * suggestedIdCiBundle → idCiBundle. With policy 'node' and a suggestion, the bundle applies; otherwise
 * (policy 'fixed', no bundle for this PSP, V1 activate) the table's fee, and no bundle is claimed.
 */
export function feeDecision(
  config: SportelloConfig,
  tableFeeCents: number,
  res: Pick<ActivateOk, 'suggestedUserFeeCents' | 'suggestedPaFeeCents' | 'suggestedIdBundle' | 'suggestedIdCiBundle'>,
): FeeDecision {
  if (config.fees.policy !== 'node' || res.suggestedUserFeeCents === undefined) return { feeCents: tableFeeCents, feeSource: 'fixed', paFeeCents: null, idBundle: null, idCiBundle: null };
  return {
    feeCents: res.suggestedUserFeeCents,
    feeSource: 'node',
    paFeeCents: res.suggestedPaFeeCents ?? null,
    idBundle: res.suggestedIdBundle ?? null,
    idCiBundle: res.suggestedIdCiBundle ?? null,
  };
}

// ── Issue #12 §7: limits and refusals ────────────────────────────────────────────────────────────────

export type PolicyRefusal = { readonly category: RefusalCategory; readonly detail: string };

/**
 * Cash ceiling per transaction (config.limits.cashMaxCents, default €1.000,00): `totalCents` is what the
 * citizen would hand over (amounts + fees; a cart's total). null = cash is allowed.
 */
export function cashCeilingRefusal(config: SportelloConfig, totalCents: number): PolicyRefusal | null {
  const max = config.limits.cashMaxCents;
  return totalCents > max ? { category: 'cash-ceiling', detail: `cash total ${totalCents} cents above the limit of ${max} cents` } : null;
}

/**
 * pagopa-extra.md §g. SANP: the verify's paymentList "al momento può contenere una sola
 * paymentOptionDescription" and "options: al momento è valorizzato con EQ"; a PSP activates exactly that
 * amount. Several options (instalments, each with its own notice code in the OdP model) or an option that
 * is not EQ (LS/GT/ANY: an amount the payer would choose) are outside what a PSP may collect through
 * verifyPaymentNotice: every option is shown, none is paid (never silently the first).
 */
export function paymentOptionsRefusal(options: readonly PaymentOption[] | undefined): PolicyRefusal | null {
  if (!options || options.length === 0) return null;
  if (options.length > 1) return { category: 'payment-options', detail: `${options.length} payment options` };
  const only = options[0] as PaymentOption;
  return only.options === 'EQ' ? null : { category: 'payment-options', detail: `payment option ${only.options}` };
}

/**
 * A transfer with richiestaMarcaDaBollo (activatePaymentNoticeV2Response, ctTransferPSPV2) asks the PSP to
 * issue a digital revenue stamp and attach it to the outcome (marcheDaBollo): this terminal does not issue
 * stamps, so such a notice is released (KO) before any money is taken.
 */
export function revenueStampRefusal(transfers: readonly { readonly richiestaMarcaDaBollo?: boolean }[]): PolicyRefusal | null {
  const n = transfers.filter((t) => t.richiestaMarcaDaBollo === true).length;
  return n > 0 ? { category: 'revenue-stamp', detail: `${n} transfer(s) with richiestaMarcaDaBollo` } : null;
}

/** The verify's options as a quote shows them (all of them, in the node's order). */
export function quoteOptions(options: readonly PaymentOption[] | undefined, fallbackAmountCents: number): QuoteOption[] {
  if (!options || options.length === 0) return [{ amountCents: fallbackAmountCents, options: 'EQ', dueDate: null, paymentNote: null }];
  return options.map((o) => ({ amountCents: o.amountCents, options: o.options, dueDate: o.dueDate ?? null, paymentNote: o.paymentNote ?? null }));
}
