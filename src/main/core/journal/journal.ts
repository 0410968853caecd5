// The audit journal: append-only and hash-chained (issue #4 §4). Each entry's hash covers the previous
// entry's hash and the entry itself, so editing, deleting or reordering any row breaks the chain from
// that row on, and `journal verify` names the first bad entry. SQLite triggers refuse UPDATE and
// DELETE; the chain catches what a person with a SQLite shell could still do (drop the triggers).
//
// appendJournal must be called inside the caller's write transaction, so a state change and its
// journal entry commit together or not at all.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../store/database';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export type JournalInput = {
  /** What happened, dotted lower-case: 'payment.activated', 'shift.opened', 'drawer.opened', … */
  readonly type: string;
  readonly paymentId?: string | null;
  readonly operatorId?: string | null;
  readonly data?: Readonly<Record<string, unknown>>;
  /** ISO timestamp; defaults to now. Pass the engine's clock time for reproducible tests. */
  readonly at?: string;
};

export type JournalEntry = {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly paymentId: string | null;
  readonly operatorId: string | null;
  readonly data: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
};

type Row = { seq: number; at: string; type: string; payment_id: string | null; operator_id: string | null; data: string; prev_hash: string; hash: string };

export type JournalVerification = { ok: true; count: number; lastHash: string } | { ok: false; count: number; firstBadSeq: number; reason: string };

/** The hash of an entry: SHA-256 over the previous hash and the canonical entry. */
export function entryHash(prevHash: string, e: { seq: number; at: string; type: string; paymentId: string | null; operatorId: string | null; dataJson: string }): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, type: e.type, paymentId: e.paymentId, operatorId: e.operatorId, data: e.dataJson });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

const statements = new WeakMap<Db, { last: Database.Statement<[]>; insert: Database.Statement<unknown[]> }>();

function stmts(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO journal (seq, at, type, payment_id, operator_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    };
    statements.set(db, s);
  }
  return s;
}

/** Appends one entry. Call inside a write transaction (writeTransaction) together with the change it records. */
export function appendJournal(db: Db, input: JournalInput): JournalEntry {
  if (!db.inTransaction) throw new Error('appendJournal must run inside the write transaction of the change it records');
  const s = stmts(db);
  const last = s.last.get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = input.at ?? new Date().toISOString();
  const data = { ...(input.data ?? {}) };
  const dataJson = canonicalJson(data);
  const paymentId = input.paymentId ?? null;
  const operatorId = input.operatorId ?? null;
  const hash = entryHash(prevHash, { seq, at, type: input.type, paymentId, operatorId, dataJson });
  s.insert.run(seq, at, input.type, paymentId, operatorId, dataJson, prevHash, hash);
  return { seq, at, type: input.type, paymentId, operatorId, data, prevHash, hash };
}

function toEntry(r: Row): JournalEntry {
  return { seq: r.seq, at: r.at, type: r.type, paymentId: r.payment_id, operatorId: r.operator_id, data: JSON.parse(r.data) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Walks the chain; reports the first entry whose sequence, link or hash is wrong. With `from` (a trusted
 * anchor: an entry's seq and hash) only the entries after it are walked — the incremental start-up check —
 * after checking that the anchored entry is still there with that hash.
 */
export function verifyJournal(db: Db, from?: { seq: number; hash: string }): JournalVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  if (from && from.seq > 0) {
    const anchored = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(from.seq) as { hash: string } | undefined;
    if (!anchored) return { ok: false, count, firstBadSeq: from.seq, reason: `entry ${from.seq} (anchored) is missing: the journal was truncated` };
    if (anchored.hash !== from.hash) return { ok: false, count, firstBadSeq: from.seq, reason: `entry ${from.seq} (anchored) has a different hash: the journal was rewritten` };
    expectedPrev = from.hash;
    expectedSeq = from.seq + 1;
    count = from.seq;
  }
  for (const r of db.prepare('SELECT seq, at, type, payment_id, operator_id, data, prev_hash, hash FROM journal WHERE seq >= ? ORDER BY seq').iterate(expectedSeq) as IterableIterator<Row>) {
    if (r.seq !== expectedSeq) return { ok: false, count, firstBadSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (next entry is ${r.seq})` };
    if (r.prev_hash !== expectedPrev) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} does not link to the previous entry's hash` };
    const recomputed = entryHash(r.prev_hash, { seq: r.seq, at: r.at, type: r.type, paymentId: r.payment_id, operatorId: r.operator_id, dataJson: r.data });
    if (recomputed !== r.hash) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} was altered (its hash does not match its content)` };
    expectedPrev = r.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, count, lastHash: expectedPrev };
}

/** Entries in order, optionally filtered by payment or from a sequence number on. */
export function listJournal(db: Db, opts: { paymentId?: string; fromSeq?: number; limit?: number } = {}): JournalEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.paymentId) {
    where.push('payment_id = ?');
    params.push(opts.paymentId);
  }
  if (opts.fromSeq) {
    where.push('seq >= ?');
    params.push(opts.fromSeq);
  }
  const sql = `SELECT * FROM journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${opts.limit ? `LIMIT ${Math.floor(opts.limit)}` : ''}`;
  return (db.prepare(sql).all(...params) as Row[]).map(toEntry);
}

const CSV_COLUMNS = ['seq', 'at', 'type', 'payment_id', 'operator_id', 'data', 'prev_hash', 'hash'] as const;

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole journal for the PSP back office, as CSV (RFC 4180) or a JSON array. Written line by line. */
export function exportJournal(db: Db, format: 'csv' | 'json', write: (chunk: string) => void): number {
  let n = 0;
  const rows = db.prepare('SELECT seq, at, type, payment_id, operator_id, data, prev_hash, hash FROM journal ORDER BY seq').iterate() as IterableIterator<Row>;
  if (format === 'csv') {
    write(`${CSV_COLUMNS.join(',')}\r\n`);
    for (const r of rows) {
      write(`${CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`);
      n += 1;
    }
  } else {
    write('[');
    for (const r of rows) {
      write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(toEntry(r))}`);
      n += 1;
    }
    write(n === 0 ? ']\n' : '\n]\n');
  }
  return n;
}
