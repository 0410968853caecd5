// Electron main/preload under vi.mock('electron') (toolchain.md §1a: the binary cannot run here).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SportelloBridge } from '../../src/common/ipc/bridge';

const exposed: Record<string, unknown> = {};
const ipcRendererInvoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' }));
const ipcRendererListeners: Array<(e: unknown, env: unknown) => void> = [];
const ipcMainHandlers = new Map<string, (...a: unknown[]) => unknown>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke: ipcRendererInvoke, on: (_ch: string, cb: (e: unknown, env: unknown) => void) => ipcRendererListeners.push(cb) },
  ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => ipcMainHandlers.set(ch, fn), removeHandler: (ch: string) => ipcMainHandlers.delete(ch) },
}));

const { windowOptions, hardenWebContents, permissionAllowed, installPermissionHandlers, isTrustedFrame } = await import('../../src/main/electron/security');
const { registerInvokeHandler } = await import('../../src/main/electron/ipc-main');
const { isBlockedShortcut, installCrashRecovery, installKioskGuards } = await import('../../src/main/electron/kiosk');
const { createApp } = await import('../../src/main/app/create-app');
const { createDispatcher } = await import('../../src/main/app/dispatcher');
const { parseConfig } = await import('../../src/main/core/config/load');
const { silentLogger } = await import('../../src/main/core/log/logger');

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

const trusted = { senderFrame: { url: 'app://sportello/index.html' } };

describe('BrowserWindow security options', () => {
  it('sets contextIsolation, sandbox, no node integration, no webview; kiosk has no devtools', () => {
    for (const mode of ['counter', 'kiosk'] as const) {
      const wp = windowOptions(mode, '/p/preload.cjs').webPreferences!;
      expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, preload: '/p/preload.cjs' });
    }
    expect(windowOptions('kiosk', 'x')).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(windowOptions('kiosk', 'x').webPreferences!.devTools).toBe(false);
    expect(windowOptions('counter', 'x').webPreferences!.devTools).toBe(false); // issue #10 §5
    expect(windowOptions('kiosk', 'x', { devTools: true }).webPreferences!.devTools).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation away from app:// and denies window.open', () => {
    const wc = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(wc as never);
    const away = { preventDefault: vi.fn() };
    wc.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    wc.emit('will-navigate', own, 'app://sportello/kiosk');
    expect(own.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const handler = wc.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies everything except the camera (media, video only) for our origin', async () => {
    expect(permissionAllowed('media', { requestingUrl: 'app://sportello/', mediaTypes: ['video'] })).toBe(true);
    expect(permissionAllowed('media', { requestingUrl: 'app://sportello/', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(permissionAllowed('media', { requestingUrl: 'app://sportello/', mediaTypes: [] })).toBe(false);
    expect(permissionAllowed('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read', 'openExternal']) {
      expect(permissionAllowed(p, { requestingUrl: 'app://sportello/' })).toBe(false);
    }
    const ses = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    installPermissionHandlers(ses as never);
    const req = ses.setPermissionRequestHandler.mock.calls[0]![0] as (...a: unknown[]) => void;
    const cb = vi.fn();
    req({}, 'notifications', cb, { requestingUrl: 'app://sportello/' });
    req({}, 'media', cb, { requestingUrl: 'app://sportello/', mediaTypes: ['video'] });
    expect(cb.mock.calls).toEqual([[false], [true]]);
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://sportello', { mediaType: 'video' })).toBe(true);
    expect(check({}, 'media', 'app://sportello', { mediaType: 'audio' })).toBe(false);
  });
});

describe('IPC main handler', () => {
  const dispatch = createDispatcher({ 'payment/get': ({ paymentId }) => ({ id: paymentId }) as never }, silentLogger);
  registerInvokeHandler({ handle: (ch: string, fn: (...a: unknown[]) => unknown) => ipcMainHandlers.set(ch, fn), removeHandler: vi.fn() } as never, dispatch, silentLogger);
  const handler = ipcMainHandlers.get('sportello:invoke')!;

  it('rejects a foreign sender frame', async () => {
    expect(isTrustedFrame({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedFrame({ url: 'app://sportello.evil/' })).toBe(false);
    expect(isTrustedFrame({ url: 'app://sportello/index.html' })).toBe(true);
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, 'payment/get', { paymentId: 'p' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handler({ senderFrame: null }, 'payment/get', { paymentId: 'p' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handler({ senderFrame: { url: 'file:///etc/passwd' } }, 'payment/get', { paymentId: 'p' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('rejects an invalid payload and accepts a valid one', async () => {
    expect(await handler(trusted, 'payment/get', { paymentId: 7 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await handler(trusted, 'payment/get', { paymentId: 'p', extra: 'x' })).toMatchObject({ ok: true });
    expect(await handler(trusted, 'payment/get', { paymentId: 'p9' })).toEqual({ ok: true, value: { id: 'p9' } });
    expect(await handler(trusted, '__proto__', {})).toMatchObject({ ok: false, error: { kind: 'unknown-handler' } });
  });
});

describe('kiosk', () => {
  it('exit requires the technician PIN', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-kiosk-'));
    tmpDirs.push(dataDir);
    const onKioskExit = vi.fn();
    const core = await createApp({ config: parseConfig({}), dataDir, mode: 'kiosk', onKioskExit, transport: 'electron', demoAccounts: true });
    try {
      const listener = (await import('../../src/main/electron/ipc-main')).createInvokeListener(core.dispatch, silentLogger);
      expect(await listener(trusted as never, 'kiosk/exit', { pin: '999999' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      // A clerk's valid PIN is not a technician PIN.
      const clerk = await listener(trusted as never, 'kiosk/exit', { pin: '1234', operatorId: 'mario' });
      expect(clerk).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'not-technician' } });
      expect(onKioskExit).not.toHaveBeenCalled();
      expect(await listener(trusted as never, 'kiosk/exit', { pin: '000000' })).toEqual({ ok: true, value: { exiting: true } });
      expect(onKioskExit).toHaveBeenCalledTimes(1);
    } finally {
      await core.close();
    }
  });

  it('blocks escape shortcuts and window close until exit is allowed', () => {
    expect(isBlockedShortcut({ type: 'keyDown', key: 'F5', control: false, meta: false, alt: false, shift: false })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyDown', key: 'I', control: true, meta: false, alt: false, shift: true })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyDown', key: 'F4', control: false, meta: false, alt: true, shift: false })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyDown', key: '5', control: false, meta: false, alt: false, shift: false })).toBe(false);
    let allowed = false;
    const wc = Object.assign(new EventEmitter(), { closeDevTools: vi.fn() });
    const win = Object.assign(new EventEmitter(), { webContents: wc });
    installKioskGuards(win as never, () => allowed);
    const close1 = { preventDefault: vi.fn() };
    win.emit('close', close1);
    expect(close1.preventDefault).toHaveBeenCalled();
    allowed = true;
    const close2 = { preventDefault: vi.fn() };
    win.emit('close', close2);
    expect(close2.preventDefault).not.toHaveBeenCalled();
  });

  it('reloads a crashed renderer and a hung one after the grace period', () => {
    const wc = Object.assign(new EventEmitter(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn() });
    const win = Object.assign(new EventEmitter(), { webContents: wc, isDestroyed: () => false });
    const timers: Array<() => void> = [];
    installCrashRecovery(
      win as never,
      silentLogger,
      10_000,
      (fn) => timers.push(fn),
      () => timers.splice(0),
    );
    wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(wc.reload).toHaveBeenCalledTimes(1);
    win.emit('unresponsive');
    win.emit('responsive'); // recovered within the grace period: no reload
    expect(timers).toHaveLength(0);
    win.emit('unresponsive');
    timers[0]!();
    expect(wc.forcefullyCrashRenderer).toHaveBeenCalled();
    expect(wc.reload).toHaveBeenCalledTimes(2);
  });
});

describe('preload bridge', () => {
  it('exposes one window.sportello with invoke/listen over the single channels', async () => {
    await import('../../src/main/electron/preload');
    const bridge = exposed.sportello as SportelloBridge;
    expect(Object.keys(exposed)).toEqual(['sportello']);
    expect(bridge.transport).toBe('electron');
    expect(await bridge.invoke('session/state')).toEqual({ ok: true, value: 'pong' });
    expect(ipcRendererInvoke).toHaveBeenCalledWith('sportello:invoke', 'session/state', undefined);
    ipcRendererInvoke.mockRejectedValueOnce(new Error('gone'));
    expect(await bridge.invoke('session/state')).toEqual({ ok: false, error: { kind: 'transport', message: 'gone' } });
    const got: unknown[] = [];
    const off = bridge.listen('scan', (p) => got.push(p.raw));
    ipcRendererListeners[0]!({}, { name: 'scan', payload: { source: 's', raw: 'A', symbology: null, at: 1 } });
    off();
    ipcRendererListeners[0]!({}, { name: 'scan', payload: { source: 's', raw: 'B', symbology: null, at: 2 } });
    expect(got).toEqual(['A']);
  });
});
