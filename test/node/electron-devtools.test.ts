// Issue #10 §5: DevTools in counter/kiosk mode only after the core verified a technician PIN (tech/devtools),
// under vi.mock('electron') (toolchain.md §1a: the binary cannot run here).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
}));

const { windowOptions } = await import('../../src/main/electron/security');
const { technicianDevTools } = await import('../../src/main/electron/devtools');
const { installKioskGuards } = await import('../../src/main/electron/kiosk');
const { createInvokeListener } = await import('../../src/main/electron/ipc-main');
const { createApp } = await import('../../src/main/app/create-app');
const { parseConfig } = await import('../../src/main/core/config/load');
const { silentLogger } = await import('../../src/main/core/log/logger');

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});
const trusted = { senderFrame: { url: 'app://sportello/index.html' } };

function fakeWindow() {
  const webContents = Object.assign(new EventEmitter(), { openDevTools: vi.fn(), closeDevTools: vi.fn() });
  return Object.assign(new EventEmitter(), { webContents });
}

describe('DevTools only with the technician PIN (issue #10 §5)', () => {
  it('the terminal window has no DevTools in either mode; only the technician window has them', () => {
    for (const mode of ['counter', 'kiosk'] as const) {
      expect(windowOptions(mode, 'x').webPreferences!.devTools).toBe(false);
      expect(windowOptions(mode, 'x', { technicianDevTools: false }).webPreferences!.devTools).toBe(false);
      expect(windowOptions(mode, 'x', { technicianDevTools: true }).webPreferences!.devTools).toBe(true);
    }
  });

  it('tech/devtools opens them only after a technician PIN; the browser bridge has none', async () => {
    for (const mode of ['counter', 'kiosk'] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-devtools-'));
      tmpDirs.push(dataDir);
      const onOpenDevTools = vi.fn(async () => undefined);
      const core = await createApp({ config: parseConfig({}), dataDir, mode, onOpenDevTools, transport: 'electron', demoAccounts: true });
      try {
        const listener = createInvokeListener(core.dispatch, silentLogger);
        expect(await listener(trusted as never, 'tech/devtools', { pin: '999999' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
        // A supervisor's valid PIN is not a technician PIN.
        expect(await listener(trusted as never, 'tech/devtools', { pin: '5678', operatorId: 'anna' })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'not-technician' } });
        // Even with the technician screen unlocked, the call itself needs the PIN.
        expect((await listener(trusted as never, 'tech/unlock', { pin: '000000' })).ok).toBe(true);
        expect(await listener(trusted as never, 'tech/devtools', {})).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
        // A page from elsewhere cannot ask.
        expect(await listener({ senderFrame: { url: 'https://evil.example/' } } as never, 'tech/devtools', { pin: '000000' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
        expect(onOpenDevTools).not.toHaveBeenCalled();
        expect(await listener(trusted as never, 'tech/devtools', { pin: '000000' })).toEqual({ ok: true, value: { opened: true } });
        expect(onOpenDevTools).toHaveBeenCalledTimes(1);
      } finally {
        await core.close();
      }
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-devtools-'));
    tmpDirs.push(dataDir);
    const served = await createApp({ config: parseConfig({}), dataDir, mode: 'counter', transport: 'browser', demoAccounts: true });
    try {
      expect(await served.dispatch('tech/devtools', { pin: '000000' })).toMatchObject({ ok: false, error: { kind: 'not-implemented' } });
    } finally {
      await served.close();
    }
  });

  it('the shell swaps in a window with DevTools, opens them detached, and swaps back when they close', async () => {
    const opened: { devTools: boolean; win: ReturnType<typeof fakeWindow> }[] = [];
    const open = technicianDevTools(async ({ devTools }) => {
      const win = fakeWindow();
      opened.push({ devTools, win });
      return win as never;
    });
    await open();
    expect(opened.map((o) => o.devTools)).toEqual([true]);
    const tech = opened[0]!.win;
    expect(tech.webContents.openDevTools).toHaveBeenCalledWith({ mode: 'detach' });
    tech.webContents.emit('devtools-closed');
    expect(opened.map((o) => o.devTools)).toEqual([true, false]);
    expect(opened[1]!.win.webContents.openDevTools).not.toHaveBeenCalled();
  });

  it('a kiosk window closes DevTools at once unless it is the technician window', () => {
    for (const allowed of [false, true]) {
      const win = fakeWindow();
      installKioskGuards(
        win as never,
        () => false,
        () => allowed,
      );
      win.webContents.emit('devtools-opened');
      expect(win.webContents.closeDevTools).toHaveBeenCalledTimes(allowed ? 0 : 1);
    }
  });
});
