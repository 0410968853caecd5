import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { ensureInitialOperators } from '../../src/main/core/operators/ensure-initial-operators';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { OperatorSession } from '../../src/main/core/operators/operator-session';
import { FAST_SCRYPT, journalTypes, tempDb } from './operators-test-db';

let t: ReturnType<typeof tempDb>;
let clock: ManualClock;
let session: OperatorSession;

beforeEach(async () => {
  t = tempDb();
  clock = new ManualClock();
  const ops = new OperatorService({ db: t.db, clock, scryptParams: FAST_SCRYPT });
  await ensureInitialOperators(ops, { demo: true });
  session = new OperatorSession({ operators: ops, clock, idleMs: 60_000 });
});
afterEach(() => t.cleanup());

describe('operator session', () => {
  it('signs in with a PIN, stays active while used, locks when idle, resumes with the PIN', async () => {
    expect(session.state()).toEqual({ status: 'signed-out' });
    expect(() => session.requireActive()).toThrow(/no operator/);
    expect((await session.login('mario', '9999')).ok).toBe(false);
    expect(session.state().status).toBe('signed-out');
    expect((await session.login('mario', '1234')).ok).toBe(true);
    clock.advance(50_000);
    expect(session.requireActive('clerk').id).toBe('mario'); // activity
    clock.advance(50_000);
    expect(session.state()).toMatchObject({ status: 'active', idleRemainingMs: 10_000 });
    expect(() => session.requireActive('supervisor')).toThrow(/needs a supervisor/);
    clock.advance(60_000);
    expect(session.state()).toMatchObject({ status: 'locked', operator: { id: 'mario' } });
    expect(() => session.requireActive()).toThrow(/locked/);
    expect((await session.login('mario', '1234')).ok).toBe(true);
    expect(session.state().status).toBe('active');
    expect(journalTypes(t.db).slice(3)).toEqual(['operator.login-failed', 'operator.login', 'operator.logout', 'operator.login']);
  });

  it('switching operator logs the previous one out; logout ends the session', async () => {
    await session.login('mario', '1234');
    await session.login('anna', '5678');
    expect(session.requireActive('supervisor').id).toBe('anna');
    session.logout();
    expect(session.state().status).toBe('signed-out');
    const out = t.db.prepare("SELECT operator_id, data FROM journal WHERE type = 'operator.logout' ORDER BY seq").all() as { operator_id: string; data: string }[];
    expect(out.map((r) => [r.operator_id, JSON.parse(r.data).reason])).toEqual([
      ['mario', 'switch'],
      ['anna', 'manual'],
    ]);
  });
});
