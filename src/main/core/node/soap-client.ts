// nodeForPsp SOAP client (pagopa-psp.md §3). KO answers are returned; transport failures are thrown as
// NodeCallError (see errors.ts). The URL is used exactly as configured.
import { silentLogger, type Logger } from '../log/logger';
import { NodeCallError, NodeConfigError, callFailureLine } from './errors';
import { createAgent, postSoap } from './http-post';
import { buildActivateBody, buildCatalogueBody, buildDemandBody, buildOutcomeBody, buildVerificaBollettinoBody, buildVerifyBody } from './requests';
import { ResponseShapeError, parseActivate, parseCatalogue, parseDemand, parseEnvelope, parseOutcome, parseVerify } from './responses';
import type { NodeClient, NodeIdentity, NodeOperation } from './types';
import { soapEnvelope } from './xml';

export type NodeClientOptions = {
  url: string;
  identity: NodeIdentity;
  subscriptionKey?: string;
  /**
   * SANP Indicatori di qualità: minimum waits 12 s verify/activate, 15 s sendPaymentOutcome; demandPaymentNotice
   * at least 12 s, no automatic retry (pagopa-extra.md §e); nodoChiediCatalogoServizi 15 s (pagopa-psp.md §3.11).
   */
  timeouts?: { verifyMs?: number; activateMs?: number; outcomeMs?: number; demandMs?: number; catalogueMs?: number };
  apiVersion?: 'v2' | 'v1';
  tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer };
  logger?: Logger;
};

export const DEFAULT_TIMEOUTS = { verifyMs: 12_000, activateMs: 12_000, outcomeMs: 15_000, demandMs: 12_000, catalogueMs: 15_000 } as const;

/** Response element per operation (nodeForPsp.wsdl output parts). */
export const RESPONSE_ELEMENT: Record<NodeOperation, string> = {
  verifyPaymentNotice: 'verifyPaymentNoticeRes',
  verificaBollettino: 'verificaBollettinoRes',
  activatePaymentNotice: 'activatePaymentNoticeRes',
  activatePaymentNoticeV2: 'activatePaymentNoticeV2Response',
  sendPaymentOutcome: 'sendPaymentOutcomeRes',
  sendPaymentOutcomeV2: 'sendPaymentOutcomeV2Response',
  nodoChiediCatalogoServiziV2: 'nodoChiediCatalogoServiziV2Response',
  demandPaymentNotice: 'demandPaymentNoticeResponse',
};

type Parsed = Record<string, unknown>;

export function createNodeClient(opts: NodeClientOptions): NodeClient {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new NodeConfigError('invalid-setting', 'node url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NodeConfigError('invalid-setting', `node url must be http(s), got ${url.protocol}`);
  const log = (opts.logger ?? silentLogger).child('node-client');
  const version = opts.apiVersion ?? 'v2';
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const agent = createAgent(url.protocol === 'https:', opts.tls);
  const id = opts.identity;

  async function call<T>(operation: NodeOperation, body: string, timeoutMs: number, parse: (n: Parsed, where: string) => T): Promise<T> {
    const started = Date.now();
    const { status, text } = await postSoap({
      url,
      body: soapEnvelope(body),
      soapAction: operation,
      timeoutMs,
      agent,
      operation,
      ...(opts.subscriptionKey ? { subscriptionKey: opts.subscriptionKey } : {}),
    }).catch((err: unknown) => {
      if (err instanceof NodeCallError) log.warn(callFailureLine('node', url.host, err), { operation, host: url.host, kind: err.kind, maybeProcessed: err.maybeProcessed, message: err.message });
      throw err;
    });
    log.debug('node call', { operation, status, ms: Date.now() - started });
    const result = interpret(operation, status, text, parse);
    return result;
  }

  function interpret<T>(operation: NodeOperation, status: number, text: string, parse: (n: Parsed, where: string) => T): T {
    const fail = (kind: 'unauthorized' | 'http' | 'malformed-response', message: string, maybeProcessed: boolean, soapFault?: { faultcode: string; faultstring: string }) => {
      const err = new NodeCallError({ kind, operation, message: `${operation}: ${message}`, maybeProcessed, httpStatus: status, ...(soapFault ? { soapFault } : {}) });
      log.warn(callFailureLine('node', url.host, err), { operation, host: url.host, kind, status, maybeProcessed, message: err.message });
      return err;
    };
    // pagopa-psp.md §3.1: APIM answers 401 for a missing or wrong subscription key; the node never saw the call.
    if (status === 401) throw fail('unauthorized', 'HTTP 401: subscription key missing or rejected', false);
    let env: ReturnType<typeof parseEnvelope>;
    try {
      env = parseEnvelope(text);
    } catch (e) {
      if (status !== 200) throw fail('http', `HTTP ${status}`, status >= 500 || status === 408);
      throw fail('malformed-response', `malformed answer: ${(e as Error).message}`, true);
    }
    if (env.kind === 'soap-fault') {
      // SOAP 1.1 §4.4.1: faultcode Client = the message was wrong (not processed); Server = may have been.
      const f = { faultcode: env.fault.faultcode.slice(0, 100), faultstring: env.fault.faultstring.slice(0, 200) };
      throw fail('http', `SOAP Fault ${f.faultcode}: ${f.faultstring} (HTTP ${status})`, !/(^|:)Client(\.|$)/.test(f.faultcode), f);
    }
    // Some SOAP stacks send application answers with 500; accept the expected element on 200 and 500 only.
    if (status !== 200 && status !== 500) throw fail('http', `HTTP ${status}`, status >= 500 || status === 408);
    const expected = RESPONSE_ELEMENT[operation];
    if (env.name !== expected) throw fail('malformed-response', `expected ${expected}, got ${env.name.slice(0, 60)}`, true);
    try {
      return parse(env.content, expected);
    } catch (e) {
      if (e instanceof ResponseShapeError) throw fail('malformed-response', `malformed answer: ${e.message}`, true);
      throw e;
    }
  }

  return {
    verifyPaymentNotice: async (req) => call('verifyPaymentNotice', buildVerifyBody(id, req), timeouts.verifyMs, (n, w) => parseVerify(n, w, 'paymentList')),
    verificaBollettino: async (req) => call('verificaBollettino', buildVerificaBollettinoBody(id, req), timeouts.verifyMs, (n, w) => parseVerify(n, w, 'paymentBollettinoList')),
    activatePaymentNotice: async (req) =>
      call(version === 'v2' ? 'activatePaymentNoticeV2' : 'activatePaymentNotice', buildActivateBody(id, req, version), timeouts.activateMs, (n, w) => parseActivate(n, w, version)),
    sendPaymentOutcome: async (req) => call(version === 'v2' ? 'sendPaymentOutcomeV2' : 'sendPaymentOutcome', buildOutcomeBody(id, req, version), timeouts.outcomeMs, (n, w) => parseOutcome(n, w)),
    chiediCatalogoServizi: async (req) => call('nodoChiediCatalogoServiziV2', buildCatalogueBody(id, req), timeouts.catalogueMs, (n, w) => parseCatalogue(n, w)),
    demandPaymentNotice: async (req) => call('demandPaymentNotice', buildDemandBody(id, req), timeouts.demandMs, (n, w) => parseDemand(n, w)),
    close: async () => {
      agent.destroy();
    },
  };
}
