// The first-run screen's IPC handler (issue #10 §2): session/state says firstRun while no operator exists,
// session/initFirstSupervisor creates the first supervisor through the core use-case `operators init` uses,
// and both paths refuse once any operator exists — whichever of the two came first.
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { createDispatcher } from '../../src/main/app/dispatcher';
import { createSessionHandlers } from '../../src/main/app/session-handlers';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { createLogger } from '../../src/main/core/log/logger';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase } from '../../src/main/core/store/database';
import { FAST_SCRYPT, tempDb } from './operators-test-db';

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  process.env.SPORTELLO_CONFIG = '';
  t = tempDb();
});
afterEach(() => t.cleanup());

function session(mode: 'counter' | 'kiosk' = 'counter') {
  const operators = new OperatorService({ db: t.db, clock: new ManualClock(), scryptParams: FAST_SCRYPT });
  const control = createSessionHandlers({ operators, clock: new ManualClock(), mode, onKioskExit: null });
  return { operators, control, dispatch: createDispatcher(control.handlers, createLogger('test', { sinks: [] })) };
}

async function cliInit(stdin: string, id: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}), stdin: Readable.from([stdin]) };
  const code = await runCli(['operators', 'init', '--id', id, '--name', 'Da CLI', '--db', t.file], io);
  return { code, stderr };
}

describe('first-run screen: session/initFirstSupervisor', () => {
  it('creates the first supervisor with the chosen PIN, then the normal login follows; a second call is refused', async () => {
    const { operators, dispatch } = session();
    expect(await dispatch('session/state', undefined)).toMatchObject({ ok: true, value: { firstRun: true, operator: null } });
    // The core validates: a bad PIN or id creates nothing.
    expect(await dispatch('session/initFirstSupervisor', { operatorId: 'boss', name: 'Capo', pin: '12' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await dispatch('session/initFirstSupervisor', { operatorId: 'Bad Id', name: 'Capo', pin: '739164' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(operators.count()).toBe(0);

    const created = await dispatch('session/initFirstSupervisor', { operatorId: 'boss', name: ' Capo Ufficio ', pin: '739164' });
    // Nobody is logged in by creating the account: the login screen follows.
    expect(created).toEqual({ ok: true, value: expect.objectContaining({ firstRun: false, operator: null, mustChangePin: false }) });
    expect(operators.list()).toMatchObject([{ id: 'boss', name: 'Capo Ufficio', role: 'supervisor', mustChangePin: false }]);
    expect(await dispatch('session/login', { operatorId: 'boss', pin: '739164' })).toMatchObject({ ok: true, value: { operator: { id: 'boss', role: 'supervisor' } } });

    const again = await dispatch('session/initFirstSupervisor', { operatorId: 'eve', name: 'Eve', pin: '111111' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'duplicate', message: expect.stringMatching(/operators already exist/) } });
    expect(operators.list().map((o) => o.id)).toEqual(['boss']);
  });

  it('after the screen created the supervisor, `sportello operators init` is refused', async () => {
    const { dispatch } = session();
    expect((await dispatch('session/initFirstSupervisor', { operatorId: 'boss', name: 'Capo', pin: '739164' })).ok).toBe(true);
    t.db.close(); // the CLI opens the file itself
    const r = await cliInit('4321\n', 'eve');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/operators already exist/);
    const db = openDatabase(t.file);
    try {
      expect((db.prepare('SELECT id FROM operators').all() as { id: string }[]).map((o) => o.id)).toEqual(['boss']);
    } finally {
      db.close();
    }
  });

  it('after `sportello operators init`, the screen is gone and its call is refused', async () => {
    t.db.close();
    expect((await cliInit('4321\n', 'boss')).code).toBe(0);
    t.db = openDatabase(t.file);
    try {
      const { dispatch } = session();
      expect(await dispatch('session/state', undefined)).toMatchObject({ ok: true, value: { firstRun: false } });
      expect(await dispatch('session/initFirstSupervisor', { operatorId: 'eve', name: 'Eve', pin: '111111' })).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'duplicate' } });
    } finally {
      t.db.close();
    }
  });

  it('a kiosk (public) never offers it: its first operator comes from operators init', async () => {
    const { operators, dispatch } = session('kiosk');
    expect(await dispatch('session/initFirstSupervisor', { operatorId: 'boss', name: 'Capo', pin: '739164' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(operators.count()).toBe(0);
  });
});
