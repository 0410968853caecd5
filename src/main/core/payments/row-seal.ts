// Row-level tamper evidence (issue #10 §1). The hash-chained journal proves its own entries were not
// altered, but the reports read the `payments` rows: an SQL update of a row (its collected_cents, say) made
// outside the app left the chain intact and changed the X report. Every journaled write of a payment now
// records the seal of the row as it was committed — a digest of the fields money and reports depend on —
// and the checks compare each row with the seal of its last journal entry.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../journal/canonical-json';
import { appendJournal } from '../journal/journal';
import { writeTransaction, type Db } from '../store/database';
import { rowToPayment } from './repository';
import type { Payment } from './types';

/**
 * The fields that decide where money is and what the reports say. A fixed list, so adding a column never
 * changes the seal of rows written before it.
 */
const SEALED: readonly (keyof Payment)[] = [
  'id',
  'state',
  'mode',
  'channel',
  'terminalId',
  'operatorId',
  'noticeNumber',
  'fiscalCode',
  'amountCents',
  'feeCents',
  'method',
  'paymentToken',
  'tenderedCents',
  'changeCents',
  'collectedCents',
  'collectedAt',
  'outcome',
  'resolution',
  'cartId',
  'version',
];

export function paymentSeal(p: Payment): string {
  const picked: Record<string, unknown> = {};
  for (const k of SEALED) picked[k] = p[k] ?? null;
  return createHash('sha256').update(canonicalJson(picked)).digest('hex').slice(0, 32);
}

export type SealCheck = { readonly ok: true; readonly checked: number } | { readonly ok: false; readonly checked: number; readonly paymentId: string; readonly reason: string };

/**
 * Compares payment rows with the seal of their last sealed journal entry. `scope` limits the rows (the
 * start-up check); without it every payment is checked (`journal verify`). A row with no journal entry at
 * all was inserted behind the app's back; rows journaled before seals existed have no seal to compare.
 */
export function checkPaymentSeals(db: Db, scope?: { readonly where: string; readonly params: readonly unknown[] }): SealCheck {
  // The bare columns come from the row holding MAX(seq) (SQLite's min/max rule): the last sealed entry.
  const lastSeal = db.prepare("SELECT json_extract(data, '$.seal') AS seal, MAX(seq) AS seq FROM journal WHERE payment_id = ? AND json_extract(data, '$.seal') IS NOT NULL");
  const anyEntry = db.prepare('SELECT 1 FROM journal WHERE payment_id = ? LIMIT 1');
  const rows = db.prepare(`SELECT * FROM payments ${scope ? `WHERE ${scope.where}` : ''} ORDER BY seq`).iterate(...(scope?.params ?? [])) as IterableIterator<Record<string, unknown>>;
  let checked = 0;
  for (const row of rows) {
    const p = rowToPayment(row);
    checked += 1;
    const last = lastSeal.get(p.id) as { seal: string | null; seq: number | null };
    if (last.seal === null) {
      if (!anyEntry.get(p.id)) return { ok: false, checked, paymentId: p.id, reason: `payment ${p.id} is not in the journal: it was written outside the app` };
      continue;
    }
    if (last.seal !== paymentSeal(p)) return { ok: false, checked, paymentId: p.id, reason: `payment ${p.id} was changed outside the app: its row no longer matches journal entry ${last.seq}` };
  }
  return { ok: true, checked };
}

/** Where the start-up check looks (a year of rows stays out of the boot path; `journal verify` checks them all). */
export function startupSealScope(now: number, days = 7): { where: string; params: unknown[] } {
  return { where: `collected_at >= ? OR created_at >= ? OR state NOT IN ('confirmed', 'printed', 'voided', 'resolved')`, params: [now - days * 86_400_000, now - days * 86_400_000] };
}

/**
 * A technician acknowledged a break (`journal acknowledge`): every row that no longer matches its seal gets
 * a journal entry recording what it is now and who saw it, so the evidence stays in the chain and the
 * terminal can take payments again. Returns the payments re-sealed.
 */
export function acknowledgeChangedRows(db: Db, by: string, at: string): string[] {
  const changed: string[] = [];
  for (;;) {
    const r = checkPaymentSeals(db, changed.length ? { where: `id NOT IN (${changed.map(() => '?').join(',')})`, params: changed } : undefined);
    if (r.ok) return changed;
    const row = db.prepare('SELECT * FROM payments WHERE id = ?').get(r.paymentId) as Record<string, unknown>;
    const p = rowToPayment(row);
    writeTransaction(db, () => appendJournal(db, { type: 'payment.seal-acknowledged', paymentId: p.id, operatorId: by, data: { state: p.state, reason: r.reason, seal: paymentSeal(p) }, at }));
    changed.push(p.id);
  }
}
