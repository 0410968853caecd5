// Silent fleet updates of the shell (issue #6 §1) with electron-updater and the generic provider of
// electron.builder.yml. pos-practice.md §6 "Auto-update for fleets": download in the background, but
// install only when the till is idle and the offline queue is empty, then relaunch without a prompt.
import { autoUpdater } from 'electron-updater';
import type { UpdateConfig } from '../core/config/schema';
import type { Logger } from '../core/log/logger';

/** The part of electron-updater's AppUpdater this module drives (tests pass the mocked autoUpdater). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: { info(m?: unknown): void; warn(m?: unknown): void; error(m?: unknown): void; debug?(m: string): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeListener(event: 'update-downloaded' | 'error', listener: (...args: never[]) => void): unknown;
}

/** Runs fn every ms until the returned function is called (tests drive it by hand). */
export type Every = (ms: number, fn: () => void) => () => void;

const every: Every = (ms, fn) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

export type AutoUpdateOptions = {
  config: UpdateConfig;
  /** True when no payment is in progress and the sync queue is empty. */
  isIdle: () => Promise<boolean>;
  logger: Logger;
  /** Called right before quitAndInstall so kiosk guards let the windows close and the app quit. */
  beforeInstall?: () => void;
  /** How often idleness is polled once an update is downloaded (default 30 s). */
  idlePollMs?: number;
  updater?: UpdaterLike;
  every?: Every;
};

export type UpdateState = 'idle' | 'waiting-for-idle' | 'installing' | 'stopped';

export type AutoUpdateHandle = {
  state(): UpdateState;
  /** Version downloaded and waiting to be installed, if any. */
  pendingVersion(): string | null;
  /** One update check now (errors are logged: an offline terminal simply finds nothing). */
  check(): Promise<void>;
  /** One idleness poll now; resolves true if the install was started. */
  tryInstall(): Promise<boolean>;
  stop(): void;
};

/** Returns null when updates are disabled (the default): nothing is configured or scheduled. */
export function startAutoUpdate(opts: AutoUpdateOptions): AutoUpdateHandle | null {
  const { config } = opts;
  const log = opts.logger.child('update');
  if (!config.enabled) {
    log.info('auto-update disabled');
    return null;
  }
  const u: UpdaterLike = opts.updater ?? autoUpdater;
  const schedule = opts.every ?? every;
  u.logger = { info: (m) => log.info(String(m)), warn: (m) => log.warn(String(m)), error: (m) => log.error(String(m)), debug: (m) => log.debug(m) };
  u.autoDownload = true;
  // Never on an arbitrary quit: only quitAndInstall below, when idle (pos-practice.md §6 kiosk gotchas).
  u.autoInstallOnAppQuit = false;
  if (config.url) u.setFeedURL({ provider: 'generic', url: config.url, channel: config.channel });
  u.channel = config.channel;
  // Issue #10 §5: never install an older version (setting a channel would otherwise allow it, and a
  // replayed old feed could bring back fixed bugs). Rollback = publish a higher version with the old code.
  u.allowDowngrade = false;

  let state: UpdateState = 'idle';
  let pending: string | null = null;
  let stopPoll: (() => void) | null = null;

  const tryInstall = async (): Promise<boolean> => {
    if (state !== 'waiting-for-idle') return false;
    let idle = false;
    try {
      idle = await opts.isIdle();
    } catch (err) {
      log.warn('idleness check failed; install postponed', { error: err instanceof Error ? err.message : String(err) });
    }
    // Re-check: stop() or another poll may have run while isIdle was pending.
    if (!idle || state !== 'waiting-for-idle') return false;
    state = 'installing';
    stopPoll?.();
    stopPoll = null;
    log.info('terminal idle: installing update', { version: pending });
    opts.beforeInstall?.();
    // Silent NSIS install + relaunch (electron-builder #2059; per-user NSIS avoids UAC, #7084).
    u.quitAndInstall(true, true);
    return true;
  };

  const onDownloaded = (info: { version: string }) => {
    if (state === 'stopped' || state === 'installing') return;
    pending = info.version;
    log.info('update downloaded; waiting for an idle terminal', { version: info.version });
    if (state === 'waiting-for-idle') return;
    state = 'waiting-for-idle';
    stopPoll = schedule(opts.idlePollMs ?? 30_000, () => void tryInstall());
    void tryInstall();
  };
  const onError = (err: Error) => log.warn('update error', { error: err.message });
  u.on('update-downloaded', onDownloaded);
  u.on('error', onError);

  const check = async (): Promise<void> => {
    if (state === 'stopped' || state === 'installing') return;
    try {
      await u.checkForUpdates();
    } catch (err) {
      log.warn('update check failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const stopChecks = schedule(config.checkIntervalMinutes * 60_000, () => void check());
  log.info('auto-update enabled', { channel: config.channel, url: config.url ?? 'electron.builder.yml publish', everyMinutes: config.checkIntervalMinutes });
  void check();

  return {
    state: () => state,
    pendingVersion: () => pending,
    check,
    tryInstall,
    stop() {
      state = 'stopped';
      stopChecks();
      stopPoll?.();
      stopPoll = null;
      u.removeListener('update-downloaded', onDownloaded as (...args: never[]) => void);
      u.removeListener('error', onError as (...args: never[]) => void);
    },
  };
}
