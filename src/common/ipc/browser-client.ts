// Browser-mode implementation of SportelloBridge over the loopback bridge (src/main/bridge):
// POST /api/invoke for calls, one WebSocket for events. src/common has no DOM types, so the few
// browser globals it needs are described structurally here and passed in (the renderer passes `window`).
import { BRIDGE_EVENTS_PATH, BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_KEY, BRIDGE_WS_PROTOCOL, BRIDGE_WS_TOKEN_PREFIX, type EventEnvelope, type SportelloBridge } from './bridge';
import type { HandlerName, Result } from './contract';
import type { EventName, Events } from './events';

type FetchResponseLike = { readonly status: number; json(): Promise<unknown> };
type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<FetchResponseLike>;
type WebSocketLike = {
  addEventListener(type: string, listener: (ev: { data?: unknown }) => void): void;
  close(): void;
};
type WebSocketCtorLike = new (url: string, protocols: string[]) => WebSocketLike;
type TimerLike = (fn: () => void, ms: number) => unknown;

/** The slice of `window` the client uses. */
export type BrowserWindowLike = {
  readonly location: { readonly href: string; readonly origin: string };
  readonly sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly fetch: FetchLike;
  readonly WebSocket: WebSocketCtorLike;
  readonly setTimeout: TimerLike;
};

/**
 * Reads the per-launch token from the URL (fragment `#sportello-token=…` or query `?sportello-token=…`),
 * keeps it in sessionStorage and removes it from the address bar; falls back to sessionStorage.
 */
export function resolveBridgeToken(win: Pick<BrowserWindowLike, 'location' | 'sessionStorage' | 'history'>): string | null {
  // No URL/URLSearchParams in src/common (no DOM lib): split the href by hand.
  const [beforeHash = '', hash = ''] = splitOnce(win.location.href, '#');
  const [base = '', query = ''] = splitOnce(beforeHash, '?');
  const token = param(hash, BRIDGE_TOKEN_KEY) ?? param(query, BRIDGE_TOKEN_KEY);
  if (token) {
    win.sessionStorage.setItem(BRIDGE_TOKEN_KEY, token);
    const rest = query.split('&').filter((kv) => kv && !kv.startsWith(`${BRIDGE_TOKEN_KEY}=`));
    const path = base.slice(win.location.origin.length) || '/';
    win.history.replaceState(null, '', rest.length > 0 ? `${path}?${rest.join('&')}` : path);
    return token;
  }
  return win.sessionStorage.getItem(BRIDGE_TOKEN_KEY);
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function param(qs: string, key: string): string | null {
  for (const kv of qs.split('&')) {
    const [k, v = ''] = splitOnce(kv, '=');
    if (k === key && v) return decodeURIComponent(v);
  }
  return null;
}

function transportError(message: string, kind: 'transport' | 'unauthorized' = 'transport') {
  return { ok: false as const, error: { kind, message } };
}

/** Builds the bridge for `win`; `token` defaults to resolveBridgeToken(win). */
export function createBrowserBridge(win: BrowserWindowLike, token = resolveBridgeToken(win)): SportelloBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let socket: WebSocketLike | null = null;
  let retryMs = 250;

  const dispatch = (data: unknown) => {
    if (typeof data !== 'string') return;
    let env: EventEnvelope;
    try {
      env = JSON.parse(data) as EventEnvelope;
    } catch {
      return;
    }
    for (const cb of listeners.get(env.name) ?? []) (cb as (p: unknown) => void)(env.payload);
  };

  const connect = () => {
    if (socket || !token) return;
    const wsUrl = `${win.location.origin.replace(/^http/, 'ws')}${BRIDGE_EVENTS_PATH}`;
    const ws = new win.WebSocket(wsUrl, [BRIDGE_WS_PROTOCOL, `${BRIDGE_WS_TOKEN_PREFIX}${token}`]);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
    });
    ws.addEventListener('message', (ev) => dispatch(ev.data));
    ws.addEventListener('close', () => {
      socket = null;
      // Reconnect while someone listens; the server re-sends the current status on connect.
      const anyone = [...listeners.values()].some((s) => s.size > 0);
      if (anyone) win.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };

  return {
    transport: 'browser',
    async invoke<K extends HandlerName>(name: K, ...rest: unknown[]): Promise<Result<K>> {
      if (!token) return transportError('no bridge token: open the URL printed by `sportello serve`', 'unauthorized');
      let res: FetchResponseLike;
      try {
        res = await win.fetch(`${win.location.origin}${BRIDGE_INVOKE_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name, arg: rest[0] }),
        });
      } catch (err) {
        return transportError(`bridge unreachable: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (res.status === 401) return transportError('bridge token rejected', 'unauthorized');
      try {
        const body = (await res.json()) as Result<K>;
        if (body && typeof body === 'object' && 'ok' in body) return body;
      } catch {
        // fall through
      }
      return transportError(`bridge answered HTTP ${res.status} without a result`);
    },
    listen<E extends EventName>(name: E, cb: (payload: Events[E]) => void): () => void {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(cb as (payload: never) => void);
      connect();
      return () => {
        set.delete(cb as (payload: never) => void);
      };
    },
  };
}
