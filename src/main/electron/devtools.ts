// DevTools only after the core checked a technician PIN (issue #10 §5). A window's `devTools` preference is
// fixed when the window is created and the terminal's window has none, so the shell swaps it for one that
// has them, opens them detached, and swaps back to a window without them as soon as they are closed.
// Nothing is lost by the swap: the session and every payment live in the core, not in the renderer.
import type { BrowserWindow } from 'electron';

/** Opens a new terminal window (with or without DevTools) in place of the current one and returns it. */
export type WindowFactory = (opts: { devTools: boolean }) => Promise<Pick<BrowserWindow, 'webContents'>>;

/** The shell's `onOpenDevTools`: call it only after the technician PIN was verified (tech/devtools). */
export function technicianDevTools(openWindow: WindowFactory): () => Promise<void> {
  return async () => {
    const win = await openWindow({ devTools: true });
    win.webContents.once('devtools-closed', () => void openWindow({ devTools: false }));
    win.webContents.openDevTools({ mode: 'detach' });
  };
}
