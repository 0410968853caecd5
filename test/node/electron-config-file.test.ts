// The Electron shell writes config/update back to the file it read with --config (as `sportello serve`
// does), not to a <dataDir>/config.json the next start would never read. startShell runs under
// vi.mock('electron') (toolchain.md §1a: the binary cannot run here) with the real core behind it.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../src/common/ipc/bridge';

const ipcMainHandlers = new Map<string, (...a: unknown[]) => unknown>();
const appEvents = new EventEmitter();

class FakeWindow extends EventEmitter {
  webContents = Object.assign(new EventEmitter(), { send: vi.fn(), mainFrame: { url: 'app://sportello/index.html' } });
  setMenu = vi.fn();
  show = vi.fn();
  destroy = vi.fn();
  isDestroyed = () => false;
  loadURL = vi.fn(async () => undefined);
}

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => true,
    on: (ev: string, fn: (...a: unknown[]) => void) => appEvents.on(ev, fn),
    whenReady: async () => undefined,
    getPath: () => os.tmpdir(),
    isPackaged: true,
    quit: vi.fn(),
    exit: vi.fn(),
    setLoginItemSettings: vi.fn(),
  },
  // No OS key store here: secrets fall back to the headless box.
  safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => ipcMainHandlers.set(ch, fn), removeHandler: (ch: string) => ipcMainHandlers.delete(ch) },
  powerSaveBlocker: { start: vi.fn() },
  BrowserWindow: FakeWindow,
}));
vi.mock('electron-updater', () => ({ autoUpdater: {} }));

const { startShell } = await import('../../src/main/electron/main');

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('Electron shell configuration file', () => {
  it('config/update rewrites the --config file the shell started from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-shell-config-'));
    tmpDirs.push(dir);
    const configFile = path.join(dir, 'site', 'sportello.json');
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.dirname(configFile));
    fs.writeFileSync(configFile, JSON.stringify({ terminal: { mode: 'counter' }, ui: { language: 'it' } }));

    await startShell({ argv: ['electron', '.', '--config', configFile, '--data-dir', dataDir], resourcesDir: dir });
    try {
      const invoke = ipcMainHandlers.get(IPC_INVOKE_CHANNEL);
      expect(invoke).toBeTypeOf('function');
      const trusted = { senderFrame: { url: 'app://sportello/index.html' } };
      // Demo accounts exist (embedded simulator): the technician unlocks, then changes the language.
      expect(await invoke!(trusted, 'tech/unlock', { pin: '000000' })).toMatchObject({ ok: true });
      expect(await invoke!(trusted, 'config/update', { patch: { ui: { language: 'en' } } })).toMatchObject({ ok: true });

      expect(JSON.parse(fs.readFileSync(configFile, 'utf8'))).toMatchObject({ terminal: { mode: 'counter' }, ui: { language: 'en' } });
      expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
    } finally {
      appEvents.emit('will-quit');
      // will-quit closes the core without waiting: give it a moment before the directory goes.
      await new Promise((r) => setTimeout(r, 300));
    }
  });
});
