// Auto-update of the shell under vi.mock('electron') and vi.mock('electron-updater') (toolchain.md §1a:
// the Electron binary cannot run here). The module is driven through electron-updater's own autoUpdater.
import { type EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: { getVersion: () => '0.1.0', isPackaged: true } }));
vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return { autoUpdater: new Emitter() };
});

const { startAutoUpdate } = await import('../../src/main/electron/updater');
const { parseConfig } = await import('../../src/main/core/config/load');
const { createLogger } = await import('../../src/main/core/log/logger');

type Tick = { ms: number; fn: () => void; stopped: boolean };
let ticks: Tick[];
const every = (ms: number, fn: () => void) => {
  const t: Tick = { ms, fn, stopped: false };
  ticks.push(t);
  return () => {
    t.stopped = true;
  };
};
const flush = () => new Promise<void>((r) => setImmediate(r));
const u = (await import('electron-updater')).autoUpdater as unknown as EventEmitter & {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: unknown;
  setFeedURL: ReturnType<typeof vi.fn>;
  checkForUpdates: ReturnType<typeof vi.fn>;
  quitAndInstall: ReturnType<typeof vi.fn>;
};
const records: { level: string; msg: string }[] = [];
const logger = createLogger('test', { sinks: [(r) => records.push({ level: r.level, msg: r.msg })], level: 'debug' });

beforeEach(() => {
  ticks = [];
  records.length = 0;
  u.removeAllListeners();
  // electron-updater's own defaults (AppUpdater): download and install on quit are both on.
  Object.assign(u, { autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false, channel: null, logger: null });
  u.setFeedURL = vi.fn();
  u.checkForUpdates = vi.fn(async () => null);
  u.quitAndInstall = vi.fn();
});

const enabled = (extra: Record<string, unknown> = {}) => parseConfig({ update: { enabled: true, ...extra } }).update;

describe('update configuration', () => {
  it('is disabled by default: nothing configured, scheduled or checked', () => {
    const config = parseConfig({}).update;
    expect(config).toEqual({ enabled: false, channel: 'latest', checkIntervalMinutes: 240 });
    expect(startAutoUpdate({ config, isIdle: async () => true, logger, every })).toBeNull();
    expect(ticks).toEqual([]);
    expect(u.checkForUpdates).not.toHaveBeenCalled();
    expect(u.setFeedURL).not.toHaveBeenCalled();
    expect(u.listenerCount('update-downloaded')).toBe(0);
    expect(u.autoInstallOnAppQuit).toBe(true);
  });

  it('rejects an unknown channel and a malformed URL', () => {
    expect(() => parseConfig({ update: { channel: 'nightly' } })).toThrow();
    expect(() => parseConfig({ update: { url: 'not a url' } })).toThrow();
    expect(() => parseConfig({ update: { checkIntervalMinutes: 0 } })).toThrow();
  });

  it('applies the channel and the feed URL, downloads automatically, never installs on quit', async () => {
    const h = startAutoUpdate({ config: enabled({ channel: 'beta', url: 'https://updates.example/site-42', checkIntervalMinutes: 60 }), isIdle: async () => true, logger, every })!;
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example/site-42', channel: 'beta' });
    expect(u.channel).toBe('beta');
    expect(u.autoDownload).toBe(true);
    expect(u.autoInstallOnAppQuit).toBe(false);
    expect(u.allowDowngrade).toBe(false); // issue #10 §5: no downgrades
    // First check at start, then on the configured interval.
    expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(ticks.map((t) => t.ms)).toEqual([60 * 60_000]);
    ticks[0]!.fn();
    await flush();
    expect(u.checkForUpdates).toHaveBeenCalledTimes(2);
    h.stop();
    expect(ticks[0]!.stopped).toBe(true);
    expect(u.listenerCount('update-downloaded')).toBe(0);
  });

  it('without a URL keeps the publish feed of electron.builder.yml and the default channel', () => {
    const h = startAutoUpdate({ config: enabled(), isIdle: async () => true, logger, every })!;
    expect(u.setFeedURL).not.toHaveBeenCalled();
    expect(u.channel).toBe('latest');
    expect(ticks.map((t) => t.ms)).toEqual([240 * 60_000]);
    h.stop();
  });

  it('logs a failed check (offline terminal) instead of throwing', async () => {
    u.checkForUpdates = vi.fn(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    });
    const h = startAutoUpdate({ config: enabled(), isIdle: async () => true, logger, every })!;
    await h.check();
    expect(records.filter((r) => r.msg === 'update check failed')).toHaveLength(2);
    u.emit('error', new Error('sha512 checksum mismatch'));
    expect(records.some((r) => r.level === 'warn' && r.msg === 'update error')).toBe(true);
    h.stop();
  });
});

describe('install only when idle', () => {
  it('never installs while a payment is in progress or the queue is not empty', async () => {
    const isIdle = vi.fn(async () => false);
    const h = startAutoUpdate({ config: enabled(), isIdle, logger, every, idlePollMs: 5_000 })!;
    u.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(h.state()).toBe('waiting-for-idle');
    expect(h.pendingVersion()).toBe('0.2.0');
    const poll = ticks.find((t) => t.ms === 5_000)!;
    for (let i = 0; i < 5; i++) {
      poll.fn();
      await flush();
    }
    expect(isIdle).toHaveBeenCalledTimes(6);
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    // A second download while waiting does not start a second poll.
    u.emit('update-downloaded', { version: '0.2.1' });
    await flush();
    expect(ticks.filter((t) => t.ms === 5_000)).toHaveLength(1);
    expect(h.pendingVersion()).toBe('0.2.1');
    h.stop();
    expect(poll.stopped).toBe(true);
    expect(u.quitAndInstall).not.toHaveBeenCalled();
  });

  it('installs silently with relaunch once idle, after letting the kiosk quit, exactly once', async () => {
    let idle = false;
    const order: string[] = [];
    u.quitAndInstall = vi.fn(() => order.push('quitAndInstall'));
    const h = startAutoUpdate({ config: enabled(), isIdle: async () => idle, logger, every, beforeInstall: () => order.push('beforeInstall') })!;
    u.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    idle = true;
    const poll = ticks.find((t) => t.ms === 30_000)!;
    poll.fn();
    await flush();
    expect(u.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(order).toEqual(['beforeInstall', 'quitAndInstall']);
    expect(h.state()).toBe('installing');
    expect(poll.stopped).toBe(true);
    poll.fn();
    await flush();
    expect(await h.tryInstall()).toBe(false);
    expect(u.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('installs at once when the terminal is already idle at download time', async () => {
    startAutoUpdate({ config: enabled(), isIdle: async () => true, logger, every });
    u.emit('update-downloaded', { version: '0.3.0' });
    await flush();
    expect(u.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('postpones the install when the idleness check fails', async () => {
    const h = startAutoUpdate({
      config: enabled(),
      isIdle: async () => {
        throw new Error('database is locked');
      },
      logger,
      every,
    })!;
    u.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(await h.tryInstall()).toBe(false);
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    expect(records.some((r) => r.msg === 'idleness check failed; install postponed')).toBe(true);
    h.stop();
  });
});
