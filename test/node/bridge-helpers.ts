// Test helpers for the browser bridge: raw HTTP calls with chosen headers and a minimal WebSocket
// client (RFC 6455 handshake + masked frames), so Host/Origin/token checks can be exercised exactly.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, setHost: !opts.headers?.host }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function invoke(port: number, token: string | null, name: string, arg?: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return request(port, { method: 'POST', path: '/api/invoke', headers, body: JSON.stringify({ name, arg }) });
}

export type WsClient = { messages: unknown[]; next(): Promise<unknown>; close(): void };

/** Opens /api/events; resolves with the client on 101, rejects with the HTTP status line otherwise. */
export function openEvents(port: number, protocols: string[], extra: Record<string, string> = {}): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/api/events',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': protocols.join(', '),
        ...extra,
      },
    });
    req.on('response', (res) => {
      res.resume();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    req.on('error', reject);
    req.on('upgrade', (res, socket: Socket, head: Buffer) => {
      const messages: unknown[] = [];
      const waiters: Array<(m: unknown) => void> = [];
      let buf = head;
      socket.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        while (buf.length >= 2) {
          let len = buf[1]! & 0x7f;
          let off = 2;
          if (len === 126) {
            if (buf.length < 4) return;
            len = buf.readUInt16BE(2);
            off = 4;
          } else if (len === 127) {
            if (buf.length < 10) return;
            len = Number(buf.readBigUInt64BE(2));
            off = 10;
          }
          if (buf.length < off + len) return;
          const opcode = buf[0]! & 0x0f;
          const payload = buf.subarray(off, off + len).toString('utf8');
          buf = buf.subarray(off + len);
          if (opcode !== 1) continue;
          const msg = JSON.parse(payload) as unknown;
          const w = waiters.shift();
          if (w) w(msg);
          else messages.push(msg);
        }
      });
      resolve({
        messages,
        next: () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r))),
        close: () => {
          // Masked close frame (client → server frames must be masked, RFC 6455 §5.3).
          socket.write(Buffer.from([0x88, 0x80, 1, 2, 3, 4]));
          socket.destroy();
        },
      });
      void res;
    });
    req.end();
  });
}
