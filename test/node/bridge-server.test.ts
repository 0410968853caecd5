// Browser bridge (issue #6 §2): token, Host/Origin, loopback-only bind, invoke round-trip, events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startBridgeServer, type BridgeServer } from '../../src/main/bridge/bridge-server';
import { EventHub } from '../../src/main/app/event-hub';
import { createDispatcher } from '../../src/main/app/dispatcher';
import { silentLogger } from '../../src/main/core/log/logger';
import { IpcFailure } from '../../src/common/ipc/result';
import { invoke, openEvents, request } from './bridge-helpers';

let server: BridgeServer;
let events: EventHub;
let staticDir: string;

beforeEach(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-bridge-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Sportello</title>');
  fs.writeFileSync(path.join(os.tmpdir(), 'sportello-secret.txt'), 'secret');
  events = new EventHub(silentLogger);
  const dispatch = createDispatcher(
    {
      'session/state': () => ({ mode: 'counter', operator: null, mustChangePin: false, technicianUntil: null }),
      'payment/get': ({ paymentId }) => {
        throw new IpcFailure('not-found', `no payment ${paymentId}`);
      },
    },
    silentLogger,
  );
  server = await startBridgeServer({ dispatch, events, staticDir, log: silentLogger });
});

afterEach(async () => {
  await server.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), 'sportello-secret.txt'), { force: true });
});

describe('bridge server', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#sportello-token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    const none = await invoke(server.port, null, 'session/state');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    const wrong = await invoke(server.port, `${server.token.slice(0, -1)}x`, 'session/state');
    expect(wrong.status).toBe(401);
    const short = await invoke(server.port, 'abc', 'session/state');
    expect(short.status).toBe(401);
  });

  it('round-trips an invoke with the token, and returns typed errors', async () => {
    const r = await invoke(server.port, server.token, 'session/state');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { mode: 'counter', operator: null, mustChangePin: false, technicianUntil: null } });
    const nf = JSON.parse((await invoke(server.port, server.token, 'payment/get', { paymentId: 'p1' })).body);
    expect(nf).toEqual({ ok: false, error: { kind: 'not-found', message: 'no payment p1' } });
    const bad = JSON.parse((await invoke(server.port, server.token, 'payment/get', { paymentId: 42 })).body);
    expect(bad.error.kind).toBe('invalid-argument');
    const unknown = JSON.parse((await invoke(server.port, server.token, 'payment/steal', {})).body);
    expect(unknown.error.kind).toBe('unknown-handler');
    const missing = JSON.parse((await invoke(server.port, server.token, 'queue/snapshot')).body);
    expect(missing.error.kind).toBe('not-implemented');
  });

  it('rejects foreign Host and Origin headers (DNS rebinding)', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
    const body = JSON.stringify({ name: 'session/state' });
    const evilHost = await request(server.port, { method: 'POST', path: '/api/invoke', headers: { ...headers, host: `evil.example:${server.port}` }, body });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await request(server.port, { method: 'POST', path: '/api/invoke', headers: { ...headers, origin: 'http://evil.example' }, body });
    expect(evilOrigin.status).toBe(403);
    const ownOrigin = await request(server.port, { method: 'POST', path: '/api/invoke', headers: { ...headers, origin: `http://127.0.0.1:${server.port}` }, body });
    expect(ownOrigin.status).toBe(200);
    const page = await request(server.port, { path: '/', headers: { host: `attacker.test:${server.port}` } });
    expect(page.status).toBe(403);
  });

  it('binds 127.0.0.1 only', async () => {
    const addrs = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal);
    for (const a of addrs) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: a.address, port: server.port });
        s.once('connect', () => {
          s.destroy();
          resolve(false);
        });
        s.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${a.address}`).toBe(true);
    }
    const loop6 = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '::1', port: server.port });
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    expect(loop6).toBe(true);
  });

  it('serves the UI with a strict CSP, SPA fallback, and no path traversal', async () => {
    const page = await request(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Sportello</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect((await request(server.port, { path: '/kiosk' })).body).toContain('<title>Sportello</title>');
    expect((await request(server.port, { path: '/assets/missing.js' })).status).toBe(404);
    const trav = await request(server.port, { path: '/%2e%2e/sportello-secret.txt' });
    expect(trav.body).not.toContain('secret');
  });

  it('pushes events over the WebSocket only with the token sub-protocol', async () => {
    await expect(openEvents(server.port, ['sportello.v1'])).rejects.toThrow('HTTP 401');
    await expect(openEvents(server.port, ['sportello.v1', 'token.wrong'])).rejects.toThrow('HTTP 401');
    await expect(openEvents(server.port, ['sportello.v1', `token.${server.token}`], { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const ws = await openEvents(server.port, ['sportello.v1', `token.${server.token}`]);
    events.emit('scan', { source: 'serial-1', raw: '1234', symbology: 'qr', at: 1 });
    expect(await ws.next()).toEqual({ name: 'scan', payload: { source: 'serial-1', raw: '1234', symbology: 'qr', at: 1 } });
    // A payload that breaks the contract is dropped, not forwarded.
    events.emit('scan', { source: 'x' } as never);
    events.emit('payment/progress', { paymentId: 'p1', stage: 'pin', message: null });
    expect(await ws.next()).toMatchObject({ name: 'payment/progress', payload: { stage: 'pin' } });
    ws.close();
    await vi.waitFor(() => expect(events.subscriberCount).toBe(0));
  });
});
