// Electron security checklist (pos-practice.md §6, electron docs/tutorial/security.md): hardened
// window options, navigation and new windows blocked, permissions denied except the camera.
import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';

export const APP_ORIGIN = 'app://sportello';

/**
 * `devTools` only for a developer's unpackaged run that asks for it (issue #10 §5: no DevTools in counter or
 * kiosk mode on a terminal — the renderer holds the operator session), or `technicianDevTools`: the window
 * the shell opens after the core checked a technician PIN (tech/devtools, devtools.ts).
 */
export function windowOptions(mode: 'counter' | 'kiosk', preload: string, opts: { devTools?: boolean; technicianDevTools?: boolean } = {}): BrowserWindowConstructorOptions {
  const kiosk = mode === 'kiosk';
  return {
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#ffffff',
    kiosk,
    fullscreen: kiosk,
    frame: !kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true, // item 3
      sandbox: true, // item 4
      nodeIntegration: false, // item 2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // item 6
      allowRunningInsecureContent: false, // item 8
      experimentalFeatures: false, // item 9
      webviewTag: false, // items 11–12
      devTools: opts.technicianDevTools === true || (!kiosk && opts.devTools === true), // never on a terminal without the technician PIN (pos-practice.md §6 "Kiosk lockdown", issue #10 §5)
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** True for frames that show our own renderer (checklist item 17: validate the sender). */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'url'> | null | undefined): boolean {
  if (!frame) return false;
  try {
    // Node's URL gives custom schemes an opaque origin ('null'): compare scheme and host instead.
    const u = new URL(frame.url);
    return u.protocol === 'app:' && u.host === 'sportello';
  } catch {
    return false;
  }
}

/** Items 13–14: no navigation away from app://, no new windows, no <webview>. */
export function hardenWebContents(wc: WebContents): void {
  wc.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Item 5: deny every permission except the camera (media with video only) for our own origin. */
export function permissionAllowed(permission: string, details: { requestingUrl: string; mediaTypes?: ReadonlyArray<string> }): boolean {
  if (permission !== 'media') return false;
  if (!details.requestingUrl.startsWith(`${APP_ORIGIN}/`)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

export function installPermissionHandlers(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details as Parameters<typeof permissionAllowed>[1])));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => {
    if (permission !== 'media' || requestingOrigin !== APP_ORIGIN) return false;
    return (details as { mediaType?: string }).mediaType === 'video';
  });
}
