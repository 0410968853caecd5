// The terminal's MIL access token (pagopa-extra.md §a.1): POST {authUrl}/token with the client_credentials
// grant, form-urlencoded, and the terminal's CommonHeader values. The token is cached and renewed before it
// expires (a margin of refreshMarginMs, at most half its lifetime), one request at a time: concurrent
// callers share one renewal. The client_credentials grant returns no refresh token (mil-auth issues one
// only with scope=offline_access on the password grant), so renewing = a new client_credentials request.
// A failure here means the payment call was never sent: every error is maybeProcessed=false.
import { randomUUID } from 'node:crypto';
import { NodeCallError } from '../node/errors';
import { errorCodes, httpExchange, parseJson, type MilAgent } from './http-json';
import type { MilIdentity, MilTokenState } from './types';

export type TokenSourceOptions = {
  authUrl: URL;
  identity: MilIdentity;
  agent: MilAgent;
  timeoutMs: number;
  refreshMarginMs: number;
  now: () => number;
};

export type TokenSource = {
  /** A token valid for at least the refresh margin (fetches one when needed). */
  get(): Promise<string>;
  /** Drops `token` (MIL answered 401 to it): the next get() fetches a new one. */
  invalidate(token: string): void;
  state(): MilTokenState;
};

const TOKEN_RE = /^[a-zA-Z0-9_-]{1,1024}\.[a-zA-Z0-9_-]{1,2048}\.[a-zA-Z0-9_-]{1,1024}$/;

/** The CommonHeader values every MIL call carries (RequestId: a fresh UUID per request). */
export function commonHeaders(id: MilIdentity): Record<string, string> {
  return {
    RequestId: randomUUID(),
    ...(id.version ? { Version: id.version } : {}),
    AcquirerId: id.acquirerId,
    Channel: id.channel,
    ...(id.merchantId ? { MerchantId: id.merchantId } : {}),
    TerminalId: id.terminalId,
  };
}

export function createTokenSource(o: TokenSourceOptions): TokenSource {
  let current: { token: string; expiresAt: number; obtainedAt: number } | null = null;
  let pending: Promise<string> | null = null;
  let lastError: string | null = null;
  const url = new URL('token', o.authUrl.href.endsWith('/') ? o.authUrl : new URL(`${o.authUrl.href}/`));

  const fresh = (): boolean => {
    if (!current) return false;
    const lifetime = current.expiresAt - current.obtainedAt;
    return o.now() < current.expiresAt - Math.min(o.refreshMarginMs, lifetime / 2);
  };

  async function fetchToken(): Promise<string> {
    const fail = (kind: 'unauthorized' | 'http' | 'malformed-response', message: string, httpStatus?: number) => {
      const err = new NodeCallError({ kind, operation: 'mil.token', message: `mil.token: ${message}`, maybeProcessed: false, ...(httpStatus ? { httpStatus } : {}) });
      lastError = `${kind}: ${err.message}`;
      return err;
    };
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.identity.clientId, client_secret: o.identity.clientSecret }).toString();
    let res;
    try {
      res = await httpExchange({
        method: 'POST',
        url,
        headers: { ...commonHeaders(o.identity), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        timeoutMs: o.timeoutMs,
        agent: o.agent,
        operation: 'mil.token',
      });
    } catch (err) {
      // Whatever happened to the token request, the payment request itself was not sent.
      if (err instanceof NodeCallError) {
        lastError = `${err.kind}: ${err.message}`;
        throw new NodeCallError({ kind: err.kind, operation: 'mil.token', message: err.message, maybeProcessed: false, ...(err.httpStatus ? { httpStatus: err.httpStatus } : {}) });
      }
      throw err;
    }
    const json = parseJson(res.text);
    if (res.status === 401 || res.status === 403) throw fail('unauthorized', `HTTP ${res.status}: client credentials refused (${errorCodes(json).join(',') || 'no code'})`, res.status);
    if (res.status !== 200) throw fail('http', `HTTP ${res.status}${errorCodes(json).length ? ` (${errorCodes(json).join(',')})` : ''}`, res.status);
    const t = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    const token = t.access_token;
    const expiresIn = t.expires_in;
    if (typeof token !== 'string' || !TOKEN_RE.test(token) || t.token_type !== 'Bearer' || typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1)
      throw fail('malformed-response', 'token answer is not an AccessToken', res.status);
    const now = o.now();
    current = { token, obtainedAt: now, expiresAt: now + expiresIn * 1000 };
    lastError = null;
    return token;
  }

  return {
    async get() {
      if (current && fresh()) return current.token;
      pending ??= fetchToken().finally(() => (pending = null));
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
    state: () => ({ expiresAt: current?.expiresAt ?? null, obtainedAt: current?.obtainedAt ?? null, lastError }),
  };
}
