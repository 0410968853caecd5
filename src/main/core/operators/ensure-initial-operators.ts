// First run (issue #10 §2). Demo accounts exist ONLY in demo mode — the embedded simulator started by
// `sportello serve` / `npm start` (createApp's `demoAccounts`): a technician, a clerk and a supervisor with
// well-known PINs. Outside demo mode nothing is created implicitly: the first supervisor is created by
// `sportello operators init` (PIN from standard input) or the first-run screen (`initFirstSupervisor`), and
// a technician PIN is never 000000.
import { OperatorError } from './errors';
import { validatePin, type NewOperator, type Operator, type OperatorService } from './operator-service';

export const FIRST_RUN_TECHNICIAN = { id: 'tech', name: 'Tecnico installatore', role: 'technician', pin: '000000' } as const;
export const DEMO_OPERATORS = [
  { id: 'mario', name: 'Mario Rossi', role: 'clerk', pin: '1234' },
  { id: 'anna', name: 'Anna Bianchi', role: 'supervisor', pin: '5678' },
] as const;

/**
 * Creates the demo accounts when the operators table is empty; returns the ids created. `demo: false`
 * creates nothing (kept for callers that pass the mode through): production has no implicit operator.
 */
export function ensureInitialOperators(ops: OperatorService, opts: { demo: boolean }): Promise<string[]> {
  if (!opts.demo) return Promise.resolve([]);
  const accounts: NewOperator[] = [{ ...FIRST_RUN_TECHNICIAN }, ...DEMO_OPERATORS.map((d) => ({ ...d }))];
  return ops.bootstrap(accounts);
}

/** True while no operator exists: the terminal must ask for its first supervisor before anything else. */
export function needsFirstSupervisor(ops: OperatorService): boolean {
  return ops.count() === 0;
}

/**
 * Production first run: creates the first supervisor (or, for an installer who sets the terminal up, the
 * technician: only a technician can create technicians) with the PIN they chose. Refused ('duplicate') once any
 * operator exists, so it cannot be used to add a supervisor later.
 */
export async function initFirstSupervisor(ops: OperatorService, input: { id: string; name: string; pin: string; role?: 'supervisor' | 'technician' }): Promise<Operator> {
  const role = input.role ?? 'supervisor';
  if (role !== 'supervisor' && role !== 'technician') throw new OperatorError('invalid-input', 'the first operator is a supervisor or a technician');
  if (role === 'technician' && input.pin === FIRST_RUN_TECHNICIAN.pin) throw new OperatorError('invalid-input', 'a technician PIN cannot be 000000');
  validatePin(input.pin);
  if (!/^[a-z0-9]{1,32}$/.test(input.id)) throw new OperatorError('invalid-input', 'the operator id must be 1–32 lower-case letters or digits');
  if (!input.name.trim()) throw new OperatorError('invalid-input', 'the operator name is empty');
  if (ops.count() > 0) throw new OperatorError('duplicate', 'operators already exist: the first supervisor is created only on an empty terminal (use operators add)');
  const created = await ops.bootstrap([{ id: input.id, name: input.name.trim(), role, pin: input.pin, mustChangePin: false }]);
  if (created.length === 0) throw new OperatorError('duplicate', 'operators already exist: the first supervisor is created only on an empty terminal (use operators add)');
  const op = ops.get(input.id);
  if (!op) throw new OperatorError('unknown-operator', `no operator ${input.id}`);
  return op;
}
