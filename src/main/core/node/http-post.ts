// One SOAP POST over node:http(s) with keep-alive reuse and a hard per-call deadline. Every failure is
// classified into a NodeCallError whose `maybeProcessed` says whether the request could have reached
// the node: nothing can have been processed before the connection (and TLS handshake) was established.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { NodeCallError, type NodeCallErrorKind } from './errors';

export type SoapAgent = http.Agent | https.Agent;
export type PostResult = { status: number; text: string };

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$|ERR_OSSL)/;

class DeadlineExceeded extends Error {}
class TooLarge extends Error {}

export type PostOptions = {
  url: URL;
  body: string;
  soapAction: string;
  subscriptionKey?: string;
  timeoutMs: number;
  agent: SoapAgent;
  operation: string;
};

export function postSoap(o: PostOptions): Promise<PostResult> {
  const isHttps = o.url.protocol === 'https:';
  const mod = isHttps ? https : http;
  const where = o.url.host;
  return new Promise<PostResult>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (kind: NodeCallErrorKind, message: string, maybeProcessed: boolean, httpStatus?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new NodeCallError({ kind, operation: o.operation, message: `${o.operation}: ${message}`, maybeProcessed, ...(httpStatus === undefined ? {} : { httpStatus }) }));
    };
    const headers: Record<string, string | number> = {
      'Content-Type': 'text/xml; charset=utf-8',
      Accept: 'text/xml, application/xml',
      // pagopa-psp.md §3.1: SOAPAction = operation name, no namespace; the pagoPA test client sends it unquoted.
      SOAPAction: o.soapAction,
      'Content-Length': Buffer.byteLength(o.body),
    };
    // pagopa-psp.md §3.1 (SANP Connettività): the APIM key goes in Ocp-Apim-Subscription-Key.
    if (o.subscriptionKey) headers['Ocp-Apim-Subscription-Key'] = o.subscriptionKey;
    const req = mod.request(o.url, { method: 'POST', headers, agent: o.agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) req.destroy(new TooLarge());
        else chunks.push(c);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('aborted', () => fail('connection-reset', `connection to ${where} reset while reading the answer`, true, res.statusCode));
      res.on('error', (err) => onError(err));
    });
    const timer = setTimeout(() => req.destroy(new DeadlineExceeded()), o.timeoutMs);
    req.on('socket', (s: Socket) => {
      if (!s.connecting)
        connected = true; // a reused keep-alive socket
      else s.once(isHttps ? 'secureConnect' : 'connect', () => (connected = true));
    });
    const onError = (err: NodeJS.ErrnoException) => {
      if (err instanceof DeadlineExceeded) return fail('timeout', `no answer from ${where} within ${o.timeoutMs} ms${connected ? ' (the request may have been processed)' : ''}`, connected);
      if (err instanceof TooLarge) return fail('malformed-response', `answer from ${where} larger than ${MAX_RESPONSE_BYTES} bytes`, true);
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

export function createAgent(isHttps: boolean, tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer }): SoapAgent {
  // keepAlive: reuse connections across calls; Node ≥19 also honours the server's Keep-Alive timeout hint.
  if (!isHttps) return new http.Agent({ keepAlive: true, maxSockets: 16 });
  // SANP Connettività: TLS ≥ 1.2.
  return new https.Agent({
    keepAlive: true,
    maxSockets: 16,
    minVersion: 'TLSv1.2',
    ...(tls?.ca ? { ca: tls.ca } : {}),
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.key ? { key: tls.key } : {}),
  });
}
