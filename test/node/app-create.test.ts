// Composition root on a real SQLite file: handlers, masking of secrets, technician gate, status event.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main/app/create-app';
import { loadConfig, parseConfig } from '../../src/main/core/config/load';
import type { EventEnvelope } from '../../src/common/ipc/bridge';
import { FAST_SCRYPT } from './app-helpers';

let dataDir: string;
let app: App;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-app-'));
  app = await createApp({ config: parseConfig({ node: { password: 'secretpw1' } }), dataDir, scryptParams: FAST_SCRYPT, demoAccounts: true });
});

afterEach(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('createApp', () => {
  it('delivers the current status to a new subscriber', () => {
    const got: EventEnvelope[] = [];
    const off = app.events.subscribe((e) => got.push(e));
    off();
    expect(got[0]).toMatchObject({ name: 'status/changed', payload: { shiftOpen: false, offline: { allowed: true }, queue: { pending: 0 } } });
  });

  it('never sends secrets back and gates config/update behind the technician PIN', async () => {
    const view = await app.dispatch('config/get', undefined);
    expect(JSON.stringify(view)).not.toContain('secretpw1');
    expect(view).toMatchObject({ ok: true, value: { secretsSet: { 'node.password': true } } });
    expect(await app.dispatch('config/update', { patch: { ui: { language: 'en' } } })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await app.dispatch('tech/unlock', { pin: '000000' })).toMatchObject({ ok: true });
    expect(await app.dispatch('config/update', { patch: { ui: { language: 'de' } } })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    const upd = await app.dispatch('config/update', { patch: { ui: { language: 'en' }, node: { password: null } } });
    expect(upd).toMatchObject({ ok: true, value: { config: { ui: { language: 'en' } } } });
    const raw = fs.readFileSync(path.join(dataDir, 'config.json'), 'utf8');
    const saved = JSON.parse(raw);
    expect(saved.ui.language).toBe('en');
    expect(raw).not.toContain('secretpw1'); // sealed at rest (issue #10 §4)
    expect(loadConfig(path.join(dataDir, 'config.json')).node.password).toBe('secretpw1'); // kept: the UI never had it
    expect(await app.dispatch('app/info', undefined)).toMatchObject({ ok: true, value: { language: 'en', node: 'simulator' } });
  });

  it('logs in with the operators service and opens a shift', async () => {
    expect(await app.dispatch('shift/open', { openingFloatCents: 5000 })).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await app.dispatch('session/login', { operatorId: 'mario', pin: '0000' })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'wrong-pin' } });
    expect(await app.dispatch('session/login', { operatorId: 'mario', pin: '1234' })).toMatchObject({ ok: true, value: { operator: { id: 'mario' } } });
    expect(await app.dispatch('shift/open', { openingFloatCents: 5000 })).toMatchObject({ ok: true, value: { openingFloatCents: 5000 } });
    expect(await app.dispatch('shift/x', undefined)).toMatchObject({ ok: true, value: { kind: 'x', expectedCashCents: 5000 } });
    const z = await app.dispatch('shift/close', { countedCashCents: 4900 });
    expect(z).toMatchObject({ ok: true, value: { kind: 'z', number: 1, differenceCents: -100 } });
    expect(await app.dispatch('shift/z', undefined)).toMatchObject({ ok: true, value: { number: 1 } });
  });
});
