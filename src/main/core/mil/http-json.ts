// MIL's HTTP plumbing: the shared exchange (src/main/core/node/http-exchange.ts: deadline, keep-alive,
// failures classified with `maybeProcessed`) with MIL's answer size limit, its agent, and its JSON bodies.
import http from 'node:http';
import https from 'node:https';
import { httpExchange as exchange, type HttpAgent, type HttpRequest, type HttpResult } from '../node/http-exchange';

export type MilAgent = HttpAgent;
export type { HttpRequest, HttpResult };

/** MIL's answers are small JSON documents: anything above 1 MiB is refused as malformed. */
export function httpExchange(o: HttpRequest): Promise<HttpResult> {
  return exchange({ maxResponseBytes: 1024 * 1024, ...o });
}

export function createMilAgent(isHttps: boolean, tls?: { ca?: string | Buffer }): MilAgent {
  if (!isHttps) return new http.Agent({ keepAlive: true, maxSockets: 16 });
  return new https.Agent({ keepAlive: true, maxSockets: 16, minVersion: 'TLSv1.2', ...(tls?.ca ? { ca: tls.ca } : {}) });
}

/** JSON.parse that never throws: undefined for an empty or non-JSON body. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The `errors` codes of a MIL Errors body ({errors:[…]}), [] when absent. */
export function errorCodes(body: unknown): string[] {
  const e = body && typeof body === 'object' ? (body as { errors?: unknown }).errors : undefined;
  return Array.isArray(e) ? e.filter((c): c is string => typeof c === 'string').slice(0, 32) : [];
}
