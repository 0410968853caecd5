// The CLI (runCli in-process, plus one spawn of bin/sportello) against a real database file: shift,
// report x|z, operators (issue #4 §5–§6).
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/common/clock';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase } from '../../src/main/core/store/database';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { insertPayment, tempDb } from './operators-test-db';
import { seedCliAccounts } from './cli-accounts';

const BIN = path.resolve(__dirname, '../../bin/sportello');

let t: ReturnType<typeof tempDb>;
type Run = { code: number | null; stdout: string; stderr: string; json: () => any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** PINs the helper pipes in for `--operator X` / `--by X` (never on the command line: issue #10 §2). */
const PINS: Record<string, string> = { mario: '1234', anna: '5678', luca: '2468' };

/**
 * The CLI in-process (same runCli as bin/sportello, each call opens and closes the database file); the
 * acting operator's PIN arrives on standard input.
 */
async function cli(...args: string[]): Promise<Run> {
  const at = args.findIndex((a) => a === '--operator' || a === '--by');
  const who = at >= 0 ? args[at + 1] : undefined;
  return cliIn(who && PINS[who] ? `${PINS[who]}\n` : '', ...args);
}

/** The CLI in-process with `stdin` as its standard input (PINs, one line each). */
async function cliIn(stdin: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}), stdin: Readable.from([stdin]) };
  const code = await runCli([...args, '--db', t.file], io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

function withDb(fn: (db: ReturnType<typeof openDatabase>) => void) {
  const db = openDatabase(t.file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  process.env.SPORTELLO_CONFIG = '';
  t = tempDb();
  t.db.close(); // the CLI processes own the file; the test opens it briefly to add payment rows
  await seedCliAccounts(t.file); // no command creates operators implicitly (issue #10 §2)
});
afterAll(() => t.cleanup());

describe('sportello shift / report / operators', () => {
  it('runs a whole day: open, cash in/out, X, refused Z, acknowledged Z, stored Z', async () => {
    expect((await cli('report', 'x')).code).toBe(4); // nothing open yet
    const open = await cli('shift', 'open', '--operator', 'mario', '--float', '150,00');
    expect(open.code).toBe(0);
    expect(open.json().shift).toMatchObject({ openedBy: 'mario', floatCents: 15_000 });
    expect((await cli('shift', 'open', '--operator', 'anna', '--float', '0')).code).toBe(4);
    expect((await cli('shift', 'cash-in', '--operator', 'mario', '--amount', '20', '--reason', 'monete')).code).toBe(0);
    expect((await cli('shift', 'cash-out', '--operator', 'mario', '--amount', '1.000,00', '--reason', 'cassaforte')).json().movement).toMatchObject({ kind: 'out', cents: 100_000 });
    withDb((db) => {
      const now = Date.now();
      insertPayment(db, { state: 'printed', method: 'cash', amountCents: 10_000, collectedAt: now });
      insertPayment(db, { state: 'printed', method: 'card', amountCents: 5_000, collectedAt: now });
      insertPayment(db, { state: 'exception', method: 'cash', amountCents: 3_000, collectedAt: now });
    });
    const x = await cli('report', 'x', '--lang', 'en');
    expect(x.code).toBe(0);
    expect(x.json()).toMatchObject({
      kind: 'X',
      byMethod: { cash: { count: 2, totalCents: 13_400, feeCents: 400 }, card: { count: 1, totalCents: 5_200 } },
      cashInCents: 2_000,
      cashOutCents: 100_000,
      cashExpectedCents: 15_000 + 13_400 + 2_000 - 100_000,
      exceptionsOpen: 1,
      warnings: ['exceptions-open'],
    });
    expect(x.json().print.title).toBe('X REPORT (INTERIM)');
    const status = (await cli('shift', 'status')).json();
    expect(status.closeWarnings).toEqual(['1 exception(s) still open']);

    const refused = await cli('report', 'z', '--operator', 'mario', '--counted', '-700');
    expect(refused.code).toBe(2); // negative amount is bad input
    const noAck = await cli('report', 'z', '--operator', 'mario', '--counted', '0');
    expect(noAck.code).toBe(4);
    expect(noAck.stderr).toMatch(/^cannot close: 1 exception\(s\) still open \(acknowledge to close anyway\)\n$/);
    expect((await cli('report', 'z', '--operator', 'mario', '--counted', '0', '--acknowledge')).stderr).toMatch(/needs a supervisor/);
    const z = await cli('report', 'z', '--operator', 'anna', '--counted', '0', '--acknowledge', '--lang', 'it');
    expect(z.code).toBe(0);
    expect(z.stderr).toMatch(/^WARNING: Z 1 closed over: 1 exception/);
    expect(z.json()).toMatchObject({ kind: 'Z', number: 1, warningsAcknowledged: true, cashCountedCents: 0, differenceCents: 69_600 });
    expect(z.json().print.title).toBe('CHIUSURA Z N. 1');
    expect((await cli('shift', 'status')).json()).toMatchObject({ shift: null, lastZ: { number: 1 } });
    expect((await cli('report', 'z', '--number', '1')).json()).toMatchObject({ number: 1, intact: true, contentHash: z.json().contentHash });
    expect((await cli('report', 'z', '--list')).json()).toHaveLength(1);
    expect((await cli('report', 'z', '--operator', 'anna', '--counted', '0')).code).toBe(4); // no shift open
    expect((await cli('journal', 'verify')).code).toBe(0);
    // The same through the real launcher (bundled CLI in a child process).
    const r = spawnSync(process.execPath, [BIN, 'report', 'z', '--list', '--db', t.file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, SPORTELLO_CONFIG: '', SPORTELLO_DB: '' } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ number: 1, issuedBy: 'anna', warningsAcknowledged: true })]);
  });

  it('operators: add needs a supervisor, wrong PIN locks, a supervisor unlocks, seeded PINs must be changed', async () => {
    expect((await cliIn('1234\n2468\n', 'operators', 'add', '--id', 'luca', '--name', 'Luca Verdi', '--role', 'clerk', '--by', 'mario')).code).toBe(4);
    const add = await cliIn('5678\n1111\n', 'operators', 'add', '--id', 'luca', '--name', 'Luca Verdi', '--role', 'clerk', '--by', 'anna');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).not.toMatch(/1111|scrypt/);
    expect(add.json()).toMatchObject({ id: 'luca', role: 'clerk', mustChangePin: true });
    // A PIN someone else chose must be changed before the operator acts.
    const seeded = await cliIn('1111\n', 'shift', 'open', '--operator', 'luca', '--float', '0');
    expect(seeded.code).toBe(4);
    expect(seeded.stderr).toMatch(/luca must change the PIN first: sportello operators change-pin/);
    expect((await cliIn('1111\n2468\n', 'operators', 'change-pin', '--id', 'luca')).json()).toMatchObject({ id: 'luca', mustChangePin: false });
    expect((await cliIn('0000\n', 'shift', 'open', '--operator', 'luca', '--float', '0')).stderr).toMatch(/^login refused for luca: wrong-pin \(4 attempts left\)\n$/);
    // Four more failures in-process (the lockout itself is covered in operators-service.test.ts).
    const db = openDatabase(t.file);
    try {
      const ops = new OperatorService({ db, clock: systemClock });
      for (let i = 0; i < 4; i++) await ops.login('luca', '0000');
    } finally {
      db.close();
    }
    const locked = await cli('shift', 'open', '--operator', 'luca', '--float', '0');
    expect(locked.code).toBe(4);
    expect(locked.stderr).toMatch(/login refused for luca: locked until/);
    expect((await cli('operators', 'unlock', '--id', 'luca', '--by', 'anna')).json()).toMatchObject({ id: 'luca', failedAttempts: 0, lockedUntil: null });
    expect((await cli('shift', 'open', '--operator', 'luca', '--float', '0')).code).toBe(0);
    const list = (await cli('operators', 'list')).json() as { id: string }[];
    expect(list.map((o) => o.id)).toEqual(['anna', 'luca', 'mario']);
    expect((await cliIn('5678\n1234\n', 'operators', 'add', '--id', 'x', '--name', 'X', '--role', 'boss', '--by', 'anna')).code).toBe(2);
    // A technician PIN is never the installer's well-known 000000 outside demo mode.
    expect((await cliIn('5678\n000000\n', 'operators', 'add', '--id', 'tec', '--name', 'T', '--role', 'technician', '--by', 'anna')).stderr).toMatch(/cannot be 000000/);
    // PINs on the command line are refused with where to put them.
    const flag = await cli('shift', 'open', '--operator', 'mario', '--float', '0', '--pin', '1234');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--pin is refused: .*standard input/);
    const byPin = await cli('operators', 'unlock', '--id', 'luca', '--by', 'anna', '--by-pin', '5678');
    expect(byPin.code).toBe(2);
    expect(byPin.stderr + byPin.stdout).not.toContain('5678');
  });

  it('operators init: only on an empty terminal, PIN from standard input; CLI commands create no demo account (issue #10 §2)', async () => {
    const fresh = tempDb();
    fresh.db.close();
    const onFresh = async (stdin: string, ...args: string[]) => {
      const saved = t;
      t = fresh;
      try {
        return await cliIn(stdin, ...args);
      } finally {
        t = saved;
      }
    };
    try {
      // Every kind of command on a fresh database: none creates an operator.
      expect((await onFresh('', 'report', 'x')).code).toBe(4);
      expect((await onFresh('5678\n', 'shift', 'open', '--operator', 'anna', '--float', '0')).stderr).toMatch(/login refused for anna: unknown/);
      expect((await onFresh('5678\n1234\n', 'operators', 'add', '--id', 'eve', '--name', 'Eve', '--role', 'supervisor', '--by', 'anna')).code).toBe(4);
      expect((await onFresh('', 'operators', 'list')).json()).toEqual([]);
      expect((await onFresh('', 'operators', 'init', '--id', 'boss', '--name', 'Capo')).code).toBe(2); // no PIN on stdin
      const init = await onFresh('4321\n', 'operators', 'init', '--id', 'boss', '--name', 'Capo Ufficio');
      expect(init.code, init.stderr).toBe(0);
      expect(init.json()).toMatchObject({ id: 'boss', role: 'supervisor', mustChangePin: false });
      const again = await onFresh('9999\n', 'operators', 'init', '--id', 'eve', '--name', 'Eve');
      expect(again.code).toBe(4);
      expect(again.stderr).toMatch(/operators already exist/);
      expect(((await onFresh('', 'operators', 'list')).json() as { id: string }[]).map((o) => o.id)).toEqual(['boss']);
      expect((await onFresh('4321\n', 'shift', 'open', '--operator', 'boss', '--float', '10')).code).toBe(0);
    } finally {
      fresh.cleanup();
    }
  });
});
