import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { verifyJournal } from '../../src/main/core/journal/journal';
import { ensureInitialOperators, initFirstSupervisor, needsFirstSupervisor } from '../../src/main/core/operators/ensure-initial-operators';
import { OperatorError } from '../../src/main/core/operators/errors';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { FAST_SCRYPT, journalTypes, tempDb } from './operators-test-db';

let t: ReturnType<typeof tempDb>;
let db: Db;
let clock: ManualClock;
let ops: OperatorService;

beforeEach(async () => {
  t = tempDb();
  db = t.db;
  clock = new ManualClock();
  ops = new OperatorService({ db, clock, scryptParams: FAST_SCRYPT });
  await ensureInitialOperators(ops, { demo: true });
});
afterEach(() => t.cleanup());

const kindOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof OperatorError ? err.kind : `not-operator-error: ${String(err)}`;
  }
  return undefined;
};

describe('first run', () => {
  it('creates no operator on a production terminal; the first supervisor is created once, with their own PIN (issue #10 §2)', async () => {
    const t2 = tempDb();
    try {
      const ops2 = new OperatorService({ db: t2.db, clock, scryptParams: FAST_SCRYPT });
      expect(await ensureInitialOperators(ops2, { demo: false })).toEqual([]);
      expect(ops2.list()).toEqual([]);
      expect(needsFirstSupervisor(ops2)).toBe(true);
      await expect(initFirstSupervisor(ops2, { id: 'boss', name: 'Capo', pin: '12' })).rejects.toMatchObject({ kind: 'invalid-input' });
      const boss = await initFirstSupervisor(ops2, { id: 'boss', name: 'Capo', pin: '739164' });
      expect(boss).toMatchObject({ id: 'boss', role: 'supervisor', mustChangePin: false });
      expect(needsFirstSupervisor(ops2)).toBe(false);
      await expect(initFirstSupervisor(ops2, { id: 'eve', name: 'Eve', pin: '111111' })).rejects.toMatchObject({ kind: 'duplicate' });
      // A technician PIN is never 000000 outside demo mode: not at creation, reset or change.
      await expect(ops2.create({ id: 'tech', name: 'Tecnico', role: 'technician', pin: '000000' }, 'boss')).rejects.toMatchObject({ kind: 'invalid-input' });
    } finally {
      t2.cleanup();
    }
    const t3 = tempDb();
    try {
      const ops3 = new OperatorService({ db: t3.db, clock, scryptParams: FAST_SCRYPT });
      await expect(initFirstSupervisor(ops3, { id: 'tech', name: 'Tecnico', pin: '000000', role: 'technician' })).rejects.toMatchObject({ kind: 'invalid-input' });
      await initFirstSupervisor(ops3, { id: 'tech', name: 'Tecnico', pin: '482913', role: 'technician' });
      await ops3.create({ id: 'tech2', name: 'Tecnico 2', role: 'technician', pin: '582913', mustChangePin: true }, 'tech');
      await expect(ops3.changePin('tech2', '582913', '000000')).rejects.toMatchObject({ kind: 'invalid-input' });
      await expect(ops3.resetPin('tech2', '000000', 'tech')).rejects.toMatchObject({ kind: 'invalid-input' });
      expect(ops3.get('tech2')?.mustChangePin).toBe(true);
    } finally {
      t3.cleanup();
    }
  });

  it('the demo configuration has a clerk and a supervisor ready to log in', async () => {
    expect(ops.list().map((o) => [o.id, o.role])).toEqual([
      ['anna', 'supervisor'],
      ['mario', 'clerk'],
      ['tech', 'technician'],
    ]);
    const r = await ops.login('mario', '1234');
    expect(r).toMatchObject({ ok: true, operator: { id: 'mario', role: 'clerk', mustChangePin: false } });
  });
});

describe('login and lockout', () => {
  it('wrong PINs count down, the 5th locks for 5 minutes, then it unlocks by itself', async () => {
    for (let i = 1; i <= 4; i++) expect(await ops.login('mario', '9999')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 5 - i });
    const locked = await ops.login('mario', '9999');
    expect(locked).toMatchObject({ ok: false, reason: 'locked', attemptsLeft: 0 });
    const until = new Date(clock.now() + 5 * 60_000).toISOString();
    expect(locked.ok === false && locked.lockedUntil).toBe(until);
    // Even the right PIN is refused while locked.
    expect(await ops.login('mario', '1234')).toEqual({ ok: false, reason: 'locked', lockedUntil: until });
    clock.advance(5 * 60_000 - 1);
    expect((await ops.login('mario', '1234')).ok).toBe(false);
    clock.advance(1);
    expect(await ops.login('mario', '1234')).toMatchObject({ ok: true });
    expect(ops.get('mario')?.failedAttempts).toBe(0);
  });

  it('a good login resets the failure count', async () => {
    await ops.login('mario', '0000');
    await ops.login('mario', '0000');
    expect((await ops.login('mario', '1234')).ok).toBe(true);
    expect(await ops.login('mario', '0000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('after an expired lock the count starts again from zero', async () => {
    for (let i = 0; i < 5; i++) await ops.login('mario', '0000');
    clock.advance(5 * 60_000);
    expect(await ops.login('mario', '0000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('unknown ids are refused as unknown', async () => {
    expect(await ops.login('nobody', '1234')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('a supervisor unlocks; a clerk cannot', async () => {
    for (let i = 0; i < 5; i++) await ops.login('mario', '0000');
    await ops.create({ id: 'luca', name: 'Luca', role: 'clerk', pin: '2468' }, 'anna');
    expect(kindOf(() => ops.unlock('mario', 'luca'))).toBe('forbidden');
    const u = ops.unlock('mario', 'anna');
    expect(u).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await ops.login('mario', '1234')).ok).toBe(true);
  });

  it('journals logins, failures, lockouts and unlocks, and the chain verifies', async () => {
    await ops.login('mario', '1234');
    for (let i = 0; i < 5; i++) await ops.login('mario', '0000');
    ops.unlock('mario', 'anna');
    const types = journalTypes(db);
    expect(types.slice(0, 3)).toEqual(['operator.created', 'operator.created', 'operator.created']);
    expect(types.slice(3)).toEqual(['operator.login', ...Array(5).fill('operator.login-failed'), 'operator.locked', 'operator.unlocked']);
    const locked = db.prepare("SELECT operator_id, data FROM journal WHERE type = 'operator.locked'").get() as { operator_id: string; data: string };
    expect(locked.operator_id).toBe('mario');
    expect(JSON.parse(locked.data)).toMatchObject({ attempts: 5 });
    expect(verifyJournal(db)).toMatchObject({ ok: true, count: types.length });
    // No PIN or hash ever reaches the journal.
    const all = (db.prepare('SELECT data FROM journal').all() as { data: string }[]).map((r) => r.data).join('\n');
    expect(all).not.toMatch(/1234|scrypt\$/);
  });
});

describe('roles', () => {
  it('requireRole orders clerk < supervisor < technician', () => {
    expect(ops.requireRole('mario', 'clerk').id).toBe('mario');
    expect(kindOf(() => ops.requireRole('mario', 'supervisor'))).toBe('forbidden');
    expect(ops.requireRole('anna', 'supervisor').role).toBe('supervisor');
    expect(kindOf(() => ops.requireRole('anna', 'technician'))).toBe('forbidden');
    expect(ops.requireRole('tech', 'supervisor').role).toBe('technician');
    expect(kindOf(() => ops.requireRole('ghost', 'clerk'))).toBe('unknown-operator');
  });

  it('only supervisors create operators, never above their own role', async () => {
    await expect(ops.create({ id: 'x1', name: 'X', role: 'clerk', pin: '1357' }, 'mario')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ops.create({ id: 'x2', name: 'X', role: 'technician', pin: '1357' }, 'anna')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await ops.bootstrap([{ id: 'x3', name: 'X', role: 'technician', pin: '1357' }])).toEqual([]);
    await expect(ops.create({ id: 'mario', name: 'X', role: 'clerk', pin: '1357' }, 'anna')).rejects.toMatchObject({ kind: 'duplicate' });
    await expect(ops.create({ id: 'Bad Id', name: 'X', role: 'clerk', pin: '1357' }, 'anna')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(ops.create({ id: 'x4', name: 'X', role: 'clerk', pin: '12a4' }, 'anna')).rejects.toMatchObject({ kind: 'invalid-input' });
    const made = await ops.create({ id: 'x5', name: 'Xena', role: 'supervisor', pin: '1357' }, 'tech');
    expect(made.role).toBe('supervisor');
  });

  it('a deactivated operator can neither log in nor act', async () => {
    ops.setActive('mario', false, 'anna');
    expect(await ops.login('mario', '1234')).toEqual({ ok: false, reason: 'inactive' });
    expect(kindOf(() => ops.requireRole('mario', 'clerk'))).toBe('inactive');
  });

  it('a supervisor PIN reset forces a change at next login', async () => {
    await ops.resetPin('mario', '8080', 'anna');
    const r = await ops.login('mario', '8080');
    expect(r.ok && r.operator.mustChangePin).toBe(true);
    await expect(ops.changePin('mario', '0000', '9191')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ops.changePin('mario', '8080', '8080')).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});

describe('first run from two processes at once', () => {
  it('a second Sportello writer is refused before it can bootstrap', () => {
    const t2 = tempDb();
    try {
      expect(() => openDatabase(t2.file)).toThrow(expect.objectContaining({ kind: 'in-use' }));
    } finally {
      t2.cleanup();
    }
  });

  it('only one connection bootstraps; the other creates nothing', async () => {
    const t2 = tempDb();
    // openDatabase refuses a second writer (writer-lock.ts); a raw connection stands for a program that
    // bypasses it, to show the bootstrap's own transaction guard still holds.
    const other = new Database(t2.file, { timeout: 2000 });
    try {
      const a = new OperatorService({ db: t2.db, clock, scryptParams: FAST_SCRYPT });
      const b = new OperatorService({ db: other, clock, scryptParams: FAST_SCRYPT });
      const [ra, rb] = await Promise.all([ensureInitialOperators(a, { demo: true }), ensureInitialOperators(b, { demo: true })]);
      expect([ra, rb].map((r) => r.length).sort()).toEqual([0, 3]);
      expect(a.list()).toHaveLength(3);
      expect(journalTypes(t2.db)).toEqual(['operator.created', 'operator.created', 'operator.created']);
    } finally {
      other.close();
      t2.cleanup();
    }
  });
});
