// The counter's signed-in operator (pos-practice.md §1.8 "Identity: session lock/idle timeout"; Odoo
// locks the POS after 5 idle minutes). One session per terminal, in memory: after a restart everyone
// signs in again. Idle expiry is clock-driven, checked on every access, so tests move a ManualClock.
import type { Clock } from '../../../common/clock';
import { OperatorError } from './errors';
import type { LoginResult, Operator, OperatorService } from './operator-service';
import { roleAtLeast, type Role } from './roles';

export type SessionState =
  | { status: 'signed-out' }
  | { status: 'active'; operator: Operator; since: string; idleRemainingMs: number }
  /** Idle too long: the same operator (PIN) or another operator must sign in. */
  | { status: 'locked'; operator: Operator; since: string };

export const DEFAULT_IDLE_MS = 5 * 60_000;

export class OperatorSession {
  private readonly operators: OperatorService;
  private readonly clock: Clock;
  private readonly idleMs: number;
  private current: { operator: Operator; since: number; lastActivity: number; locked: boolean } | null = null;

  constructor(opts: { operators: OperatorService; clock: Clock; idleMs?: number }) {
    this.operators = opts.operators;
    this.clock = opts.clock;
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** PIN sign-in; also resumes a locked session, or switches operator (the previous one is logged out). */
  async login(id: string, pin: string): Promise<LoginResult> {
    const r = await this.operators.login(id, pin);
    if (!r.ok) return r;
    const now = this.clock.now();
    if (this.current && this.current.operator.id !== id) this.operators.recordLogout(this.current.operator.id, 'switch');
    const resumed = this.current?.operator.id === id ? this.current.since : now;
    this.current = { operator: r.operator, since: resumed, lastActivity: now, locked: false };
    return r;
  }

  logout(): void {
    if (!this.current) return;
    this.operators.recordLogout(this.current.operator.id, 'manual');
    this.current = null;
  }

  /** Any user action on the counter keeps the session alive. */
  touch(): void {
    this.expire();
    if (this.current && !this.current.locked) this.current.lastActivity = this.clock.now();
  }

  state(): SessionState {
    this.expire();
    const c = this.current;
    if (!c) return { status: 'signed-out' };
    const since = new Date(c.since).toISOString();
    if (c.locked) return { status: 'locked', operator: c.operator, since };
    return { status: 'active', operator: c.operator, since, idleRemainingMs: c.lastActivity + this.idleMs - this.clock.now() };
  }

  /** The active operator, if they hold at least `role`; counts as activity. Throws OperatorError otherwise. */
  requireActive(role: Role = 'clerk'): Operator {
    const s = this.state();
    if (s.status !== 'active') throw new OperatorError('forbidden', s.status === 'locked' ? 'the session is locked: sign in again' : 'no operator is signed in');
    if (!roleAtLeast(s.operator.role, role)) throw new OperatorError('forbidden', `operator ${s.operator.id} is a ${s.operator.role}; this needs a ${role}`);
    this.touch();
    return s.operator;
  }

  private expire(): void {
    const c = this.current;
    if (c && !c.locked && this.clock.now() - c.lastActivity >= this.idleMs) {
      c.locked = true;
      this.operators.recordLogout(c.operator.id, 'idle');
    }
  }
}
