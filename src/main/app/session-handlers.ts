// session/*, tech/*, kiosk/exit: operator login through the operators service (lockout, journal),
// technician unlock with the technician's own PIN (pos-practice.md §6 "maintenance escape").
import type { Clock } from '../../common/clock';
import type { HandlerImpl } from '../../common/ipc/contract';
import { IpcFailure } from '../../common/ipc/result';
import type { SessionState } from '../../common/ipc/session';
import { FIRST_RUN_TECHNICIAN, initFirstSupervisor, needsFirstSupervisor } from '../core/operators/ensure-initial-operators';
import { pinChangeRefusal, type LoginResult, type Operator, type OperatorService } from '../core/operators/operator-service';

export const TECH_UNLOCK_MS = 10 * 60_000;

type SessionHandlers = Pick<
  HandlerImpl,
  'session/operators' | 'session/login' | 'session/logout' | 'session/state' | 'session/changePin' | 'session/initFirstSupervisor' | 'tech/unlock' | 'tech/lock' | 'kiosk/exit' | 'tech/devtools'
>;

export type SessionControl = {
  handlers: SessionHandlers;
  /** Operator id logged in at the counter, or null. */
  currentOperatorId(): string | null;
  /** Throws forbidden unless the technician unlock is active. */
  requireTechnician(): void;
};

function refusal(r: Exclude<LoginResult, { ok: true }>): IpcFailure {
  switch (r.reason) {
    case 'locked':
      return new IpcFailure('forbidden', `too many wrong PINs: locked until ${r.lockedUntil ?? 'later'}`, 'locked', r.lockedUntil ? { lockedUntil: r.lockedUntil } : undefined);
    case 'inactive':
      return new IpcFailure('forbidden', 'this operator is deactivated', 'inactive');
    case 'unknown':
    case 'wrong-pin':
      // Same code for an unknown id and a wrong PIN. The tries left before the lockout (the core's count)
      // come only for a listed operator, whose id session/operators shows anyway.
      return r.attemptsLeft === undefined
        ? new IpcFailure('forbidden', 'wrong operator or PIN', 'wrong-pin')
        : new IpcFailure('forbidden', `wrong operator or PIN: ${r.attemptsLeft} attempts left`, 'wrong-pin', { attemptsLeft: r.attemptsLeft });
  }
}

export function createSessionHandlers(deps: {
  operators: OperatorService;
  clock: Clock;
  mode: 'counter' | 'kiosk';
  onKioskExit: (() => void) | null;
  /** The Electron shell opens its window's DevTools (null elsewhere: the browser has its own). */
  onOpenDevTools?: (() => Promise<void> | void) | null;
}): SessionControl {
  const { operators, clock, mode } = deps;
  let current: Operator | null = null;
  let technicianUntil: number | null = null;

  const state = (): SessionState => {
    if (technicianUntil !== null && technicianUntil <= clock.now()) technicianUntil = null;
    return {
      mode,
      operator: current ? { id: current.id, name: current.name, role: current.role } : null,
      mustChangePin: current?.mustChangePin ?? false,
      technicianUntil,
      firstRun: needsFirstSupervisor(operators),
    };
  };

  const technicianLogin = async (operatorId: string | undefined, pin: string): Promise<Operator> => {
    const r = await operators.login(operatorId ?? FIRST_RUN_TECHNICIAN.id, pin);
    if (!r.ok) throw refusal(r);
    if (r.operator.role !== 'technician') throw new IpcFailure('forbidden', 'a technician PIN is required', 'not-technician');
    // A seeded or reset technician PIN opens nothing until it is changed (issue #10 §2). Technicians do not log
    // in at the counter, so the change is `sportello operators change-pin` (the screen says so).
    if (pinChangeRefusal(r.operator)) throw new IpcFailure('forbidden', `${r.operator.id} must change the PIN first: sportello operators change-pin --id ${r.operator.id}`, 'must-change-pin');
    return r.operator;
  };

  return {
    currentOperatorId: () => current?.id ?? null,
    requireTechnician() {
      if (state().technicianUntil === null) throw new IpcFailure('forbidden', 'unlock the technician screen first', 'technician-locked');
    },
    handlers: {
      'session/operators': () =>
        operators
          .list()
          .filter((o) => o.active)
          .map((o) => ({ id: o.id, name: o.name, role: o.role })),
      'session/login': async ({ operatorId, pin }) => {
        if (mode === 'kiosk') throw new IpcFailure('conflict', 'kiosks run without operator login');
        const r = await operators.login(operatorId, pin);
        if (!r.ok) throw refusal(r);
        current = r.operator;
        return state();
      },
      'session/logout': () => {
        current = null;
        technicianUntil = null;
        return state();
      },
      'session/state': () => state(),
      'session/changePin': async ({ currentPin, newPin }) => {
        if (!current) throw new IpcFailure('unauthorized', 'log in first');
        current = await operators.changePin(current.id, currentPin, newPin);
        return state();
      },
      'session/initFirstSupervisor': async ({ operatorId, name, pin }) => {
        // A kiosk faces the public: its first operator comes from `sportello operators init` at install time.
        if (mode === 'kiosk') throw new IpcFailure('conflict', 'a kiosk gets its first operator from sportello operators init');
        // The core refuses once any operator exists (the same rule as `sportello operators init`).
        await initFirstSupervisor(operators, { id: operatorId, name, pin, role: 'supervisor' });
        return state(); // nobody is logged in: the normal login follows
      },
      'tech/unlock': async ({ pin, operatorId }) => {
        await technicianLogin(operatorId, pin);
        technicianUntil = clock.now() + TECH_UNLOCK_MS;
        return { until: technicianUntil };
      },
      'tech/lock': () => {
        technicianUntil = null;
        return { locked: true as const };
      },
      'kiosk/exit': async ({ pin, operatorId }) => {
        // Exit only through the technician PIN (issue #6 §1), even when the screen is unlocked.
        await technicianLogin(operatorId, pin);
        if (!deps.onKioskExit) throw new IpcFailure('not-implemented', 'this shell cannot leave kiosk mode');
        deps.onKioskExit();
        return { exiting: true as const };
      },
      'tech/devtools': async ({ pin, operatorId }) => {
        // Always the PIN (even when the screen is unlocked): DevTools can read and drive the session. The
        // login is journaled by the operators service.
        await technicianLogin(operatorId, pin);
        if (!deps.onOpenDevTools) throw new IpcFailure('not-implemented', 'this shell has no developer tools to open');
        await deps.onOpenDevTools();
        return { opened: true as const };
      },
    },
  };
}
