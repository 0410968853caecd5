// Kiosk lockdown and crash recovery (pos-practice.md §6): block reload/devtools/close shortcuts,
// refuse to close except through the technician flow, reload a crashed or hung renderer.
import type { BrowserWindow, Input } from 'electron';
import type { Logger } from '../core/log/logger';

/** Shortcuts a kiosk user could use to escape or reload (F5, Ctrl+R, Ctrl+Shift+I, Alt+F4, F11…). */
export function isBlockedShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12'].includes(key)) return true;
  if (mod && ['r', 'w', 'q', 'n', 't', 'p', 'o', 's', '+', '-', '=', '0'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (input.alt && key === 'f4') return true;
  return false;
}

/**
 * `exitAllowed()` turns true only after kiosk/exit verified the technician PIN; `devToolsAllowed()` is true only
 * for the window opened after tech/devtools verified it.
 */
export function installKioskGuards(win: BrowserWindow, exitAllowed: () => boolean, devToolsAllowed: () => boolean = () => false): void {
  win.webContents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  win.on('close', (event) => {
    if (!exitAllowed()) event.preventDefault();
  });
  win.webContents.on('devtools-opened', () => {
    if (!devToolsAllowed()) win.webContents.closeDevTools();
  });
}

export function installCrashRecovery(
  win: BrowserWindow,
  log: Logger,
  graceMs = 10_000,
  schedule: (fn: () => void, ms: number) => unknown = setTimeout,
  cancel: (t: unknown) => void = (t) => clearTimeout(t as NodeJS.Timeout),
): void {
  win.webContents.on('render-process-gone', (_e, details) => {
    log.error('renderer gone; reloading', { reason: details.reason, exitCode: details.exitCode });
    // Money state lives in SQLite, never only in the renderer, so a reload loses nothing.
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  let pending: unknown = null;
  win.on('unresponsive', () => {
    log.warn('renderer unresponsive', { graceMs });
    pending = schedule(() => {
      pending = null;
      if (!win.isDestroyed()) {
        log.error('renderer still unresponsive; reloading');
        win.webContents.forcefullyCrashRenderer();
        win.webContents.reload();
      }
    }, graceMs);
  });
  win.on('responsive', () => {
    if (pending !== null) cancel(pending);
    pending = null;
  });
}
