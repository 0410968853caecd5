// Browser mode (issue #6 §2): the renderer in a normal browser talks to the same core through this
// loopback HTTP + WebSocket bridge. 127.0.0.1 only, per-launch token on every API call and on the
// WebSocket, Host/Origin allow-lists against DNS rebinding, strict CSP on the served UI.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { BRIDGE_EVENTS_PATH, BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_KEY, BRIDGE_WS_PROTOCOL, BRIDGE_WS_TOKEN_PREFIX } from '../../common/ipc/bridge';
import type { Dispatch } from '../app/dispatcher';
import type { EventHub } from '../app/event-hub';
import type { Logger } from '../core/log/logger';
import { SECURITY_HEADERS, bearerToken, contentSecurityPolicy, hostAllowed, newBridgeToken, originAllowed, tokenMatches } from './security';
import { serveStatic } from './static-files';
import { WsConnection, acceptKey } from './websocket';

const MAX_BODY = 1_000_000;

export type BridgeServerOptions = {
  dispatch: Dispatch;
  events: EventHub;
  /** Built renderer directory (dist/renderer); null serves a "not built" page. */
  staticDir: string | null;
  /** 0 (default) = a free port. */
  port?: number;
  /** Defaults to a fresh random token (tests may fix one). */
  token?: string;
  log: Logger;
};

export type BridgeServer = {
  readonly port: number;
  readonly token: string;
  /** http://127.0.0.1:<port>/#sportello-token=<token> */
  readonly url: string;
  close(): Promise<void>;
};

export async function startBridgeServer(opts: BridgeServerOptions): Promise<BridgeServer> {
  const token = opts.token ?? newBridgeToken();
  const log = opts.log;
  const sockets = new Set<WsConnection>();
  let port = 0;

  const headers = () => ({ ...SECURITY_HEADERS, 'content-security-policy': contentSecurityPolicy(port) });
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...headers(), 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const denied = (status: number, kind: 'unauthorized' | 'forbidden' | 'invalid-argument', message: string) => ({
    status,
    body: { ok: false, error: { kind, message } },
  });

  const checkOrigin = (req: IncomingMessage) => hostAllowed(req.headers.host, port) && originAllowed(req.headers.origin, port);

  const server = http.createServer((req, res) => {
    if (!checkOrigin(req)) {
      const d = denied(403, 'forbidden', 'host or origin not allowed');
      reply(res, d.status, d.body);
      return;
    }
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === BRIDGE_INVOKE_PATH) {
      void handleInvoke(req, res);
      return;
    }
    if (urlPath.startsWith('/api/')) {
      const d = denied(404, 'invalid-argument', 'no such endpoint');
      reply(res, d.status, d.body);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers());
      res.end();
      return;
    }
    serveStatic(opts.staticDir, urlPath, res, headers());
  });

  async function handleInvoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
      const d = denied(401, 'unauthorized', 'missing or wrong bridge token');
      reply(res, d.status, d.body);
      req.resume();
      return;
    }
    if (req.method !== 'POST' || !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      const d = denied(400, 'invalid-argument', 'POST application/json expected');
      reply(res, d.status, d.body);
      req.resume();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) {
        const d = denied(413, 'invalid-argument', 'request too large');
        reply(res, d.status, d.body);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    let body: { name?: unknown; arg?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name?: unknown; arg?: unknown };
    } catch {
      const d = denied(400, 'invalid-argument', 'body is not JSON');
      reply(res, d.status, d.body);
      return;
    }
    const result = await opts.dispatch(body?.name, body?.arg);
    reply(res, 200, result);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const urlPath = (req.url ?? '').split('?')[0];
    if (urlPath !== BRIDGE_EVENTS_PATH) return refuse('404 Not Found');
    if (!checkOrigin(req)) return refuse('403 Forbidden');
    // Browsers cannot set headers on a WebSocket: the token rides as a sub-protocol (never in the URL).
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const given = protocols.find((p) => p.startsWith(BRIDGE_WS_TOKEN_PREFIX))?.slice(BRIDGE_WS_TOKEN_PREFIX.length);
    if (!protocols.includes(BRIDGE_WS_PROTOCOL) || !tokenMatches(token, given)) return refuse('401 Unauthorized');
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') return refuse('400 Bad Request');
    socket.write(
      ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`, `Sec-WebSocket-Protocol: ${BRIDGE_WS_PROTOCOL}`, '', ''].join(
        '\r\n',
      ),
    );
    const conn = new WsConnection(socket);
    sockets.add(conn);
    const unsubscribe = opts.events.subscribe((env) => conn.sendText(JSON.stringify(env)));
    conn.onClose = () => {
      unsubscribe();
      sockets.delete(conn);
    };
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never 0.0.0.0 or ::, whatever the configuration says.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  log.info('bridge listening', { port });

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#${BRIDGE_TOKEN_KEY}=${token}`,
    async close() {
      for (const s of sockets) s.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
