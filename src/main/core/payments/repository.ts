// Persistence of payments. Every change goes through `transition`, which checks the expected state and
// version, updates the row and appends the journal entry in ONE IMMEDIATE transaction (issue #4 §1).
import { appendJournal } from '../journal/journal';
import { writeTransaction, type Db } from '../store/database';
import { PaymentError } from './errors';
import { paymentSeal } from './row-seal';
import { HOLDS_NOTICE, OFFLINE_EXPOSED, sqlList } from './state-machine';
import type { Payment, PaymentState } from './types';

type Row = Record<string, unknown>;

const COLUMNS: Record<keyof Payment, string> = {
  id: 'id',
  seq: 'seq',
  state: 'state',
  mode: 'mode',
  channel: 'channel',
  terminalId: 'terminal_id',
  operatorId: 'operator_id',
  bootId: 'boot_id',
  noticeNumber: 'notice_number',
  fiscalCode: 'fiscal_code',
  source: 'source',
  printedAmountCents: 'printed_amount_cents',
  amountCents: 'amount_cents',
  feeCents: 'fee_cents',
  method: 'method',
  companyName: 'company_name',
  description: 'description',
  dueDate: 'due_date',
  ecFiscalCode: 'ec_fiscal_code',
  activateKey: 'activate_key',
  paymentToken: 'payment_token',
  tokenExpiresAt: 'token_expires_at',
  creditorReferenceId: 'creditor_reference_id',
  transfers: 'transfers',
  nodeAmountCents: 'node_amount_cents',
  tenderedCents: 'tendered_cents',
  changeCents: 'change_cents',
  collectedCents: 'collected_cents',
  card: 'card',
  collectedAt: 'collected_at',
  outcome: 'outcome',
  outcomeKey: 'outcome_key',
  outcomeAttempts: 'outcome_attempts',
  outcomeNextAt: 'outcome_next_at',
  outcomeConfirmedAt: 'outcome_confirmed_at',
  lastError: 'last_error',
  exceptionKind: 'exception_kind',
  exceptionDetail: 'exception_detail',
  exceptionAt: 'exception_at',
  resolution: 'resolution',
  receiptPrintedAt: 'receipt_printed_at',
  cartId: 'cart_id',
  standin: 'standin',
  feeSource: 'fee_source',
  paFeeCents: 'pa_fee_cents',
  idBundle: 'id_bundle',
  idCiBundle: 'id_ci_bundle',
  payer: 'payer',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};
const JSON_FIELDS = new Set<keyof Payment>(['transfers', 'card', 'resolution', 'payer']);
/** SQLite has no boolean: 0/1 on disk, true/false in a Payment. */
const BOOL_FIELDS = new Set<keyof Payment>(['standin']);

export function rowToPayment(row: Row): Payment {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) {
    const v = row[col];
    out[k] = JSON_FIELDS.has(k as keyof Payment) && typeof v === 'string' ? JSON.parse(v) : BOOL_FIELDS.has(k as keyof Payment) && typeof v === 'number' ? v === 1 : (v ?? null);
  }
  return out as Payment;
}

export type PaymentPatch = { -readonly [K in keyof Payment]?: Payment[K] };

function toSqlValue(k: keyof Payment, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (BOOL_FIELDS.has(k)) return v === true ? 1 : 0;
  return JSON_FIELDS.has(k) ? JSON.stringify(v) : v;
}

export type CardApproval = {
  readonly paymentId: string;
  readonly amountCents: number;
  readonly authCode?: string | undefined;
  readonly stan?: string | undefined;
  readonly maskedPan?: string | undefined;
  readonly circuit?: string | undefined;
  readonly terminalId?: string | undefined;
  readonly approvedAt: number;
};

/** What the rest of the app may do with payments: read. Writes go through PaymentStateMachine. */
export type PaymentReader = Pick<PaymentRepository, 'get' | 'require' | 'list' | 'offlineExposure' | 'inFlightFor' | 'cardApprovalFor' | 'inCart'>;

export type Journal = { type: string; data?: Record<string, unknown>; operatorId?: string | null };

export class PaymentRepository {
  /** Called after every committed write; the crash harness uses it to die "after the N-th commit". */
  onCommit: (() => void) | null = null;

  constructor(
    readonly db: Db,
    private readonly now: () => number,
  ) {}

  /**
   * Calls onCommit when a write really committed: not inside an enclosing transaction (a cart's batch),
   * whose owner calls this once after its own commit.
   */
  notifyCommit(): void {
    if (!this.db.inTransaction) this.onCommit?.();
  }

  get(id: string): Payment | null {
    const row = this.db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToPayment(row) : null;
  }

  require(id: string): Payment {
    const p = this.get(id);
    if (!p) throw new PaymentError('not-found', `no payment ${id}`);
    return p;
  }

  /** `begun`: only payments a method was chosen for (a quote nobody paid is not a payment). */
  list(opts: { states?: readonly PaymentState[]; limit?: number; order?: 'asc' | 'desc'; begun?: boolean } = {}): Payment[] {
    const conds = [...(opts.states && opts.states.length ? [`state IN (${opts.states.map(() => '?').join(',')})`] : []), ...(opts.begun ? ['method IS NOT NULL'] : [])];
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const sql = `SELECT * FROM payments ${where} ORDER BY seq ${opts.order === 'desc' ? 'DESC' : 'ASC'} ${opts.limit ? `LIMIT ${Math.floor(opts.limit)}` : ''}`;
    return (this.db.prepare(sql).all(...(opts.states ?? [])) as Row[]).map(rowToPayment);
  }

  /** Inserts a new payment and its journal entry in one transaction. `id` is derived from the sequence. */
  insert(fields: Omit<PaymentPatch, 'id' | 'seq' | 'createdAt' | 'updatedAt' | 'version'>, idFor: (seq: number) => string, journal: Journal): Payment {
    const now = this.now();
    const p = writeTransaction(this.db, () => {
      const { next } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM payments').get() as { next: number };
      const full: PaymentPatch = { ...fields, id: idFor(next), seq: next, createdAt: now, updatedAt: now, version: 0 };
      const keys = Object.keys(full) as (keyof Payment)[];
      this.db.prepare(`INSERT INTO payments (${keys.map((k) => COLUMNS[k]).join(',')}) VALUES (${keys.map(() => '?').join(',')})`).run(...keys.map((k) => toSqlValue(k, full[k])));
      const row = this.get(full.id as string) as Payment;
      appendJournal(this.db, {
        type: journal.type,
        paymentId: row.id,
        operatorId: journal.operatorId ?? row.operatorId,
        data: { state: row.state, ...journal.data, seal: paymentSeal(row) },
        at: new Date(now).toISOString(),
      });
      return row;
    });
    this.notifyCommit();
    return p;
  }

  /**
   * Writes one payment's change and its journal entry in ONE IMMEDIATE transaction. `check` sees the row
   * as it is inside the transaction and throws to refuse. Only PaymentStateMachine calls this (issue #9:
   * no other code writes a payment's state); the version bump lets readers detect concurrent writers.
   */
  update(id: string, check: (current: Payment) => void, patch: PaymentPatch, journal: Journal): Payment {
    const now = this.now();
    const p = writeTransaction(this.db, () => {
      const cur = this.require(id);
      check(cur);
      const full: PaymentPatch = { ...patch, updatedAt: now, version: cur.version + 1 };
      const keys = Object.keys(full) as (keyof Payment)[];
      this.db.prepare(`UPDATE payments SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => toSqlValue(k, full[k])), id);
      const next = this.require(id);
      appendJournal(this.db, {
        type: journal.type,
        paymentId: id,
        operatorId: journal.operatorId === undefined ? next.operatorId : journal.operatorId,
        data: { from: cur.state, state: next.state, ...journal.data, seal: paymentSeal(next) },
        at: new Date(now).toISOString(),
      });
      return next;
    });
    this.notifyCommit();
    return p;
  }

  /**
   * Records a card terminal's approval with its journal entry, in its own transaction, BEFORE the payment
   * moves on: an approval never exists only in memory (issue #9 §3).
   */
  recordCardApproval(a: CardApproval): void {
    writeTransaction(this.db, () => {
      this.db
        .prepare('INSERT INTO card_approvals (payment_id, amount_cents, auth_code, stan, masked_pan, circuit, terminal_id, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(a.paymentId, a.amountCents, a.authCode ?? null, a.stan ?? null, a.maskedPan ?? null, a.circuit ?? null, a.terminalId ?? null, a.approvedAt);
      appendJournal(this.db, {
        type: 'card.approved',
        paymentId: a.paymentId,
        operatorId: null,
        data: Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)),
        at: new Date(a.approvedAt).toISOString(),
      });
    });
    this.notifyCommit();
  }

  /** The last approval recorded for a payment, if any. */
  cardApprovalFor(paymentId: string): CardApproval | null {
    const r = this.db.prepare('SELECT * FROM card_approvals WHERE payment_id = ? ORDER BY id DESC LIMIT 1').get(paymentId) as Row | undefined;
    if (!r) return null;
    const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      paymentId,
      amountCents: Number(r.amount_cents),
      authCode: s(r.auth_code),
      stan: s(r.stan),
      maskedPan: s(r.masked_pan),
      circuit: s(r.circuit),
      terminalId: s(r.terminal_id),
      approvedAt: Number(r.approved_at),
    };
  }

  /** Offline exposure: what was collected offline and not yet confirmed by the node (issue #4 §2 policy). */
  offlineExposure(): { totalCents: number; oldestAt: number | null } {
    const r = this.db.prepare(`SELECT COALESCE(SUM(amount_cents), 0) AS total, MIN(collected_at) AS oldest FROM payments WHERE mode = 'offline' AND state IN ${sqlList(OFFLINE_EXPOSED)}`).get() as {
      total: number;
      oldest: number | null;
    };
    return { totalCents: r.total, oldestAt: r.oldest };
  }

  /** Every payment of a cart, in the order the notices were added. */
  inCart(cartId: string): Payment[] {
    return (this.db.prepare('SELECT * FROM payments WHERE cart_id = ? ORDER BY seq').all(cartId) as Row[]).map(rowToPayment);
  }

  /** The payment holding this notice, as the payments_notice_in_flight index defines it (migration 11). */
  inFlightFor(fiscalCode: string, noticeNumber: string): Payment | null {
    const row = this.db.prepare(`SELECT * FROM payments WHERE fiscal_code = ? AND notice_number = ? AND state IN ${sqlList(HOLDS_NOTICE)} LIMIT 1`).get(fiscalCode, noticeNumber) as Row | undefined;
    return row ? rowToPayment(row) : null;
  }
}
