// Shared by `shift`, `operators` and `report`: opens the database named by --db / SPORTELLO_DB / config,
// builds the services, and maps their typed errors to one-line CLI failures.
// Exit codes: 0 ok · 2 bad input · 3 storage (main.ts) · 4 refused by the rules (warnings, role, state).
import { MoneyInputError, parseEuroInput } from '../../../common/money';
import { systemClock } from '../../../common/clock';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { OperatorError } from '../../core/operators/errors';
import { createShiftServices, type ShiftServices } from '../../core/shifts/create-shift-services';
import { ShiftError } from '../../core/shifts/errors';
import { openDatabase, type Db } from '../../core/store/database';
import { CliError } from '../command';

export const EXIT_REFUSED = 4;

export const DB_FLAGS = { db: { type: 'string' }, config: { type: 'string' } } as const;

export type ShiftContext = ShiftServices & { db: Db; terminalId: string; dbFile: string };

export async function openShiftContext(values: { db?: string; config?: string }): Promise<ShiftContext> {
  const config = loadConfig(values.config);
  const dbFile = databasePathFor(config, values.db);
  const db = openDatabase(dbFile);
  try {
    const services = await createShiftServices({ db, clock: systemClock, terminalId: config.terminal.id, demo: config.node.url === null });
    return { ...services, db, terminalId: config.terminal.id, dbFile };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs `fn` with an open context, always closing the database, and turns domain errors into CliError. */
export async function withShiftContext<T>(values: { db?: string; config?: string }, fn: (ctx: ShiftContext) => Promise<T> | T): Promise<T> {
  const ctx = await openShiftContext(values);
  try {
    return await fn(ctx);
  } catch (err) {
    throw toCliError(err);
  } finally {
    ctx.db.close();
  }
}

export function toCliError(err: unknown): unknown {
  if (err instanceof OperatorError) return new CliError(err.message, err.kind === 'invalid-input' ? 2 : EXIT_REFUSED);
  if (err instanceof ShiftError) return new CliError(err.message, err.kind === 'invalid-input' ? 2 : EXIT_REFUSED);
  if (err instanceof MoneyInputError) return new CliError(`invalid amount: ${err.message}`);
  return err;
}

export function euroFlag(value: string | undefined, flag: string): number {
  if (value === undefined) throw new CliError(`missing required option --${flag} EUR (e.g. --${flag} 150,00)`);
  try {
    return parseEuroInput(value);
  } catch (err) {
    if (err instanceof MoneyInputError) throw new CliError(`--${flag}: ${err.message}`);
    throw err;
  }
}

/** Optional --pin: when given, the operator must log in (journaled, counts towards lockout). */
export async function checkPin(ctx: ShiftContext, operatorId: string, pin: string | undefined): Promise<void> {
  if (pin === undefined) return;
  const r = await ctx.operators.login(operatorId, pin);
  if (!r.ok) throw new CliError(`login refused for ${operatorId}: ${r.reason}${r.lockedUntil ? ` until ${r.lockedUntil}` : ''}${r.attemptsLeft !== undefined ? ` (${r.attemptsLeft} attempts left)` : ''}`, EXIT_REFUSED);
}
