// The nodeForPsp simulator: a real node:http server speaking SOAP 1.1 at /nodo-auth/node-for-psp/v1
// (and at /), with SANP semantics (state.ts), in-process XSD validation (xsd-validator.ts), run-time
// fault injection and an admin JSON API under /admin/ (README.md).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from '../../common/clock';
import { nullLogger, type Logger } from '../../common/logger';
import type { NodeIdentity } from '../core/node/types';
import { NS_SOAP11 } from '../core/node/xml';
import { handleAdmin } from './admin';
import { activateOf, bollettinoOf, identityOf, outcomeOf, qrCodeOf } from './extract';
import { FaultBook } from './fault-injection';
import { ecFault, nodeFault } from './fault-codes';
import { checkMarcheDaBollo } from './marca-da-bollo';
import { Registry, defaultIdentityRegistry, type RegistryPatch, type RegistryRemoval, type SimRegistry } from './registry';
import { OPERATIONS, renderCatalogue, renderDemand, renderKo, renderResult, renderSoapFault, type SimOperation } from './render';
import { BENCH_EC_FISCAL_CODE, DEFAULT_SEED } from './seed';
import { SimSpontaneous, type SimDebt, type SimService } from './spontaneous';
import { SimState, type SimResult } from './state';
import type { LedgerEntry, SimFault, SimPosition } from './types';
import { parseXmlTree, XmlTreeError, type XmlEl } from './xml-tree';
import { validateRequestElement } from './xsd-validator';

export type { LedgerEntry, SimFault, SimPosition, SimFaultKind, SimTransfer } from './types';
export type { RegistryPatch, RegistryRemoval, SimRegistry } from './registry';
export type { SimDebt, SimProvider, SimService } from './spontaneous';
export { DEFAULT_SEED, DEMO_NOTICES, BENCH_EC_FISCAL_CODE, generatePositions } from './seed';

export const SOAP_PATH = '/nodo-auth/node-for-psp/v1';
export const DEFAULT_SIM_IDENTITY: NodeIdentity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const MAX_BODY = 1024 * 1024;

export type NodeSimulatorOptions = {
  port?: number;
  host?: string;
  seed?: SimPosition[] | 'default';
  subscriptionKey?: string;
  identity?: Partial<NodeIdentity>;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  /** EC fiscal codes whose unknown notices are created open on first use (default: the bench EC 99999999990). */
  autoCreate?: string[];
  /** Added to every answer (ms), like the CLI's --latency-ms. */
  latencyMs?: number;
  /** Node's token validity (default and max 30 min). */
  maxTokenMs?: number;
  idempotencyKeyValidityMs?: number;
  /** Registry entries added to (or replacing) the defaults (README: Registry). */
  registry?: RegistryPatch;
  /** Period of the node's token-cancellation job on the simulator clock (default 60 s; 0 = only on demand). */
  cancelJobIntervalMs?: number;
};

export interface NodeSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** url + /nodo-auth/node-for-psp/v1 */
  readonly soapUrl: string;
  addPositions(p: SimPosition[]): void;
  setFault(f: SimFault): void;
  clearFaults(): void;
  /** Back to the seed: positions, tokens, idempotency cache, ledger and faults. */
  reset(): void;
  ledger(): LedgerEntry[];
  positions(): (SimPosition & { lockedByToken?: string })[];
  /** Moves the simulator's time forward (on top of the injected clock). */
  advanceClock(ms: number): void;
  /** The node's registry: PSPs, brokers, channels, creditors, stations. */
  registry(): SimRegistry;
  /** Adds or replaces registry entries by id (e.g. `{ creditors: [{ fiscalCode, enabled: false }] }`). */
  updateRegistry(patch: RegistryPatch): void;
  removeFromRegistry(r: RegistryRemoval): number;
  /** Runs the token-cancellation job now; returns how many expired locks it released. */
  runCancelJob(): number;
  /** The services catalogue nodoChiediCatalogoServiziV2 answers (issue #13). */
  catalogue(): SimService[];
  /** Adds or replaces what the creditors know for demandPaymentNotice (plates, permits). */
  addDebts(d: SimDebt[]): void;
  /** Closes (or reopens) a provider's service now: demandPaymentNotice answers PPT_SERVIZIO_NONATTIVO. */
  setServiceClosed(idSoggettoServizio: string, closed: boolean): boolean;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** The WSDL's soapAction is the bare operation name; accept it quoted too (SOAP 1.1 §6.1.1). */
const soapActionOf = (h: string | string[] | undefined) =>
  String(h ?? '')
    .trim()
    .replace(/^"(.*)"$/, '$1');

export async function startNodeSimulator(opts: NodeSimulatorOptions = {}): Promise<NodeSimulator> {
  const log = (opts.logger ?? nullLogger).child('node-sim');
  const random = opts.random ?? Math.random;
  const seed = opts.seed === undefined || opts.seed === 'default' ? DEFAULT_SEED : opts.seed;
  const identity = { ...DEFAULT_SIM_IDENTITY, ...opts.identity };
  const autoCreate = opts.autoCreate ?? [BENCH_EC_FISCAL_CODE];
  const registry = new Registry();
  // Default registry: the simulator's PSP identity, every creditor and station its positions need, the
  // auto-create ECs with an aux-3 station for any segregation code, then the caller's entries.
  const seedRegistry = () => {
    registry.clear();
    registry.apply(defaultIdentityRegistry(identity));
    for (const ec of autoCreate) registry.registerNotice(ec, undefined, true);
    // The demo creditors are real public bodies the real node knows, whatever seed this run uses.
    for (const p of [...DEFAULT_SEED, ...seed]) registry.registerNotice(p.fiscalCode, p.noticeNumber);
    registry.apply(opts.registry ?? {});
  };
  seedRegistry();
  const state = new SimState({
    clock: opts.clock ?? systemClock,
    random,
    identity,
    registry,
    autoCreate,
    ...(opts.cancelJobIntervalMs !== undefined ? { cancelJobIntervalMs: opts.cancelJobIntervalMs } : {}),
    ...(opts.maxTokenMs !== undefined ? { maxTokenMs: opts.maxTokenMs } : {}),
    ...(opts.idempotencyKeyValidityMs !== undefined ? { idempotencyKeyValidityMs: opts.idempotencyKeyValidityMs } : {}),
  });
  state.addPositions(seed);
  const spontaneous = new SimSpontaneous(
    () => state.now(),
    (fc, nn) => state.positions().find((p) => p.fiscalCode === fc && p.noticeNumber === nn)?.status,
  );
  const faults = new FaultBook(random);
  const sockets = new Set<Socket>();
  const baseLatency = opts.latencyMs ?? 0;

  const sim: Omit<NodeSimulator, 'url' | 'soapUrl' | 'close'> = {
    addPositions: (p) => {
      for (const x of p) registry.registerNotice(x.fiscalCode, x.noticeNumber);
      state.addPositions(p);
    },
    setFault: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    reset: () => {
      state.clear();
      state.offsetMs = 0;
      seedRegistry();
      state.addPositions(seed);
      faults.clear();
      spontaneous.reset();
    },
    ledger: () => state.ledger(),
    positions: () => state.positions(),
    advanceClock: (ms) => {
      state.offsetMs += ms;
    },
    registry: () => registry.snapshot(),
    updateRegistry: (p) => registry.apply(p),
    removeFromRegistry: (r) => registry.remove(r),
    runCancelJob: () => state.runCancelJob(),
    catalogue: () => spontaneous.services(),
    addDebts: (d) => spontaneous.addDebts(d),
    setServiceClosed: (id, closed) => spontaneous.setClosed(id, closed),
  };

  function send(res: http.ServerResponse, status: number, body: string, type = 'text/xml; charset=utf-8'): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  /**
   * Parses and checks the envelope. A broken one (not well-formed, wrong envelope namespace, Body missing or
   * not holding one element) is a syntax error of the request like any other: the node answers HTTP 200 with
   * the operation's KO and PPT_SINTASSI_EXTRAXSD (node test suite, pagopa-psp.md §6 [S10]: SIN_SPO_01..03 of
   * NewMod3 sendPaymentOutcome_syntax_ko and NewMod1 sendPaymentOutcomeV2_syntax). The operation is the body
   * element's, or else the SOAPAction's; only when neither names one is the answer a SOAP Fault (HTTP 500).
   */
  function bodyElement(text: string, action: string, res: http.ServerResponse): XmlEl | undefined {
    let root: XmlEl | undefined;
    let problem: string;
    try {
      root = parseXmlTree(text);
      problem = 'not a SOAP 1.1 envelope with one body element';
    } catch (e) {
      problem = e instanceof XmlTreeError ? e.message : 'unreadable request';
    }
    const envelopeOk = root?.local === 'Envelope' && root.ns === NS_SOAP11;
    const body = root?.local === 'Envelope' ? root.children.find((c) => c.local === 'Body' && (!envelopeOk || c.ns === NS_SOAP11)) : undefined;
    const el = body?.children.length === 1 ? body.children[0] : undefined;
    if (el && envelopeOk) return el;
    const known = (el && el.ns !== null ? OPERATIONS[el.local] : undefined) ?? Object.values(OPERATIONS).find((o) => o.op === action);
    if (known) send(res, 200, renderKo(known.res, nodeFault('PPT_SINTASSI_EXTRAXSD', problem.slice(0, 500))));
    else send(res, 500, renderSoapFault('Client', `PPT_SINTASSI_EXTRAXSD: ${problem.slice(0, 200)}`));
    return undefined;
  }

  function dispatch(op: SimOperation, el: XmlEl): SimResult {
    const id = identityOf(el);
    switch (op) {
      case 'verifyPaymentNotice': {
        const q = qrCodeOf(el);
        return state.verify(q.fiscalCode, q.noticeNumber);
      }
      case 'verificaBollettino': {
        const b = bollettinoOf(el);
        return state.verificaBollettino(b.ccPost, b.noticeNumber);
      }
      case 'activatePaymentNotice':
        return state.activate(id, activateOf(el, 'v1'));
      case 'activatePaymentNoticeV2':
        return state.activate(id, activateOf(el, 'v2'));
      case 'sendPaymentOutcome':
        return state.outcome(id, outcomeOf(el, 'v1'));
      case 'sendPaymentOutcomeV2':
        return state.outcome(id, outcomeOf(el, 'v2'));
      case 'nodoChiediCatalogoServiziV2':
      case 'demandPaymentNotice':
        throw new Error(`${op} is answered by spontaneousAnswer`);
    }
  }

  /** nodoChiediCatalogoServiziV2 and demandPaymentNotice (issue #13, spontaneous.ts), on XSD-valid requests. */
  function spontaneousAnswer(op: 'nodoChiediCatalogoServiziV2' | 'demandPaymentNotice', resName: string, el: XmlEl): string {
    const text = (n: string) => el.children.find((c) => c.local === n)?.text;
    if (op === 'nodoChiediCatalogoServiziV2') {
      // The catalogue request names the identity the V1 way (identificativoPSP, …).
      const idFault = state.checkIdentity({
        idPSP: text('identificativoPSP') ?? '',
        idBrokerPSP: text('identificativoIntermediarioPSP') ?? '',
        idChannel: text('identificativoCanale') ?? '',
        password: text('password') ?? '',
      });
      if (idFault) return renderKo(resName, idFault);
      const filter = { idDominio: text('identificativoDominio'), categoria: text('categoria'), commissione: text('commissione') };
      return renderCatalogue(resName, spontaneous.catalogueXml(Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined))));
    }
    const idFault = state.checkIdentity(identityOf(el));
    if (idFault) return renderKo(resName, idFault);
    const a = spontaneous.demand(text('idSoggettoServizio') ?? '', text('datiSpecificiServizio') ?? '');
    if (a.kind === 'ko') return renderKo(resName, a.fault);
    const p = a.position;
    if (!state.positions().some((x) => x.fiscalCode === p.fiscalCode && x.noticeNumber === p.noticeNumber)) sim.addPositions([p]);
    return renderDemand(resName, p);
  }

  async function soap(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
    // pagopa-psp.md §3.1: APIM rejects a missing/wrong Ocp-Apim-Subscription-Key with HTTP 401.
    if (opts.subscriptionKey !== undefined && req.headers['ocp-apim-subscription-key'] !== opts.subscriptionKey) {
      send(res, 401, JSON.stringify({ statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' }), 'application/json');
      return;
    }
    const el = bodyElement(text, soapActionOf(req.headers.soapaction), res);
    if (!el) return;
    const known = el.ns !== null ? OPERATIONS[el.local] : undefined;
    if (!known) {
      send(res, 500, renderSoapFault('Client', `PPT_SINTASSI_XSD: operation ${el.local} not supported by the simulator`));
      return;
    }
    const { op, res: resName } = known;
    const drawn = faults.draw(op);
    const latency = baseLatency + drawn.latencyMs;
    const f = drawn.fault;
    if (f) log.info('fault injected', { operation: op, kind: f.kind });
    if (latency > 0) await sleep(latency);
    if (f?.kind === 'hang') return; // never answered; close() destroys the socket
    if (f?.kind === 'reset') return void req.socket.resetAndDestroy();
    if (f?.kind === 'http500') return send(res, 500, 'Internal Server Error', 'text/plain');
    if (f?.kind === 'http503') return send(res, 503, 'Service Unavailable', 'text/plain');
    if (f?.kind === 'malformed') return send(res, 200, `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="${NS_SOAP11}"><soapenv:Body><nfp:${resName} xmlns:nfp="urn:x"><outcome>O`);
    if (f?.kind === 'fault') {
      const fault = f.originalFaultCode ? ecFault(qrCodeOrEmpty(el), f.originalFaultCode) : nodeFault(f.faultCode ?? 'PPT_SYSTEM_ERROR');
      return send(res, 200, renderKo(resName, fault));
    }
    const answer = process(op, resName, el, req.headers.soapaction);
    if (f?.kind === 'process-then-reset') return void req.socket.resetAndDestroy();
    if (f?.kind === 'process-then-hang') return;
    send(res, 200, answer);
  }

  function qrCodeOrEmpty(el: XmlEl): string {
    const qr = el.children.find((c) => c.local === 'qrCode');
    return qr?.children.find((c) => c.local === 'fiscalCode')?.text ?? 'NodoDeiPagamentiSPC';
  }

  function process(op: SimOperation, resName: string, el: XmlEl, soapAction: string | string[] | undefined): string {
    const action = soapActionOf(soapAction);
    if (action !== op) return renderKo(resName, nodeFault('PPT_SOAPACTION_ERRATA', `SOAPAction "${action.slice(0, 60)}" does not match ${el.local}`));
    // A well-formed request that breaks nodeForPsp.xsd is PPT_SINTASSI_EXTRAXSD at the node (required element
    // missing, value too long, bad pattern: SIN_SPO_05..85, SIN_VPNR/SIN_APNR of the node test suite [S10];
    // pagopa-extra.md §e "PPT_SINTASSI_EXTRAXSD: wrong lengths, bad or empty base64"). PPT_SINTASSI_XSD is kept
    // for a document carried inside the request that breaks its own schema (marca-da-bollo.ts).
    const valid = validateRequestElement(el);
    if (!valid.ok) return renderKo(resName, nodeFault('PPT_SINTASSI_EXTRAXSD', valid.error.slice(0, 500)));
    if (op === 'nodoChiediCatalogoServiziV2' || op === 'demandPaymentNotice') return spontaneousAnswer(op, resName, el);
    const id = identityOf(el);
    if (op !== 'verifyPaymentNotice' && op !== 'verificaBollettino') {
      const keyFault = registry.checkIdempotencyKey(id.idPSP, el.children.find((c) => c.local === 'idempotencyKey')?.text);
      if (keyFault) return renderKo(resName, keyFault);
    }
    if (op === 'sendPaymentOutcomeV2') {
      const mbd = checkMarcheDaBollo(el);
      if (mbd) return renderKo(resName, mbd);
    }
    // activate and outcome check the identity after the idempotency cache (state.ts), verify here.
    if (op === 'verifyPaymentNotice' || op === 'verificaBollettino') {
      const idFault = state.checkIdentity(id);
      if (idFault) return renderKo(resName, idFault);
    }
    return renderResult(op, resName, dispatch(op, el));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const work = async () => {
        if (size > MAX_BODY) return send(res, 413, 'Payload Too Large', 'text/plain');
        if (path.startsWith('/admin/')) return handleAdmin(sim, state, faults, req.method ?? 'GET', path, text, res);
        if (req.method === 'POST' && (path === '/' || path === SOAP_PATH)) return soap(req, res, text);
        send(res, 404, 'Not Found', 'text/plain');
      };
      work().catch((err: unknown) => {
        log.error('simulator error', { message: (err as Error).message });
        if (!res.headersSent) send(res, 500, renderSoapFault('Server', 'PPT_SYSTEM_ERROR'));
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  log.info('listening', { url });
  return {
    ...sim,
    url,
    soapUrl: url + SOAP_PATH,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy(); // includes hung requests
        server.close(() => resolve());
      }),
  };
}
