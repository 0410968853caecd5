// Shared by the app-*.test.ts files: a real app (SQLite file in a temp dir, embedded simulator or a
// standalone one, in-process virtual lab) driven through `dispatch` exactly as the UI calls it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type CreateAppOptions } from '../../src/main/app/create-app';
import type { EventEnvelope } from '../../src/common/ipc/bridge';
import type { IpcResult } from '../../src/common/ipc/result';
import { parseConfig } from '../../src/main/core/config/load';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export type TestApp = { app: App; dataDir: string; events: EventEnvelope[]; close: () => Promise<void> };

export async function startTestApp(opts: { config?: Record<string, unknown>; mode?: 'counter' | 'kiosk'; dataDir?: string; extra?: Partial<CreateAppOptions> } = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-app-'));
  const app = await createApp({
    config: parseConfig(opts.config ?? {}),
    dataDir,
    scryptParams: FAST_SCRYPT,
    demoAccounts: true, // as `sportello serve`: demo accounts with the embedded simulator
    // Short device timings: a dead terminal must not hold a test for the production 2 s / 120 s.
    terminalTimings: { ackTimeoutMs: 500, queryTimeoutMs: 2_000, recoveryDelaysMs: [20] },
    ...(opts.mode ? { mode: opts.mode } : {}),
    ...opts.extra,
  });
  const events: EventEnvelope[] = [];
  const off = app.events.subscribe((e) => events.push(e));
  return {
    app,
    dataDir,
    events,
    close: async () => {
      off();
      await app.close();
    },
  };
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The value of a successful result, or a thrown error naming the IPC failure. */
export function unwrap<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`IPC failure ${r.error.kind}${r.error.code ? `/${r.error.code}` : ''}: ${r.error.message}`);
  return r.value;
}

// The dispatcher is untyped on the way in (it validates with the contract's zod schemas); tests read the
// answers loosely, as JSON, so `any` is deliberate in these three helpers.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function call<T = any>(app: App, name: string, arg?: unknown): Promise<T> {
  return unwrap((await app.dispatch(name, arg)) as IpcResult<T>);
}

export async function callRaw(app: App, name: string, arg?: unknown): Promise<IpcResult<any>> {
  return app.dispatch(name, arg);
}

/** Signs the demo clerk in and, at a counter, opens the shift every payment must belong to. */
export async function loginClerk(app: App): Promise<void> {
  await call(app, 'session/login', { operatorId: 'mario', pin: '1234' });
  if (app.info().mode === 'counter' && (await call(app, 'shift/current')) === null) await call(app, 'shift/open', { openingFloatCents: 10_000 });
}

export async function admin(url: string, method: 'GET' | 'POST' | 'DELETE' = 'GET', body?: unknown): Promise<any> {
  const res = await fetch(url, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/* eslint-enable @typescript-eslint/no-explicit-any */

/** Polls `fn` until it returns a truthy value (state changes driven by timers in the app). */
export async function eventually<T>(fn: () => Promise<T> | T, what: string, tries = 200, everyMs = 25): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
