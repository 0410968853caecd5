// One SOAP POST to the node: the shared HTTP exchange (http-exchange.ts: keep-alive reuse, a hard per-call
// deadline, every failure a NodeCallError saying whether the node may have processed the request) with
// the SOAP headers pagoPA expects.
import http from 'node:http';
import https from 'node:https';
import { httpExchange, type HttpAgent } from './http-exchange';

export type SoapAgent = HttpAgent;
export type PostResult = { status: number; text: string };

export type PostOptions = {
  url: URL;
  body: string;
  soapAction: string;
  subscriptionKey?: string;
  timeoutMs: number;
  agent: SoapAgent;
  operation: string;
};

export async function postSoap(o: PostOptions): Promise<PostResult> {
  const headers: Record<string, string> = {
    'Content-Type': 'text/xml; charset=utf-8',
    Accept: 'text/xml, application/xml',
    // pagopa-psp.md §3.1: SOAPAction = operation name, no namespace; the pagoPA test client sends it unquoted.
    SOAPAction: o.soapAction,
  };
  // pagopa-psp.md §3.1 (SANP Connettività): the APIM key goes in Ocp-Apim-Subscription-Key.
  if (o.subscriptionKey) headers['Ocp-Apim-Subscription-Key'] = o.subscriptionKey;
  const r = await httpExchange({ method: 'POST', url: o.url, headers, body: o.body, timeoutMs: o.timeoutMs, agent: o.agent, operation: o.operation });
  return { status: r.status, text: r.text };
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
