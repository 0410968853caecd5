// First run: a terminal with no operators gets the installer's technician account, PIN 000000, which
// must be changed at first login (the installer sets real PINs and creates the shop's operators).
// The embedded demo configuration (no node URL: simulator) also gets a ready-to-use clerk and supervisor.
import type { NewOperator, OperatorService } from './operator-service';

export const FIRST_RUN_TECHNICIAN = { id: 'tech', name: 'Tecnico installatore', role: 'technician', pin: '000000' } as const;
export const DEMO_OPERATORS = [
  { id: 'mario', name: 'Mario Rossi', role: 'clerk', pin: '1234' },
  { id: 'anna', name: 'Anna Bianchi', role: 'supervisor', pin: '5678' },
] as const;

/** Creates the first-run accounts when the operators table is empty; returns the ids created. */
export function ensureInitialOperators(ops: OperatorService, opts: { demo: boolean }): Promise<string[]> {
  const accounts: NewOperator[] = [{ ...FIRST_RUN_TECHNICIAN, mustChangePin: !opts.demo }];
  if (opts.demo) accounts.push(...DEMO_OPERATORS.map((d) => ({ ...d })));
  return ops.bootstrap(accounts);
}
