// One HTTP exchange over node:http(s) with keep-alive reuse and a hard per-call deadline, shared by the
// nodeForPsp SOAP client (http-post.ts) and the MIL REST client (src/main/core/mil). Every failure is
// classified into a NodeCallError whose `maybeProcessed` says whether the request could have reached the
// other side: nothing can have been processed before the connection (and TLS handshake) was established.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { NodeCallError, type NodeCallErrorKind } from './errors';

export type HttpAgent = http.Agent | https.Agent;
export type HttpResult = { status: number; headers: http.IncomingHttpHeaders; text: string };

export type HttpRequest = {
  method: 'GET' | 'POST' | 'PATCH';
  /** Answers larger than this are refused as malformed (default 4 MiB). */
  maxResponseBytes?: number;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  agent: HttpAgent;
  /** Names the call in errors (e.g. 'verifyPaymentNotice', 'mil.activate'). */
  operation: string;
};

const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$|ERR_OSSL)/;

class DeadlineExceeded extends Error {}
class TooLarge extends Error {}

export function httpExchange(o: HttpRequest): Promise<HttpResult> {
  const isHttps = o.url.protocol === 'https:';
  const mod = isHttps ? https : http;
  const where = o.url.host;
  const maxBytes = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return new Promise<HttpResult>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (kind: NodeCallErrorKind, message: string, maybeProcessed: boolean, httpStatus?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new NodeCallError({ kind, operation: o.operation, message: `${o.operation}: ${message}`, maybeProcessed, ...(httpStatus === undefined ? {} : { httpStatus }) }));
    };
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.body !== undefined) headers['Content-Length'] = Buffer.byteLength(o.body);
    const req = mod.request(o.url, { method: o.method, headers, agent: o.agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) req.destroy(new TooLarge());
        else chunks.push(c);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('aborted', () => fail('connection-reset', `connection to ${where} reset while reading the answer`, true, res.statusCode));
      res.on('error', (err) => onError(err));
    });
    const timer = setTimeout(() => req.destroy(new DeadlineExceeded()), o.timeoutMs);
    req.on('socket', (s: Socket) => {
      if (!s.connecting) connected = true;
      else s.once(isHttps ? 'secureConnect' : 'connect', () => (connected = true));
    });
    const onError = (err: NodeJS.ErrnoException) => {
      if (err instanceof DeadlineExceeded) return fail('timeout', `no answer from ${where} within ${o.timeoutMs} ms${connected ? ' (the request may have been processed)' : ''}`, connected);
      if (err instanceof TooLarge) return fail('malformed-response', `answer from ${where} larger than ${maxBytes} bytes`, true);
      const code = err.code ?? '';
      if (DNS_CODES.has(code)) return fail('dns', `cannot resolve ${o.url.hostname} (${code})`, false);
      if (REFUSED_CODES.has(code)) return fail('connection-refused', `connection to ${where} refused (${code})`, false);
      if (TLS_CODE.test(code) || (!connected && isHttps && /SSL|TLS|certificate/i.test(err.message)))
        return fail('tls', `TLS handshake with ${where} failed (${code || err.message.slice(0, 80)})`, false);
      if (code === 'ETIMEDOUT') return fail('timeout', `connection to ${where} timed out`, connected);
      return fail('connection-reset', `connection to ${where} reset (${code || 'closed'})${connected ? ' after the request was sent' : ''}`, connected);
    };
    req.on('error', onError);
    req.end(o.body);
  });
}
