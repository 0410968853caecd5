// Electron main process (issue #6 §1): a thin, hardened shell over the same core as `sportello serve`.
// Bundled to dist/main/electron-main.cjs; runs only under Electron (process.versions.electron).
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, ipcMain, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../common/ipc/bridge';
import { loadConfig } from '../core/config/load';
import { createApp, type App } from '../app/create-app';
import { createFileSink } from '../core/log/file-sink';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerInvokeHandler } from './ipc-main';
import { technicianDevTools } from './devtools';
import { safeStorageSecretBox } from './safe-storage-box';
import { installCrashRecovery, installKioskGuards } from './kiosk';
import { APP_ORIGIN, hardenWebContents, installPermissionHandlers, isTrustedFrame, windowOptions } from './security';
import { terminalIdleCheck } from './terminal-idle';
import { startAutoUpdate, type AutoUpdateHandle } from './updater';

export type ShellOptions = { argv: readonly string[]; resourcesDir: string };

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function startShell(opts: ShellOptions): Promise<void> {
  registerAppScheme(protocol); // before 'ready'
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let core: App | null = null;
  let win: BrowserWindow | null = null;
  let updates: AutoUpdateHandle | null = null;
  let exitAllowed = false;
  let openDevTools: (() => Promise<void>) | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc));
  app.on('child-process-gone', (_e, d) => core?.logger.error('child process gone', { type: d.type, reason: d.reason }));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (e) => {
    if (core && !exitAllowed && core.info().mode === 'kiosk') e.preventDefault();
  });
  app.on('will-quit', () => {
    updates?.stop();
    void core?.close();
  });

  await app.whenReady();
  // Secrets at rest: the OS key store where there is one (issue #10 §4); safeStorage needs 'ready'.
  const secretBox = safeStorageSecretBox(safeStorage);
  // The file read here is the one config/update writes back to (as `sportello serve` does): never a second
  // <dataDir>/config.json that the next start would not read.
  const configPath = flag(opts.argv, 'config') || process.env.SPORTELLO_CONFIG || undefined;
  const config = loadConfig(configPath, { secretBox });
  const mode = (flag(opts.argv, 'mode') as 'counter' | 'kiosk' | undefined) ?? config.terminal.mode;
  const dataDir = flag(opts.argv, 'data-dir') ?? config.dataDir ?? path.join(app.getPath('userData'), 'data');
  core = await createApp({
    config,
    dataDir,
    configFile: configPath ?? path.join(dataDir, 'config.json'),
    mode,
    transport: 'electron',
    secretBox,
    // Size-rotated JSON lines (10 MiB × 6 files at most, issue #16): a kiosk runs for months.
    logSinks: [createFileSink(path.join(dataDir, 'logs', 'sportello.log')).sink],
    onKioskExit: () => {
      exitAllowed = true;
      app.quit();
    },
    // tech/devtools calls this only after the core verified a technician PIN (issue #10 §5).
    onOpenDevTools: () => openDevTools?.(),
    demoAccounts: true, // `npm start`: demo accounts only with the embedded simulator (createApp checks node.url)
  });
  if (opts.argv.includes('--start-at-login')) app.setLoginItemSettings({ openAtLogin: true });

  installPermissionHandlers(session.defaultSession);
  handleAppProtocol(protocol, path.join(opts.resourcesDir, 'renderer'));
  registerInvokeHandler(ipcMain, core.dispatch, core.logger.child('ipc'));

  // DevTools only in a developer's unpackaged run that asks for them (SPORTELLO_DEVTOOLS=1), or after the
  // technician PIN (tech/devtools swaps in a window that has them): never otherwise on a terminal.
  const developerRun = !app.isPackaged && process.env.SPORTELLO_DEVTOOLS === '1';
  const preload = path.join(opts.resourcesDir, 'main', 'preload.cjs');
  const shell = core;
  const openWindow = async ({ devTools }: { devTools: boolean }): Promise<BrowserWindow> => {
    const previous = win;
    const w = new BrowserWindow(windowOptions(mode, preload, { devTools: developerRun, technicianDevTools: devTools }));
    win = w;
    w.setMenu(null);
    installCrashRecovery(w, shell.logger.child('shell'));
    if (mode === 'kiosk')
      installKioskGuards(
        w,
        () => exitAllowed,
        () => devTools,
      );
    // Push events only to our own page (never to a frame that navigated elsewhere).
    const unsubscribe = shell.events.subscribe((env) => {
      if (!w.isDestroyed() && isTrustedFrame(w.webContents.mainFrame)) w.webContents.send(IPC_EVENT_CHANNEL, env);
    });
    w.on('closed', unsubscribe);
    w.once('ready-to-show', () => w.show());
    await w.loadURL(`${APP_ORIGIN}/index.html`);
    // destroy(), not close(): the kiosk guard refuses close; the new window is already up, so the app stays.
    if (previous && !previous.isDestroyed()) previous.destroy();
    return w;
  };
  openDevTools = technicianDevTools(openWindow);
  if (mode === 'kiosk') powerSaveBlocker.start('prevent-display-sleep');
  await openWindow({ devTools: false });

  // Silent updates, installed only when idle (pos-practice.md §6); the kiosk guards must let it quit.
  updates = startAutoUpdate({
    config: config.update,
    isIdle: terminalIdleCheck(core),
    logger: core.logger,
    beforeInstall: () => {
      exitAllowed = true;
    },
  });
}

if (process.versions.electron) {
  // dist/main/electron-main.cjs → resources are dist/ (dev) or the asar root (packaged).
  const resourcesDir = path.resolve(__dirname, '..');
  startShell({ argv: process.argv, resourcesDir }).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    try {
      fs.writeSync(2, `sportello: cannot start: ${msg}\n`);
    } finally {
      app.exit(1);
    }
  });
}
