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

type SealScope = { readonly where: string; readonly params: readonly unknown[] };

/**
 * Every payment row (within `scope`) that no longer matches the seal of its last sealed journal entry, in
 * order. A row with no journal entry at all was inserted behind the app's back; rows journaled before seals
 * existed have no seal to compare.
 */
function* changedRows(db: Db, scope?: SealScope): Generator<{ payment: Payment; reason: string; checked: number }, number> {
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
      if (!anyEntry.get(p.id)) yield { payment: p, checked, reason: `payment ${p.id} is not in the journal: it was written outside the app` };
    } else if (last.seal !== paymentSeal(p)) yield { payment: p, checked, reason: `payment ${p.id} was changed outside the app: its row no longer matches journal entry ${last.seq}` };
  }
  return checked;
}

/**
 * Compares payment rows with their seals and names the first that differs. `scope` limits the rows (the
 * start-up check); without it every payment is checked (`journal verify`).
 */
export function checkPaymentSeals(db: Db, scope?: SealScope): SealCheck {
  const it = changedRows(db, scope);
  const first = it.next();
  if (first.done) return { ok: true, checked: first.value };
  it.return(0); // stop the walk (and its statement) at the first finding
  return { ok: false, checked: first.value.checked, paymentId: first.value.payment.id, reason: first.value.reason };
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
  // One walk over the rows, then one transaction recording each finding with the row as it is now.
  const found = [...changedRows(db)];
  writeTransaction(db, () => {
    for (const { payment: p, reason } of found) appendJournal(db, { type: 'payment.seal-acknowledged', paymentId: p.id, operatorId: by, data: { state: p.state, reason, seal: paymentSeal(p) }, at });
  });
  return found.map((f) => f.payment.id);
}
