// ReportInputs read from the payment engine's `payments` table (migration 0010, src/main/core/payments).
// Columns relied on: terminal_id, state, mode, method, fee_cents, amount_cents, collected_cents,
// collected_at (epoch ms), resolution (JSON: $.action, $.at epoch ms); the journal (migration 0030) for
// who cancelled a payment, and print_jobs.copy_of / created_at (migration 0050) for reprints.
import { OFFLINE_UNREGISTERED, OUTCOME_DUE, sqlList } from '../payments/state-machine';
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
const OFFLINE_PENDING = `mode = 'offline' AND state IN ${sqlList(OFFLINE_UNREGISTERED)}`;
/** Outcome (OK or KO) still to be acknowledged by the node (pagopa-psp.md §3.7: mandatory after every activate). */
const UNDELIVERED = `state IN ${sqlList(OUTCOME_DUE)}`;

/**
 * A cancel or void a person asked for: PaymentEngine.cancel journals it with the person's id and a reason
 * (payment.voided before activation, payment.cancelling / payment.cancel-requested after it, pagopa-psp.md
 * §3.11). Not counted: kiosk idle timeouts (no operator), abandoned quotes (reason 'abandoned'), node
 * faults (no reason), exception resolutions (they carry $.action; refunds are reported on their own).
 */
const PERSON_CANCEL = `j.type IN ('payment.voided', 'payment.cancelling', 'payment.cancel-requested') AND j.operator_id IS NOT NULL
  AND json_extract(j.data, '$.reason') IS NOT NULL AND json_extract(j.data, '$.reason') <> 'abandoned' AND json_extract(j.data, '$.action') IS NULL`;

export function paymentsReportSource(db: Db): ReportSource {
  const byMethod = db.prepare(
    `SELECT method, COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total, COALESCE(SUM(fee_cents), 0) AS fees
       FROM payments WHERE terminal_id = ? AND collected_at >= ? AND collected_at < ? AND ${COLLECTED} GROUP BY method`,
  );
  const refunds = db.prepare(
    `SELECT method, COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total FROM payments
      WHERE terminal_id = ? AND ${REFUNDED} AND json_extract(resolution, '$.at') >= ? AND json_extract(resolution, '$.at') < ? GROUP BY method`,
  );
  const offline = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(COALESCE(collected_cents, amount_cents + fee_cents)), 0) AS total FROM payments WHERE terminal_id = ? AND ${OFFLINE_PENDING}`);
  // Taken offline: collected in the window in offline mode, even if since registered, refunded or in exception.
  const offlineTaken = db.prepare(
    `SELECT COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total FROM payments
      WHERE terminal_id = ? AND mode = 'offline' AND collected_at >= ? AND collected_at < ? AND ${COLLECTED}`,
  );
  const counts = db.prepare(`SELECT COALESCE(SUM(state = 'exception'), 0) AS exceptions, COALESCE(SUM(${UNDELIVERED}), 0) AS undelivered FROM payments WHERE terminal_id = ?`);
  // Counted when the person acted, for payments that did end voided (a KO still being delivered is not yet).
  const voids = db.prepare(
    `SELECT COUNT(DISTINCT p.id) AS n FROM payments p JOIN journal j ON j.payment_id = p.id
      WHERE p.terminal_id = ? AND p.state = 'voided' AND ${PERSON_CANCEL} AND j.at >= ? AND j.at < ?`,
  );
  // journal.at and print_jobs.created_at are ISO-8601 UTC strings, which sort as the times they name.
  const reprints = db.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE copy_of IS NOT NULL AND created_at >= ? AND created_at < ?');
  // Issue #12 §4–§5: Stand-In and pagoPA's fees, and every collected notice with its own fee.
  const standin = db.prepare(
    `SELECT COUNT(*) AS n, COALESCE(SUM(collected_cents), 0) AS total FROM payments WHERE terminal_id = ? AND standin = 1 AND collected_at >= ? AND collected_at < ? AND ${COLLECTED}`,
  );
  const nodeFees = db.prepare(
    `SELECT COUNT(*) AS n, COALESCE(SUM(fee_cents), 0) AS fees FROM payments WHERE terminal_id = ? AND fee_source = 'node' AND collected_at >= ? AND collected_at < ? AND ${COLLECTED}`,
  );
  const notices = db.prepare(
    `SELECT id, notice_number, fiscal_code, method, amount_cents, fee_cents, fee_source, standin, cart_id FROM payments
      WHERE terminal_id = ? AND collected_at >= ? AND collected_at < ? AND ${COLLECTED} ORDER BY collected_at, seq`,
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
    const ot = offlineTaken.get(terminalId, fromMs, toMs) as { n: number; total: number };
    out.offlineTaken = { count: ot.n, totalCents: ot.total };
    const c = counts.get(terminalId) as { exceptions: number; undelivered: number };
    out.exceptionsOpen = c.exceptions;
    out.undeliveredOutcomes = c.undelivered;
    const fromIso = new Date(fromMs).toISOString();
    const toIso = new Date(toMs).toISOString();
    out.voidCount = (voids.get(terminalId, fromIso, toIso) as { n: number }).n;
    out.reprintCount = (reprints.get(fromIso, toIso) as { n: number }).n;
    const si = standin.get(terminalId, fromMs, toMs) as { n: number; total: number };
    out.standin = { count: si.n, totalCents: si.total };
    const nf = nodeFees.get(terminalId, fromMs, toMs) as { n: number; fees: number };
    out.nodeFees = { count: nf.n, feeCents: nf.fees };
    type NoticeRow = {
      id: string;
      notice_number: string;
      fiscal_code: string;
      method: string;
      amount_cents: number | null;
      fee_cents: number;
      fee_source: string | null;
      standin: number | null;
      cart_id: string | null;
    };
    out.notices = (notices.all(terminalId, fromMs, toMs) as NoticeRow[])
      .filter((r) => isMethod(r.method))
      .map((r) => ({
        paymentId: r.id,
        noticeNumber: r.notice_number,
        fiscalCode: r.fiscal_code,
        method: r.method as 'cash' | 'card',
        amountCents: r.amount_cents ?? 0,
        feeCents: r.fee_cents,
        feeSource: r.fee_source === 'node' ? 'node' : 'fixed',
        standin: r.standin === 1,
        cartId: r.cart_id ?? null,
      }));
    return out;
  };
}
