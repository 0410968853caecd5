// Shared by `shift`, `operators` and `report`. A command that changes something builds the terminal from
// THE composition root (createApp, headless, no devices) so it meets the same rules and the same writer
// lock as the counter; a command that only reads opens the database read-only. Typed errors become
// one-line CLI failures.
// Exit codes: 0 ok · 2 bad input · 3 storage (main.ts; also "in use by another program") · 4 refused by the
// rules (warnings, role, state).
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../app/create-app';
import { MoneyInputError, parseEuroInput } from '../../../common/money';
import { systemClock } from '../../../common/clock';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { OperatorError } from '../../core/operators/errors';
import { pinChangeRefusal, type Operator } from '../../core/operators/operator-service';
import { createShiftServices, type ShiftServices } from '../../core/shifts/create-shift-services';
import { ShiftError } from '../../core/shifts/errors';
import { openDatabase, type Db } from '../../core/store/database';
import { CliError, type CliIo } from '../command';
import { readPins } from '../secret-input';

export const EXIT_REFUSED = 4;

export const DB_FLAGS = { db: { type: 'string' }, config: { type: 'string' } } as const;

export type ShiftContext = Pick<ShiftServices, 'operators' | 'shifts'> & { db: Db; terminalId: string; dbFile: string; close(): Promise<void> };

export type ShiftContextOptions = {
  /**
   * Open the database read-only (report x, shift status, operators list): works while the terminal holds
   * it as the one writer (issue #9 §3). Otherwise the writer lock is taken, or StoreError 'in-use' (exit 3).
   */
  readOnly?: boolean;
  /** How this command names itself to a refused second writer (e.g. 'shift open'). */
  command?: string;
};

export async function openShiftContext(values: { db?: string; config?: string }, opts: ShiftContextOptions = {}): Promise<ShiftContext> {
  const config = loadConfig(values.config);
  const dbFile = databasePathFor(config, values.db);
  if (opts.readOnly && !fs.existsSync(dbFile)) throw new CliError(`no database at ${dbFile}`);
  if (!opts.readOnly) {
    const app = await createApp({
      config,
      dataDir: path.dirname(path.resolve(dbFile)),
      dbFile,
      headless: true,
      devices: 'none',
      recover: false,
      ...(opts.command ? { writerLabel: `sportello ${opts.command}` } : {}),
    });
    const { operators, shifts } = app.services;
    return { operators, shifts, db: app.db, terminalId: config.terminal.id, dbFile, close: () => app.close() };
  }
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const services = await createShiftServices({ db, clock: systemClock, terminalId: config.terminal.id, demo: config.node.url === null, readOnly: true });
    return {
      operators: services.operators,
      shifts: services.shifts,
      db,
      terminalId: config.terminal.id,
      dbFile,
      close: async () => {
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs `fn` with an open context, always closing the database, and turns domain errors into CliError. */
export async function withShiftContext<T>(values: { db?: string; config?: string }, fn: (ctx: ShiftContext) => Promise<T> | T, opts: ShiftContextOptions = {}): Promise<T> {
  const ctx = await openShiftContext(values, opts);
  try {
    return await fn(ctx);
  } catch (err) {
    throw toCliError(err);
  } finally {
    await ctx.close();
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

export const MUST_CHANGE_PIN = (id: string): string => `${id} must change the PIN first: sportello operators change-pin --id ${id} (current and new PIN on standard input)`;

/** The core's rule (pinChangeRefusal: a seeded or reset PIN is changed before acting), with the command that does it. */
export function requirePinChanged(op: Operator): void {
  if (pinChangeRefusal(op)) throw new CliError(MUST_CHANGE_PIN(op.id), EXIT_REFUSED);
}

/**
 * The operator this command acts for proves their PIN, read from standard input (one line per PIN, or a
 * hidden prompt on a terminal; never the command line — issue #10 §2/§4). Journaled, counts towards
 * lockout; an operator whose PIN was seeded or reset must change it first.
 */
export async function checkPin(ctx: ShiftContext, operatorId: string, pin: string): Promise<void> {
  const r = await ctx.operators.login(operatorId, pin);
  if (!r.ok)
    throw new CliError(
      `login refused for ${operatorId}: ${r.reason}${r.lockedUntil ? ` until ${r.lockedUntil}` : ''}${r.attemptsLeft !== undefined ? ` (${r.attemptsLeft} attempts left)` : ''}`,
      EXIT_REFUSED,
    );
  requirePinChanged(r.operator);
}

/** Reads the acting operator's PIN from standard input (before the database is opened). */
export async function pinFor(io: CliIo, operatorId: string): Promise<string> {
  const [pin = ''] = await readPins(io, [`PIN for ${operatorId}: `]);
  return pin;
}
