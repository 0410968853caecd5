// When the shell may restart into a new version (pos-practice.md §6 "Kiosk gotchas": install only when
// the till is idle and the queue is empty). Reads the core's own services; nothing here changes state.
import type { App } from '../app/create-app';

/**
 * Idle = no customer payment under way (token held: 'activated'), nothing in the sync queue (the
 * engine's pending states: activating, collecting, collected, cancelling, offline-queued) and no
 * receipt queued or printing. Exceptions waiting for a person do not block: they are in SQLite.
 */
export function terminalIdleCheck(app: Pick<App, 'services'>): () => Promise<boolean> {
  return async () => {
    const { engine, print } = app.services;
    if (engine.list({ state: 'activated', limit: 1 }).length > 0) return false;
    if (engine.queueSnapshot().pendingCount > 0) return false;
    return print.jobs({ state: 'queued' }).length === 0 && print.jobs({ state: 'printing' }).length === 0;
  };
}
