// Engine rows → the IPC's UI-facing shapes (src/common/ipc/payment.ts, queue.ts). The engine's finer
// states fold onto the UI lifecycle: pending → collecting → paid | failed | cancelled, needs-attention
// (outcome unknown: pos-practice.md §7.3) and voided (refunded by a person).
import type { Payment as PaymentView, PaymentState as UiState } from '../../common/ipc/payment';
import type { PaymentException, QueueEntry } from '../../common/ipc/queue';
import type { RefusalCategory as UiRefusal } from '../../common/ipc/notice';
import { CALL_IN_FLIGHT, CANCELLABLE, isOfflineVoidable } from '../core/payments/state-machine';
import { ALLOWED_ACTIONS } from '../core/payments/exceptions';
import type { Payment, PaymentState, RefusalCategory } from '../core/payments/types';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A node fault code (pagopa-psp.md §3.10) as opposed to a transport or local reason. */
const isFaultCode = (s: string | null) => s !== null && /^(PPT|PAA)_/.test(s);

export function uiState(p: Payment): UiState {
  const map: Record<PaymentState, UiState> = {
    verified: 'pending',
    captured: 'pending',
    activating: 'pending',
    activated: 'pending',
    collecting: 'collecting',
    collected: 'paid',
    confirmed: 'paid',
    printed: 'paid',
    'offline-queued': 'paid',
    cancelling: 'cancelled',
    voided: isFaultCode(p.lastError) && p.paymentToken === null ? 'failed' : 'cancelled',
    exception: 'needs-attention',
    resolved: 'voided',
  };
  return map[p.state];
}

function outcomeState(p: Payment): PaymentView['outcome'] {
  if (p.state === 'exception' && (p.exceptionKind === 'outcome-rejected' || p.exceptionKind === 'already-paid')) return 'rejected';
  if (p.outcomeConfirmedAt !== null) return 'confirmed';
  if (p.outcome !== null || p.state === 'offline-queued') return 'queued';
  return 'none';
}

export function toPaymentView(p: Payment): PaymentView {
  const amount = p.amountCents ?? 0;
  const error =
    p.state === 'exception'
      ? { kind: p.exceptionKind ?? 'exception', message: p.exceptionDetail ?? p.lastError ?? '' }
      : p.lastError
        ? { kind: isFaultCode(p.lastError) ? 'node-fault' : 'node', message: p.lastError }
        : null;
  return {
    id: p.id,
    noticeNumber: p.noticeNumber,
    fiscalCode: p.fiscalCode,
    creditorName: p.companyName ?? '',
    description: p.description ?? '',
    amountCents: amount,
    feeCents: p.feeCents,
    totalCents: p.collectedCents ?? amount + p.feeCents,
    // Before a method is chosen the row has none; 'cash' is only a placeholder for the schema.
    method: p.method ?? 'cash',
    state: uiState(p),
    // payment/void succeeds only before money is taken or for an offline payment pagoPA has never seen.
    voidable: isOfflineVoidable(p) || CANCELLABLE.includes(p.state),
    outcome: outcomeState(p),
    offline: p.mode === 'offline',
    tenderedCents: p.tenderedCents,
    changeCents: p.changeCents,
    card: p.card && p.method === 'card' ? { maskedPan: p.card.maskedPan ?? null, authCode: p.card.authCode ?? null, circuit: p.card.circuit ?? null } : null,
    receiptNumber: p.receiptPrintedAt !== null ? p.id : null,
    operatorId: p.operatorId,
    createdAt: iso(p.createdAt) as string,
    updatedAt: iso(p.updatedAt) as string,
    error,
    // Issue #12 §4–§6.
    standin: p.standin === true,
    feeSource: p.feeSource === 'node' ? 'node' : 'fixed',
    payer: p.payer ? { type: p.payer.type, id: p.payer.id, fullName: p.payer.fullName, ...(p.payer.email ? { email: p.payer.email } : {}) } : null,
  };
}

/** Engine refusal category → the renderer's (src/common/ipc/notice.ts). */
export function uiRefusal(c: RefusalCategory): UiRefusal {
  switch (c) {
    case 'already-paid':
    case 'expired':
    case 'unknown-notice':
    case 'in-progress':
      return c;
    case 'revoked':
      return 'not-payable';
    case 'wrong-notice-data':
      return 'invalid-code';
    case 'token-expired':
      return 'expired';
    case 'offline-disabled':
      return 'node-unavailable';
    case 'offline-limit':
    case 'cash-ceiling':
      return 'limit-exceeded';
    case 'revenue-stamp':
    case 'payment-options':
      return 'not-payable';
    case 'duplicate-in-flight':
      return 'in-progress';
    default:
      return 'other';
  }
}

/** Outcomes waiting for the node, in the technician's queue view (pos-practice.md §7.1 outbox). */
export function toQueueEntry(p: Payment): QueueEntry {
  const failed = p.state === 'exception' && p.exceptionKind === 'outcome-undelivered';
  const inFlight = CALL_IN_FLIGHT.includes(p.state);
  return {
    id: p.id,
    paymentId: p.id,
    noticeNumber: p.noticeNumber,
    kind: p.state === 'offline-queued' ? 'offline-payment' : p.outcome === 'KO' ? 'outcome-ko' : p.outcome === 'OK' ? 'outcome-ok' : p.state,
    state: failed ? 'failed' : inFlight ? 'in-flight' : 'pending',
    attempts: p.outcomeAttempts,
    nextAttemptAt: iso(p.outcomeNextAt),
    lastError: p.lastError,
    createdAt: iso(p.createdAt) as string,
  };
}

/** 'retry' = reset the outcome attempt counter (pagopa-psp.md §3.11), the only safe action when undelivered. */
export function exceptionActions(p: Payment): string[] {
  if (p.state !== 'exception' || !p.exceptionKind) return [];
  return p.exceptionKind === 'outcome-undelivered' ? ['retry'] : [...ALLOWED_ACTIONS[p.exceptionKind]];
}

export function toExceptionView(p: Payment): PaymentException {
  return {
    id: p.id,
    paymentId: p.id,
    noticeNumber: p.noticeNumber,
    kind: p.exceptionKind ?? 'exception',
    message: p.exceptionDetail ?? p.lastError ?? '',
    status: p.state === 'exception' ? 'open' : 'resolved',
    actions: exceptionActions(p),
    resolution: p.resolution ? `${p.resolution.action}: ${p.resolution.reason}` : null,
    createdAt: iso(p.exceptionAt ?? p.createdAt) as string,
    resolvedAt: iso(p.resolution?.at ?? null),
    creditorName: p.companyName,
    fiscalCode: p.fiscalCode,
    description: p.description,
    collectedCents: p.collectedCents,
    method: p.method,
    collectedAt: iso(p.collectedAt),
    offline: p.mode === 'offline',
    localReference: p.id,
  };
}
