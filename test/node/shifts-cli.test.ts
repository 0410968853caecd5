// The CLI (runCli in-process, plus one spawn of bin/sportello) against a real database file: shift,
// report x|z, operators (issue #4 §5–§6).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/common/clock';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase } from '../../src/main/core/store/database';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { insertPayment, tempDb } from './operators-test-db';

const BIN = path.resolve(__dirname, '../../bin/sportello');

let t: ReturnType<typeof tempDb>;
type Run = { code: number | null; stdout: string; stderr: string; json: () => any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The CLI in-process (same runCli as bin/sportello, each call opens and closes the database file). */
async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}) };
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

beforeAll(() => {
  process.env.SPORTELLO_CONFIG = '';
  t = tempDb();
  t.db.close(); // the CLI processes own the file; the test opens it briefly to add payment rows
});
afterAll(() => t.cleanup());

describe('sportello shift / report / operators', () => {
  it('runs a whole day: open, cash in/out, X, refused Z, acknowledged Z, stored Z', async () => {
    expect((await cli('report', 'x')).code).toBe(4); // nothing open yet (first run also created the demo operators)
    const open = await cli('shift', 'open', '--operator', 'mario', '--float', '150,00', '--pin', '1234');
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

  it('operators: add needs a supervisor, wrong --pin locks, a supervisor unlocks', async () => {
    expect((await cli('operators', 'add', '--id', 'luca', '--name', 'Luca Verdi', '--role', 'clerk', '--pin', '2468', '--by', 'mario')).code).toBe(4);
    const add = await cli('operators', 'add', '--id', 'luca', '--name', 'Luca Verdi', '--role', 'clerk', '--pin', '2468', '--by', 'anna', '--by-pin', '5678');
    expect(add.code).toBe(0);
    expect(add.stdout).not.toMatch(/2468|scrypt/);
    expect(add.json()).toMatchObject({ id: 'luca', role: 'clerk' });
    expect((await cli('shift', 'open', '--operator', 'luca', '--float', '0', '--pin', '0000')).stderr).toMatch(/^login refused for luca: wrong-pin \(4 attempts left\)\n$/);
    // Four more failures in-process (the lockout itself is covered in operators-service.test.ts).
    const db = openDatabase(t.file);
    try {
      const ops = new OperatorService({ db, clock: systemClock });
      for (let i = 0; i < 4; i++) await ops.login('luca', '0000');
    } finally {
      db.close();
    }
    const locked = await cli('shift', 'open', '--operator', 'luca', '--float', '0', '--pin', '2468');
    expect(locked.code).toBe(4);
    expect(locked.stderr).toMatch(/login refused for luca: locked until/);
    expect((await cli('operators', 'unlock', '--id', 'luca', '--by', 'anna')).json()).toMatchObject({ id: 'luca', failedAttempts: 0, lockedUntil: null });
    expect((await cli('shift', 'open', '--operator', 'luca', '--float', '0', '--pin', '2468')).code).toBe(0);
    const list = (await cli('operators', 'list')).json() as { id: string }[];
    expect(list.map((o) => o.id)).toEqual(['anna', 'luca', 'mario', 'tech']);
    expect((await cli('operators', 'add', '--id', 'x', '--name', 'X', '--role', 'boss', '--pin', '1234', '--by', 'anna')).code).toBe(2);
  });
});
