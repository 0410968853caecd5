// Issue #10 §5: the technician opens DevTools only in the Electron shell (tech/devtools asks the technician
// PIN again and the shell swaps in a window that has them). A browser on `serve` has its own DevTools and
// the core answers not-implemented there, so the button is not offered.
import type { AppInfo } from '../../common/ipc/system';

export function devToolsOffered(info: Pick<AppInfo, 'transport'>): boolean {
  return info.transport === 'electron';
}
