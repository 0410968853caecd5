// SQLite access for print jobs (table print_jobs, migration 0050). Every state change goes through
// writeTransaction and leaves an event row, so a technician can see who resumed or reprinted what.
import type { PrintDocument, PrintJobKind, PrintJobState, PrinterState } from '../../../common/receipt';
import { writeTransaction, type Db } from '../store/database';

export type PrintJob = {
  id: number;
  kind: PrintJobKind;
  paymentId: string | null;
  document: PrintDocument;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  heldState: PrinterState | null;
  createdAt: string;
  updatedAt: string;
  printedAt: string | null;
  copyOf: number | null;
  byteLength: number;
};

type Row = {
  id: number;
  kind: PrintJobKind;
  payment_id: string | null;
  receipt_data: string;
  state: PrintJobState;
  attempts: number;
  last_error: string | null;
  held_state: PrinterState | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
  copy_of: number | null;
  byte_length: number;
};

const COLS = 'id, kind, payment_id, receipt_data, state, attempts, last_error, held_state, created_at, updated_at, printed_at, copy_of, length(bytes) AS byte_length';

function toJob(r: Row): PrintJob {
  return {
    id: r.id,
    kind: r.kind,
    paymentId: r.payment_id,
    document: JSON.parse(r.receipt_data) as PrintDocument,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    heldState: r.held_state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    printedAt: r.printed_at,
    copyOf: r.copy_of,
    byteLength: r.byte_length,
  };
}

export class PrintJobStore {
  constructor(private readonly db: Db) {}

  insert(j: { kind: PrintJobKind; paymentId: string | null; document: PrintDocument; bytes: Uint8Array; copyOf: number | null; at: string; by?: string | null }): PrintJob {
    return writeTransaction(this.db, () => {
      const info = this.db
        .prepare(`INSERT INTO print_jobs (kind, payment_id, receipt_data, bytes, state, attempts, created_at, updated_at, copy_of) VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?)`)
        .run(j.kind, j.paymentId, JSON.stringify(j.document), Buffer.from(j.bytes), j.at, j.at, j.copyOf);
      const id = Number(info.lastInsertRowid);
      this.event(id, j.at, j.copyOf === null ? 'enqueued' : 'reprint-enqueued', j.by ?? null, j.copyOf === null ? null : `copy of #${j.copyOf}`);
      return this.get(id)!;
    });
  }

  get(id: number): PrintJob | null {
    const r = this.db.prepare(`SELECT ${COLS} FROM print_jobs WHERE id = ?`).get(id) as Row | undefined;
    return r ? toJob(r) : null;
  }

  bytes(id: number): Uint8Array | null {
    const r = this.db.prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(id) as { bytes: Buffer } | undefined;
    return r ? new Uint8Array(r.bytes) : null;
  }

  list(filter: { state?: PrintJobState; paymentId?: string } = {}): PrintJob[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.state) {
      where.push('state = ?');
      args.push(filter.state);
    }
    if (filter.paymentId) {
      where.push('payment_id = ?');
      args.push(filter.paymentId);
    }
    const sql = `SELECT ${COLS} FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toJob);
  }

  /** Moves a job from one of `from` to `to`; returns null (nothing changed) when its state is not in `from`. */
  transition(
    id: number,
    from: readonly PrintJobState[],
    to: PrintJobState,
    at: string,
    patch: { lastError?: string | null; heldState?: PrinterState | null; attempt?: boolean; event?: string; by?: string | null; detail?: string | null } = {},
  ): PrintJob | null {
    return writeTransaction(this.db, () => {
      const cur = this.get(id);
      if (!cur || !from.includes(cur.state)) return null;
      this.db
        .prepare(
          `UPDATE print_jobs SET state = ?, updated_at = ?, attempts = attempts + ?, last_error = CASE WHEN ? THEN ? ELSE last_error END,
             held_state = ?, printed_at = CASE WHEN ? = 'printed' THEN ? ELSE printed_at END WHERE id = ?`,
        )
        .run(to, at, patch.attempt ? 1 : 0, patch.lastError === undefined ? 0 : 1, patch.lastError ?? null, to === 'held' ? (patch.heldState ?? cur.heldState) : null, to, at, id);
      this.event(id, at, patch.event ?? to, patch.by ?? null, patch.detail ?? patch.lastError ?? null);
      return this.get(id);
    });
  }

  /** Crash recovery: every 'printing' job becomes 'held' (never reprinted without a person). */
  holdInterrupted(at: string): number[] {
    return writeTransaction(this.db, () => {
      const ids = (this.db.prepare(`SELECT id FROM print_jobs WHERE state = 'printing'`).all() as { id: number }[]).map((r) => r.id);
      for (const id of ids) {
        this.db.prepare(`UPDATE print_jobs SET state = 'held', updated_at = ?, last_error = ?, held_state = NULL WHERE id = ?`).run(at, 'interrupted: the app stopped while printing', id);
        this.event(id, at, 'held-after-restart', null, null);
      }
      return ids;
    });
  }

  events(id: number): { at: string; event: string; by: string | null; detail: string | null }[] {
    return this.db.prepare('SELECT at, event, by, detail FROM print_job_events WHERE job_id = ? ORDER BY id').all(id) as { at: string; event: string; by: string | null; detail: string | null }[];
  }

  private event(jobId: number, at: string, event: string, by: string | null, detail: string | null): void {
    this.db.prepare('INSERT INTO print_job_events (job_id, at, event, by, detail) VALUES (?, ?, ?, ?, ?)').run(jobId, at, event, by, detail);
  }
}
