// Sandboxed preload (style.md §9): exposes exactly one object, window.sportello, satisfying the same
// SportelloBridge as the browser client. No Electron API leaks to the page (checklist item 20).
import { contextBridge, ipcRenderer, type IpcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type EventEnvelope, type SportelloBridge } from '../../common/ipc/bridge';
import type { HandlerName, Result } from '../../common/ipc/contract';
import type { EventName, Events } from '../../common/ipc/events';

export function createPreloadBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): SportelloBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  ipc.on(IPC_EVENT_CHANNEL, (_event, env: EventEnvelope) => {
    for (const cb of listeners.get(env.name) ?? []) (cb as (p: unknown) => void)(env.payload);
  });
  return {
    transport: 'electron',
    async invoke<K extends HandlerName>(name: K, ...rest: unknown[]): Promise<Result<K>> {
      try {
        return (await ipc.invoke(IPC_INVOKE_CHANNEL, name, rest[0])) as Result<K>;
      } catch (err) {
        return { ok: false, error: { kind: 'transport', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    listen<E extends EventName>(name: E, cb: (payload: Events[E]) => void): () => void {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(cb as (payload: never) => void);
      return () => {
        set.delete(cb as (payload: never) => void);
      };
    },
  };
}

contextBridge.exposeInMainWorld('sportello', createPreloadBridge(ipcRenderer));
