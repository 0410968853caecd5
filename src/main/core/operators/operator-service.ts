// Operators: create, PIN login with lockout, PIN change, supervisor unlock, role checks (issue #4 §5).
// Every action is journaled in the same transaction as the change it records (issue #4 §4).
import type { Clock } from '../../../common/clock';
import { appendJournal } from '../journal/journal';
import { silentLogger, type Logger } from '../log/logger';
import { writeTransaction, type Db } from '../store/database';
import { OperatorError } from './errors';
import { DEFAULT_SCRYPT_PARAMS, hashPin, needsRehash, verifyPin, type ScryptParams } from './pin-hash';
import { isRole, roleAtLeast, type Role } from './roles';

export type Operator = {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly mustChangePin: boolean;
  readonly active: boolean;
  readonly failedAttempts: number;
  /** ISO time until which PIN login is refused, or null. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
};

export type LoginResult = { ok: true; operator: Operator } | { ok: false; reason: 'unknown' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: string; attemptsLeft?: number };

/** pos-practice.md §1.8: lockout after repeated failures; defaults 5 failures → 5 minutes. */
export type LockoutPolicy = { readonly maxAttempts: number; readonly lockMs: number };
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxAttempts: 5, lockMs: 5 * 60_000 };

export type NewOperator = { id: string; name: string; role: Role; pin: string; mustChangePin?: boolean };

type Row = {
  id: string;
  name: string;
  role: string;
  pin_hash: string;
  must_change_pin: number;
  failed_attempts: number;
  locked_until: number | null;
  active: number;
  created_at: number;
  last_login_at: number | null;
};

const ID_RE = /^[a-z0-9]{1,32}$/;
const PIN_RE = /^\d{4,12}$/;

export function validatePin(pin: string): void {
  if (!PIN_RE.test(pin)) throw new OperatorError('invalid-input', 'the PIN must be 4 to 12 digits');
}

/** Issue #10 §2: the installer's well-known PIN is never a technician's PIN outside demo mode. */
const WELL_KNOWN_TECHNICIAN_PIN = '000000';
function refuseWellKnownTechnicianPin(role: string, pin: string): void {
  if (role === 'technician' && pin === WELL_KNOWN_TECHNICIAN_PIN) throw new OperatorError('invalid-input', 'a technician PIN cannot be 000000');
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Issue #10 §2: a PIN someone else chose (seeded by `operators add`, reset by a supervisor) is known to two
 * people, so its operator may do nothing but change it (changePin, which needs no role) — at the counter,
 * over IPC and from the CLI alike. Returns the refusal, or null when the operator may act.
 */
export function pinChangeRefusal(op: Pick<Operator, 'id' | 'mustChangePin'>): OperatorError | null {
  return op.mustChangePin ? new OperatorError('must-change-pin', `${op.id} must change the PIN first`) : null;
}

export class OperatorService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly params: ScryptParams;
  private readonly lockout: LockoutPolicy;
  private dummyHash: Promise<string> | null = null;

  constructor(opts: { db: Db; clock: Clock; logger?: Logger; scryptParams?: ScryptParams; lockout?: LockoutPolicy }) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.log = (opts.logger ?? silentLogger).child('operators');
    this.params = opts.scryptParams ?? DEFAULT_SCRYPT_PARAMS;
    this.lockout = opts.lockout ?? DEFAULT_LOCKOUT;
  }

  /**
   * Creates an operator. `by` must be a supervisor or higher and may not create a role above its own.
   */
  async create(input: NewOperator, by: string): Promise<Operator> {
    if (!ID_RE.test(input.id)) throw new OperatorError('invalid-input', 'the operator id must be 1–32 lower-case letters or digits');
    if (!input.name.trim()) throw new OperatorError('invalid-input', 'the operator name is empty');
    if (!isRole(input.role)) throw new OperatorError('invalid-input', `unknown role "${String(input.role)}"`);
    validatePin(input.pin);
    refuseWellKnownTechnicianPin(input.role, input.pin);
    const actor = this.requireRole(by, 'supervisor');
    if (!roleAtLeast(actor.role, input.role)) throw new OperatorError('forbidden', `${actor.role} ${by} cannot create a ${input.role}`);
    const pinHash = await hashPin(input.pin, this.params);
    const now = this.clock.now();
    return writeTransaction(this.db, () => {
      if (this.row(input.id)) throw new OperatorError('duplicate', `operator ${input.id} already exists`);
      this.db
        .prepare('INSERT INTO operators (id, name, role, pin_hash, must_change_pin, created_at, created_by, pin_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.id, input.name.trim(), input.role, pinHash, input.mustChangePin ? 1 : 0, now, by, now);
      this.journal('operator.created', by, { id: input.id, name: input.name.trim(), role: input.role, mustChangePin: Boolean(input.mustChangePin) });
      return this.mustGet(input.id);
    });
  }

  /**
   * First run: inserts `accounts` in one transaction only if the table is still empty (so two processes
   * starting together cannot both bootstrap). Returns the ids created ([] when operators already exist).
   */
  async bootstrap(accounts: readonly NewOperator[]): Promise<string[]> {
    if (this.count() > 0) return [];
    for (const a of accounts) validatePin(a.pin);
    const hashed = await Promise.all(accounts.map(async (a) => ({ ...a, pinHash: await hashPin(a.pin, this.params) })));
    const now = this.clock.now();
    return writeTransaction(this.db, () => {
      if (this.count() > 0) return [];
      for (const a of hashed) {
        this.db
          .prepare('INSERT INTO operators (id, name, role, pin_hash, must_change_pin, created_at, created_by, pin_changed_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)')
          .run(a.id, a.name, a.role, a.pinHash, a.mustChangePin ? 1 : 0, now, now);
        this.journal('operator.created', null, { id: a.id, name: a.name, role: a.role, mustChangePin: Boolean(a.mustChangePin), firstRun: true });
      }
      return hashed.map((a) => a.id);
    });
  }

  async login(id: string, pin: string): Promise<LoginResult> {
    const before = this.row(id);
    if (!before) {
      // Spend the same scrypt time as a real check so response time does not reveal which ids exist.
      await verifyPin(pin, await this.dummy());
      writeTransaction(this.db, () => this.journal('operator.login-failed', null, { id, reason: 'unknown' }));
      return { ok: false, reason: 'unknown' };
    }
    if (before.active === 0) return { ok: false, reason: 'inactive' };
    const now = this.clock.now();
    if (before.locked_until !== null && before.locked_until > now) {
      writeTransaction(this.db, () => this.journal('operator.login-refused', id, { reason: 'locked', lockedUntil: iso(before.locked_until) }));
      return { ok: false, reason: 'locked', lockedUntil: iso(before.locked_until) ?? undefined };
    }
    const good = await verifyPin(pin, before.pin_hash);
    const rehash = good && needsRehash(before.pin_hash, this.params) ? await hashPin(pin, this.params) : null;
    return writeTransaction(this.db, (): LoginResult => {
      // Re-read inside the transaction: a concurrent attempt may have locked the operator meanwhile.
      const r = this.row(id);
      if (!r) return { ok: false, reason: 'unknown' };
      const t = this.clock.now();
      if (r.locked_until !== null && r.locked_until > t) return { ok: false, reason: 'locked', lockedUntil: iso(r.locked_until) ?? undefined };
      const prior = r.locked_until !== null ? 0 : r.failed_attempts; // an expired lock starts a fresh count
      if (good) {
        this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = ?, pin_hash = COALESCE(?, pin_hash) WHERE id = ?').run(t, rehash, id);
        this.journal('operator.login', id, { role: r.role, mustChangePin: r.must_change_pin === 1 });
        return { ok: true, operator: this.mustGet(id) };
      }
      const failed = prior + 1;
      if (failed >= this.lockout.maxAttempts) {
        const until = t + this.lockout.lockMs;
        this.db.prepare('UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failed, until, id);
        this.journal('operator.login-failed', id, { reason: 'wrong-pin', attempt: failed });
        this.journal('operator.locked', id, { until: iso(until), attempts: failed });
        this.log.warn('operator locked after repeated PIN failures', { id, until: iso(until) });
        return { ok: false, reason: 'locked', lockedUntil: iso(until) ?? undefined, attemptsLeft: 0 };
      }
      this.db.prepare('UPDATE operators SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(failed, id);
      this.journal('operator.login-failed', id, { reason: 'wrong-pin', attempt: failed });
      return { ok: false, reason: 'wrong-pin', attemptsLeft: this.lockout.maxAttempts - failed };
    });
  }

  /** Journals the end of an operator's session (manual logout, idle lock, switch to another operator). */
  recordLogout(id: string, reason: 'manual' | 'idle' | 'switch'): void {
    writeTransaction(this.db, () => this.journal('operator.logout', id, { reason }));
  }

  /** The operator changes their own PIN (needs the current one); clears the must-change flag. */
  async changePin(id: string, currentPin: string, newPin: string): Promise<Operator> {
    validatePin(newPin);
    if (newPin === currentPin) throw new OperatorError('invalid-input', 'the new PIN must differ from the current one');
    const r = this.row(id);
    if (!r) throw new OperatorError('unknown-operator', `no operator ${id}`);
    refuseWellKnownTechnicianPin(r.role, newPin);
    if (!(await verifyPin(currentPin, r.pin_hash))) throw new OperatorError('forbidden', 'the current PIN is wrong');
    const hash = await hashPin(newPin, this.params);
    return writeTransaction(this.db, () => {
      this.db.prepare('UPDATE operators SET pin_hash = ?, must_change_pin = 0, pin_changed_at = ? WHERE id = ?').run(hash, this.clock.now(), id);
      this.journal('operator.pin-changed', id, { id, by: id });
      return this.mustGet(id);
    });
  }

  /** A supervisor sets a new PIN for a forgotten one; the operator must change it at next login. */
  async resetPin(id: string, newPin: string, by: string): Promise<Operator> {
    validatePin(newPin);
    const actor = this.requireRole(by, 'supervisor');
    const target = this.mustGet(id);
    refuseWellKnownTechnicianPin(target.role, newPin);
    if (!roleAtLeast(actor.role, target.role)) throw new OperatorError('forbidden', `${actor.role} ${by} cannot reset the PIN of a ${target.role}`);
    const hash = await hashPin(newPin, this.params);
    return writeTransaction(this.db, () => {
      this.db.prepare('UPDATE operators SET pin_hash = ?, must_change_pin = 1, failed_attempts = 0, locked_until = NULL, pin_changed_at = ? WHERE id = ?').run(hash, this.clock.now(), id);
      this.journal('operator.pin-reset', by, { id });
      return this.mustGet(id);
    });
  }

  /** A supervisor (or technician) lifts a lockout before it expires. */
  unlock(id: string, by: string): Operator {
    this.requireRole(by, 'supervisor');
    return writeTransaction(this.db, () => {
      const r = this.row(id);
      if (!r) throw new OperatorError('unknown-operator', `no operator ${id}`);
      this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
      this.journal('operator.unlocked', by, { id, wasLockedUntil: iso(r.locked_until), failedAttempts: r.failed_attempts });
      return this.mustGet(id);
    });
  }

  setActive(id: string, active: boolean, by: string): Operator {
    this.requireRole(by, 'supervisor');
    if (id === by && !active) throw new OperatorError('forbidden', 'an operator cannot deactivate themselves');
    return writeTransaction(this.db, () => {
      this.mustGet(id);
      this.db.prepare('UPDATE operators SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
      this.journal(active ? 'operator.activated' : 'operator.deactivated', by, { id });
      return this.mustGet(id);
    });
  }

  list(): Operator[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY id').all() as Row[]).map(toOperator);
  }

  get(id: string): Operator | null {
    const r = this.row(id);
    return r ? toOperator(r) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM operators').get() as { n: number }).n;
  }

  /**
   * Throws OperatorError (unknown-operator | inactive | forbidden | must-change-pin) unless the operator has at
   * least `role` and may act (no PIN left to change).
   */
  requireRole(operatorId: string, role: Role): Operator {
    const op = this.get(operatorId);
    if (!op) throw new OperatorError('unknown-operator', `no operator ${operatorId}`);
    if (!op.active) throw new OperatorError('inactive', `operator ${operatorId} is deactivated`);
    if (!roleAtLeast(op.role, role)) throw new OperatorError('forbidden', `operator ${operatorId} is a ${op.role}; this needs a ${role}`);
    const pin = pinChangeRefusal(op);
    if (pin) throw pin;
    return op;
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as Row | undefined;
  }

  private mustGet(id: string): Operator {
    const r = this.row(id);
    if (!r) throw new OperatorError('unknown-operator', `no operator ${id}`);
    return toOperator(r);
  }

  private journal(type: string, operatorId: string | null, data: Record<string, unknown>): void {
    appendJournal(this.db, { type, operatorId, data, at: new Date(this.clock.now()).toISOString() });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPin('0000000000', this.params);
    return this.dummyHash;
  }
}

function toOperator(r: Row): Operator {
  return {
    id: r.id,
    name: r.name,
    role: isRole(r.role) ? r.role : 'clerk',
    mustChangePin: r.must_change_pin === 1,
    active: r.active === 1,
    failedAttempts: r.failed_attempts,
    lockedUntil: iso(r.locked_until),
    createdAt: iso(r.created_at) ?? '',
    lastLoginAt: iso(r.last_login_at),
  };
}
