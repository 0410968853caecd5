// Per-transfer export for settlement (issue #12 §8): one row per transfer of every payment the node
// confirmed (outcome OK acknowledged), with the creditor, the IUV, the paymentToken, the transfer's index,
// amount and IBAN (activate's transferList), the date, Stand-In and the outcome code of the reporting flow,
// then totals per creditor and per IBAN — the input a PSP back office needs to build its reporting flows
// (FdR, pagopa-psp.md §4.1). Read-only: it only SELECTs, so it runs on a database opened { readonly: true }.
import { iuvOf } from '../../../common/notice';
import type { Db } from '../store/database';
import { rowToPayment } from './repository';
import { NODE_CONFIRMED, sqlList } from './state-machine';
import type { Payment } from './types';

/**
 * codiceEsitoSingoloPagamento of the reporting flow: 0 = payment executed; 4 = paid through Stand-In
 * (pagopa-extra.md §d: "riportati nel flusso di rendicontazione con il codice esito 4").
 */
export const OUTCOME_CODE = { executed: 0, standin: 4 } as const;

export type TransferRow = {
  /** The applicationDate sent in the outcome (YYYY-MM-DD of the collection, UTC like outcome.ts). */
  readonly date: string;
  readonly creditorFiscalCode: string;
  readonly creditorName: string | null;
  readonly iuv: string;
  readonly noticeNumber: string;
  readonly paymentToken: string;
  readonly transferIndex: number;
  readonly amountCents: number;
  /** null when the node gave none (a transfer list without IBAN, or none at all). */
  readonly iban: string | null;
  readonly standin: boolean;
  readonly outcomeCode: number;
  readonly paymentId: string;
  readonly terminalId: string;
};

export type TransferTotal = { readonly creditorFiscalCode: string; readonly iban?: string | null; readonly count: number; readonly amountCents: number };

export type TransferExport = {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly TransferRow[];
  readonly totals: { readonly count: number; readonly amountCents: number; readonly byCreditor: readonly TransferTotal[]; readonly byIban: readonly TransferTotal[] };
};

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Start of a YYYY-MM-DD day in epoch ms (UTC), or null when it is not a calendar date. */
export function dayStartMs(date: string): number | null {
  if (!DATE.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function rowsOf(p: Payment): TransferRow[] {
  const date = isoDate(p.collectedAt ?? p.outcomeConfirmedAt ?? p.updatedAt);
  const standin = p.standin === true;
  const base = {
    date,
    iuv: p.creditorReferenceId ?? iuvOf(p.noticeNumber),
    noticeNumber: p.noticeNumber,
    paymentToken: p.paymentToken ?? '',
    standin,
    outcomeCode: standin ? OUTCOME_CODE.standin : OUTCOME_CODE.executed,
    paymentId: p.id,
    terminalId: p.terminalId,
  };
  const transfers = p.transfers && p.transfers.length > 0 ? p.transfers : null;
  // No transfer list stored: the whole amount to the notice's creditor, account unknown.
  if (!transfers) return [{ ...base, creditorFiscalCode: p.ecFiscalCode ?? p.fiscalCode, creditorName: p.companyName, transferIndex: 1, amountCents: p.amountCents ?? 0, iban: null }];
  return transfers.map((t) => ({ ...base, creditorFiscalCode: t.fiscalCodePA, creditorName: t.companyName ?? null, transferIndex: t.idTransfer, amountCents: t.amountCents, iban: t.iban ?? null }));
}

/** Every transfer of the payments confirmed by the node and collected between `from` and `to` (inclusive days). */
export function exportTransfers(db: Db, from: string, to: string): TransferExport {
  const fromMs = dayStartMs(from);
  const toMs = dayStartMs(to);
  if (fromMs === null || toMs === null) throw new RangeError('dates must be calendar dates YYYY-MM-DD');
  if (toMs < fromMs) throw new RangeError('--to is before --from');
  const list = db
    .prepare(`SELECT * FROM payments WHERE state IN ${sqlList(NODE_CONFIRMED)} AND payment_token IS NOT NULL AND collected_at >= ? AND collected_at < ? ORDER BY collected_at, seq`)
    .all(fromMs, toMs + DAY_MS) as Record<string, unknown>[];
  const rows = list.map(rowToPayment).flatMap(rowsOf);
  const byCreditor = new Map<string, { count: number; amountCents: number }>();
  const byIban = new Map<string, { creditorFiscalCode: string; iban: string | null; count: number; amountCents: number }>();
  for (const r of rows) {
    const c = byCreditor.get(r.creditorFiscalCode) ?? { count: 0, amountCents: 0 };
    byCreditor.set(r.creditorFiscalCode, { count: c.count + 1, amountCents: c.amountCents + r.amountCents });
    const k = `${r.creditorFiscalCode}|${r.iban ?? ''}`;
    const i = byIban.get(k) ?? { creditorFiscalCode: r.creditorFiscalCode, iban: r.iban, count: 0, amountCents: 0 };
    byIban.set(k, { ...i, count: i.count + 1, amountCents: i.amountCents + r.amountCents });
  }
  const sorted = <T extends { creditorFiscalCode: string }>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  return {
    from,
    to,
    rows,
    totals: {
      count: rows.length,
      amountCents: rows.reduce((s, r) => s + r.amountCents, 0),
      byCreditor: sorted(new Map([...byCreditor].map(([k, v]) => [k, { creditorFiscalCode: k, ...v }]))),
      byIban: sorted(byIban),
    },
  };
}

function csvCell(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const euro = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export const TRANSFER_CSV_COLUMNS = [
  'record',
  'date',
  'creditor_fiscal_code',
  'creditor_name',
  'iuv',
  'notice_number',
  'payment_token',
  'transfer_index',
  'amount_cents',
  'amount_eur',
  'iban',
  'standin',
  'outcome_code',
  'payment_id',
  'count',
] as const;

/**
 * RFC 4180 CSV, one header: `record` says what a line is — `transfer` (one per transfer), then
 * `total-creditor`, `total-iban` and one `total` line.
 */
export function transfersCsv(x: TransferExport): string {
  const line = (cells: (string | number | boolean | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
  let out = line([...TRANSFER_CSV_COLUMNS]);
  for (const r of x.rows)
    out += line([
      'transfer',
      r.date,
      r.creditorFiscalCode,
      r.creditorName,
      r.iuv,
      r.noticeNumber,
      r.paymentToken,
      r.transferIndex,
      r.amountCents,
      euro(r.amountCents),
      r.iban,
      r.standin,
      r.outcomeCode,
      r.paymentId,
      1,
    ]);
  for (const t of x.totals.byCreditor) out += line(['total-creditor', null, t.creditorFiscalCode, null, null, null, null, null, t.amountCents, euro(t.amountCents), null, null, null, null, t.count]);
  for (const t of x.totals.byIban) out += line(['total-iban', null, t.creditorFiscalCode, null, null, null, null, null, t.amountCents, euro(t.amountCents), t.iban ?? null, null, null, null, t.count]);
  out += line(['total', null, null, null, null, null, null, null, x.totals.amountCents, euro(x.totals.amountCents), null, null, null, null, x.totals.count]);
  return out;
}
