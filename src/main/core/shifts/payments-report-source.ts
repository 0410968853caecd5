// ReportInputs read from the payment engine's `payments` table (migration 0010, src/main/core/payments).
// Columns relied on: terminal_id, state, mode, method, fee_cents, amount_cents, collected_cents,
// collected_at (epoch ms), resolution (JSON: $.action, $.at epoch ms).
import type { Db } from '../store/database';
import { emptyInputs, type ReportInputs, type ReportSource } from './report-types';

/**
 * Money taken: collected in the window. Voided rows never kept money; a later refund is counted where it
 * happens (REFUNDED below), so an immutable Z of the collection shift stays right.
 */
const COLLECTED = `collected_at IS NOT NULL AND collected_cents IS NOT NULL AND method IS NOT NULL AND state <> 'voided'`;
/** An exception resolved by giving the money back (payments/exceptions.ts 'refund'). */
const REFUNDED = `state = 'resolved' AND json_extract(resolution, '$.action') = 'refund' AND collected_cents IS NOT NULL AND method IS NOT NULL`;
/** Offline payments not yet registered with pagoPA (pos-practice.md §1.8 "block closure until drained"). */
const OFFLINE_PENDING = `mode = 'offline' AND state IN ('offline-queued', 'activating', 'activated')`;
/** Outcome (OK or KO) still to be acknowledged by the node (pagopa-psp.md §3.7: mandatory after every activate). */
const UNDELIVERED = `state IN ('collected', 'cancelling')`;

export function paymentsReportSource(db: Db): ReportSource {
  const byMethod = db.prepare(
    `SELECT method, COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total, COALESCE(SUM(fee_cents), 0) AS fees
       FROM payments WHERE terminal_id = ? AND collected_at >= ? AND collected_at < ? AND ${COLLECTED} GROUP BY method`,
  );
  const refunds = db.prepare(
    `SELECT method, COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total FROM payments
      WHERE terminal_id = ? AND ${REFUNDED} AND json_extract(resolution, '$.at') >= ? AND json_extract(resolution, '$.at') < ? GROUP BY method`,
  );
  const offline = db.prepare(
    `SELECT COUNT(*) AS n, COALESCE(SUM(COALESCE(collected_cents, amount_cents + fee_cents)), 0) AS total FROM payments WHERE terminal_id = ? AND ${OFFLINE_PENDING}`,
  );
  const counts = db.prepare(
    `SELECT COALESCE(SUM(state = 'exception'), 0) AS exceptions, COALESCE(SUM(${UNDELIVERED}), 0) AS undelivered FROM payments WHERE terminal_id = ?`,
  );
  const isMethod = (m: string): m is 'cash' | 'card' => m === 'cash' || m === 'card';
  return ({ terminalId, fromMs, toMs }): ReportInputs => {
    const out = emptyInputs();
    for (const r of byMethod.all(terminalId, fromMs, toMs) as { method: string; n: number; total: number; fees: number }[]) {
      if (isMethod(r.method)) out.byMethod[r.method] = { count: r.n, totalCents: r.total, feeCents: r.fees };
    }
    for (const r of refunds.all(terminalId, fromMs, toMs) as { method: string; n: number; total: number }[]) {
      if (isMethod(r.method)) out.refunds[r.method] = { count: r.n, totalCents: r.total };
    }
    const o = offline.get(terminalId) as { n: number; total: number };
    out.offlinePending = { count: o.n, totalCents: o.total };
    const c = counts.get(terminalId) as { exceptions: number; undelivered: number };
    out.exceptionsOpen = c.exceptions;
    out.undeliveredOutcomes = c.undelivered;
    return out;
  };
}
