// The object the renderer sees as window.sportello, whatever the shell: the Electron preload
// (contextBridge) and the browser client both implement it, so the renderer cannot tell them apart.
import type { Args, HandlerName, Result } from './contract';
import type { EventName, Events } from './events';
import type { BridgeTransport } from './common';

/** Optional argument for calls whose schema accepts undefined (e.g. 'session/state'). */
export type InvokeArgs<K extends HandlerName> = undefined extends Args<K> ? [arg?: Args<K>] : [arg: Args<K>];

export type SportelloBridge = {
  /** Never rejects: failures come back as { ok:false, error:{ kind, message } }. */
  invoke<K extends HandlerName>(name: K, ...arg: InvokeArgs<K>): Promise<Result<K>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  listen<E extends EventName>(name: E, cb: (payload: Events[E]) => void): () => void;
  readonly transport: BridgeTransport;
};

/** Electron: the single invoke channel (ipcMain.handle) and the single event channel (webContents.send). */
export const IPC_INVOKE_CHANNEL = 'sportello:invoke';
export const IPC_EVENT_CHANNEL = 'sportello:event';

/** Browser bridge: HTTP paths and the WebSocket sub-protocols (the token rides in the second one). */
export const BRIDGE_INVOKE_PATH = '/api/invoke';
export const BRIDGE_EVENTS_PATH = '/api/events';
export const BRIDGE_WS_PROTOCOL = 'sportello.v1';
export const BRIDGE_WS_TOKEN_PREFIX = 'token.';
/** sessionStorage key and URL parameter name that carry the per-launch token. */
export const BRIDGE_TOKEN_KEY = 'sportello-token';

/** Wire format of one pushed event (Electron IPC and WebSocket alike). */
export type EventEnvelope = { readonly [E in EventName]: { readonly name: E; readonly payload: Events[E] } }[EventName];
