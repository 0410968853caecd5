// The MIL simulator: a real node:http server on loopback playing pagoPA's Multi-channel Integration Layer
// (vendor/pagopa-mil/: mil-auth POST /token, mil-payment-notice v13.2.0) in front of a nodeForPsp endpoint
// — the embedded node simulator, so the demo notices and their QR codes work unchanged. Like the real MIL
// it holds the PSP's node credentials and calls the node over SOAP (src/main/core/node client): verify →
// verifyPaymentNotice, activate → activatePaymentNoticeV2 (key unchanged), preClose stores the transaction
// (no node call), close → one sendPaymentOutcomeV2 with all the transaction's tokens, abort →
// sendPaymentOutcomeV2 KO. Behaviour not in the OpenAPI follows pagopa-extra.md §a (header codes, 409,
// 008000028/032/033/016, statuses). Faults are injected through setFault() or the admin API (README.md).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from '../../common/clock';
import { faultCategory, type FaultCategory } from '../../common/node-faults';
import { nullLogger, type Logger } from '../../common/logger';
import { NodeCallError } from '../core/node/errors';
import { makeIdempotencyKey } from '../core/node/idempotency';
import { createNodeClient } from '../core/node/soap-client';
import type { KO, NodeClient, NodeIdentity } from '../core/node/types';
import { DEMO_MIL_CLIENT, SimAuth, type SimClient, type TokenClaims } from './auth';

export type MilOperation = 'token' | 'verify' | 'activate' | 'preClose' | 'abort' | 'close' | 'status' | 'list';
export const MIL_OPERATIONS: readonly MilOperation[] = ['token', 'verify', 'activate', 'preClose', 'abort', 'close', 'status', 'list'];

/**
 * status: answer `status` (with {errors} when given) without processing. hang: never answer (the client
 * times out; nothing processed). drop-after: process the request, then cut the connection without an
 * answer (the client cannot know it went through). nodo-down: 500 008000028 without calling the node.
 */
export type MilSimFault = {
  operation: MilOperation;
  kind: 'status' | 'hang' | 'drop-after' | 'nodo-down';
  status?: number;
  errors?: string[];
  /** The next N calls (default 1). Ignored with `probability`. */
  times?: number;
  /** Applies to this fraction of calls (drawn from `random`) until cleared. */
  probability?: number;
};

export type MilExchange = {
  operation: MilOperation | 'admin' | 'unknown';
  method: string;
  path: string;
  requestHeaders: http.IncomingHttpHeaders;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
};

export type MilTransaction = {
  transactionId: string;
  acquirerId: string;
  channel: string;
  merchantId?: string;
  terminalId: string;
  insertTimestamp: string;
  notices: { paymentToken: string; paTaxCode: string; noticeNumber: string; amount?: number; description?: string; company?: string; office?: string }[];
  totalAmount: number;
  fee: number;
  status: 'PRE_CLOSE' | 'PENDING' | 'ERROR_ON_CLOSE' | 'CLOSED' | 'ERROR_ON_RESULT' | 'ERROR_ON_PAYMENT' | 'ABORTED';
  paymentMethod?: string;
  paymentTimestamp?: string;
  closeTimestamp?: string;
  /** Simulator bookkeeping (not in the answers): sendPaymentOutcome calls sent to the node for it. */
  closesSent: number;
  insertedAt: number;
};

export type MilSimulatorOptions = {
  port?: number;
  host?: string;
  /** The nodeForPsp endpoint MIL calls (e.g. the embedded node simulator's soapUrl). */
  nodeUrl: string;
  /** The PSP's node credentials, held by MIL (default: the node simulator's demo PSP). */
  nodeIdentity?: NodeIdentity;
  nodeSubscriptionKey?: string;
  nodeTimeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Access-token lifetime (mil-auth default 300 s; production 1800 s). */
  tokenLifetimeSec?: number;
  clients?: SimClient[];
  /** expirationTime MIL asks activatePaymentNoticeV2 for (dev/uat: 30000 ms; default here 30 min). */
  activateExpirationMs?: number;
  onExchange?: (x: MilExchange) => void;
  /** For probabilistic faults (default Math.random). */
  random?: () => number;
};

export interface MilSimulator {
  /** Base URL of mil-payment-notice, e.g. http://127.0.0.1:41234/mil-payment-notice */
  readonly url: string;
  /** Base URL of mil-auth (POST {authUrl}/token). */
  readonly authUrl: string;
  /** Origin (admin API under /admin/). */
  readonly origin: string;
  setFault(f: MilSimFault): void;
  clearFaults(): void;
  advanceClock(ms: number): void;
  transactions(): MilTransaction[];
  /** Every exchange is reported to `cb` (tests validate them against the OpenAPI documents). */
  onExchange(cb: (x: MilExchange) => void): () => void;
  /** Tokens issued since start. */
  tokensIssued(): number;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_NODE_IDENTITY: NodeIdentity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const PN = '/mil-payment-notice';
const AUTH = '/mil-auth';
const MAX_BODY = 64 * 1024;

const UUID_RE = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;
const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TAX_RE = /^[0-9]{11}$/;
const NOTICE_RE = /^[0-9]{18}$/;
const QR_B64_RE = /^[a-zA-Z0-9_-]{32,128}$/;
const QR_RE = /^[ -~]{6}\|[ -~]{3}\|(\d{18})\|(\d{11})\|(\d{2,11})$/;
const KEY_RE = /^[0-9]{11}_[a-zA-Z0-9]{10}$/;
const TOKEN_RE = /^[ -~]{1,35}$/;
const TX_RE = /^[a-zA-Z0-9]{32}$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const CHANNELS = ['ATM', 'POS', 'TOTEM', 'CASH_REGISTER', 'CSA'];
const METHODS = ['PAGOBANCOMAT', 'DEBIT_CARD', 'CREDIT_CARD', 'PAYMENT_CARD', 'BANK_ACCOUNT', 'CASH'];
const MAX_CENTS = 99_999_999_999;

// node.error.map (pagopa-psp.md §3.10): category of the node's fault → MIL KoOutcome.
const KO_OUTCOME: Record<FaultCategory, string> = {
  'already-paid': 'NOTICE_ALREADY_PAID',
  expired: 'EXPIRED_NOTICE',
  revoked: 'REVOKED_NOTICE',
  'unknown-notice': 'UNKNOWN_NOTICE',
  'in-progress': 'PAYMENT_ALREADY_IN_PROGRESS',
  'creditor-unreachable': 'CREDITOR_PROBLEMS',
  'wrong-notice-data': 'WRONG_NOTICE_DATA',
  'terminal-config': 'NOTICE_GLITCH',
  'node-error': 'NOTICE_GLITCH',
  'token-expired': 'UNEXPECTED_ERROR',
  unexpected: 'UNEXPECTED_ERROR',
};

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Caller = { acquirerId: string; channel: string; merchantId?: string; terminalId: string };
type CachedNotice = { paymentToken: string; paTaxCode: string; noticeNumber: string; amount: number; description?: string; company?: string; office?: string; activatedAt: number };

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const errors = (status: number, ...codes: string[]): Answer => ({ status, body: { errors: codes } });
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= MAX_CENTS;
/** Printable ASCII only, cut to the spec's maxima (Description/Company/Office ^[ -~]{1,140}$). */
const printable = (v: string | undefined, max: number) => {
  const s = (v ?? '').replace(/[^ -~]/g, '?').slice(0, max);
  return s.length > 0 ? s : undefined;
};

export async function startMilSimulator(opts: MilSimulatorOptions): Promise<MilSimulator> {
  const baseClock = opts.clock ?? systemClock;
  let skew = 0;
  const now = () => baseClock.now() + skew;
  const log = opts.logger ?? nullLogger;
  const nodeIdentity = opts.nodeIdentity ?? DEFAULT_NODE_IDENTITY;
  const node: NodeClient = createNodeClient({
    url: opts.nodeUrl,
    identity: nodeIdentity,
    ...(opts.nodeSubscriptionKey ? { subscriptionKey: opts.nodeSubscriptionKey } : {}),
    timeouts: { verifyMs: opts.nodeTimeoutMs ?? 12_000, activateMs: opts.nodeTimeoutMs ?? 12_000, outcomeMs: opts.nodeTimeoutMs ?? 15_000 },
  });
  const auth = new SimAuth(opts.clients ?? [DEMO_MIL_CLIENT], () => opts.tokenLifetimeSec ?? 300, now);
  const activateExpirationMs = opts.activateExpirationMs ?? 1_800_000;
  let notices = new Map<string, CachedNotice>();
  let txs = new Map<string, MilTransaction>();
  let faults: MilSimFault[] = [];
  let issued = 0;
  const listeners = new Set<(x: MilExchange) => void>();
  if (opts.onExchange) listeners.add(opts.onExchange);

  const takeFault = (op: MilOperation): MilSimFault | null => {
    const random = opts.random ?? Math.random;
    const i = faults.findIndex((f) => f.operation === op && (f.probability === undefined || random() < f.probability));
    if (i < 0) return null;
    const f = faults[i] as MilSimFault;
    if (f.probability !== undefined) return f;
    const times = (f.times ?? 1) - 1;
    if (times <= 0) faults.splice(i, 1);
    else faults[i] = { ...f, times };
    return f;
  };

  /** mil-common CommonHeader checks (pagopa-extra.md §a.2): 000000001… in the order of the spec's parameters. */
  function headerErrors(h: http.IncomingHttpHeaders): string[] {
    const e: string[] = [];
    const one = (n: string) => str(h[n.toLowerCase()]);
    const requestId = one('RequestId');
    if (requestId === undefined) e.push('000000001');
    else if (!UUID_RE.test(requestId)) e.push('000000002');
    const version = one('Version');
    if (version !== undefined && (!SEMVER_RE.test(version) || version.length > 64)) e.push('000000004');
    const acquirer = one('AcquirerId');
    if (acquirer === undefined) e.push('000000005');
    else if (!/^\d{1,11}$/.test(acquirer)) e.push('000000006');
    const channel = one('Channel');
    if (channel === undefined) e.push('000000007');
    else if (!CHANNELS.includes(channel)) e.push('000000008');
    const terminal = one('TerminalId');
    if (terminal === undefined) e.push('000000009');
    else if (!/^[0-9a-zA-Z]{1,8}$/.test(terminal)) e.push('00000000A');
    const merchant = one('MerchantId');
    if ((merchant === undefined && channel === 'POS') || (merchant !== undefined && !/^[0-9a-zA-Z]{1,15}$/.test(merchant))) e.push('00000000B');
    return e;
  }

  const callerOf = (h: http.IncomingHttpHeaders): Caller => ({
    acquirerId: str(h.acquirerid) ?? '',
    channel: str(h.channel) ?? '',
    ...(str(h.merchantid) ? { merchantId: str(h.merchantid) as string } : {}),
    terminalId: str(h.terminalid) ?? '',
  });
  const sameClient = (t: MilTransaction, c: Caller) => t.acquirerId === c.acquirerId && t.channel === c.channel && (t.merchantId ?? '') === (c.merchantId ?? '') && t.terminalId === c.terminalId;

  const nodoDown = (err: unknown): Answer => {
    if (err instanceof NodeCallError) {
      log.warn('mil-sim: node call failed', { kind: err.kind });
      return errors(500, '008000028');
    }
    throw err;
  };
  const koBody = (ko: KO) => ({ outcome: KO_OUTCOME[faultCategory(ko.fault)] });

  /** Resolves the notice path: {qrCode} or {paTaxCode}/{noticeNumber}; an Answer when invalid. */
  function noticeOf(segments: string[]): { paTaxCode: string; noticeNumber: string } | Answer {
    if (segments.length === 1) {
      const q = segments[0] as string;
      if (!QR_B64_RE.test(q)) return errors(400, '008000001');
      const m = QR_RE.exec(Buffer.from(q, 'base64url').toString('utf8'));
      if (!m) return errors(400, '008000001');
      return { paTaxCode: m[2] as string, noticeNumber: m[1] as string };
    }
    const [paTaxCode, noticeNumber] = segments as [string, string];
    if (!TAX_RE.test(paTaxCode)) return errors(400, '008000002');
    if (!NOTICE_RE.test(noticeNumber)) return errors(400, '008000003');
    return { paTaxCode, noticeNumber };
  }

  async function verify(n: { paTaxCode: string; noticeNumber: string }): Promise<Answer> {
    let r;
    try {
      r = await node.verifyPaymentNotice({ fiscalCode: n.paTaxCode, noticeNumber: n.noticeNumber });
    } catch (err) {
      return nodoDown(err);
    }
    if (r.outcome === 'KO') return { status: 200, body: koBody(r) };
    const note = printable(r.paymentNote, 210);
    const description = printable(r.paymentDescription, 140);
    const company = printable(r.companyName, 140);
    const office = printable(r.officeName, 140);
    return {
      status: 200,
      body: {
        outcome: 'OK',
        amount: r.amountCents,
        ...(r.dueDate ? { dueDate: r.dueDate.slice(0, 10) } : {}),
        ...(note ? { note } : {}),
        ...(description ? { description } : {}),
        ...(company ? { company } : {}),
        ...(office ? { office } : {}),
        paTaxCode: n.paTaxCode,
        noticeNumber: n.noticeNumber,
      },
    };
  }

  async function activate(n: { paTaxCode: string; noticeNumber: string }, body: Record<string, unknown>): Promise<Answer> {
    const e: string[] = [];
    if (typeof body.idempotencyKey !== 'string' || !KEY_RE.test(body.idempotencyKey)) e.push('008000004');
    if (!isCents(body.amount)) e.push('008000005');
    if (Object.keys(body).some((k) => k !== 'idempotencyKey' && k !== 'amount')) e.push('008000006');
    if (e.length > 0) return errors(400, ...e);
    let r;
    try {
      // pagopa-extra.md §a.3: activatePaymentNoticeV2 with the key unchanged, no paymentMethod/touchPoint.
      r = await node.activatePaymentNotice({
        fiscalCode: n.paTaxCode,
        noticeNumber: n.noticeNumber,
        amountCents: body.amount as number,
        idempotencyKey: body.idempotencyKey as string,
        expirationTimeMs: activateExpirationMs,
      });
    } catch (err) {
      return nodoDown(err);
    }
    if (r.outcome === 'KO') return { status: 200, body: koBody(r) };
    const description = printable(r.paymentDescription, 140);
    const company = printable(r.companyName, 140);
    const office = printable(r.officeName, 140);
    notices.set(r.paymentToken, {
      paymentToken: r.paymentToken,
      paTaxCode: n.paTaxCode,
      noticeNumber: n.noticeNumber,
      amount: r.totalAmountCents,
      ...(description ? { description } : {}),
      ...(company ? { company } : {}),
      ...(office ? { office } : {}),
      activatedAt: now(),
    });
    return {
      status: 200,
      body: {
        outcome: 'OK',
        amount: r.totalAmountCents,
        paTaxCode: r.fiscalCodePA && TAX_RE.test(r.fiscalCodePA) ? r.fiscalCodePA : n.paTaxCode,
        paymentToken: r.paymentToken,
        transfers: r.transfers
          .filter((t) => TAX_RE.test(t.fiscalCodePA))
          .slice(0, 5)
          .map((t) => ({ paTaxCode: t.fiscalCodePA, category: '' })),
      },
    };
  }

  const cached = (token: string): CachedNotice | undefined => {
    const n = notices.get(token);
    if (n && now() - n.activatedAt > activateExpirationMs) {
      notices.delete(token);
      return undefined;
    }
    return n;
  };

  async function preCloseOrAbort(body: Record<string, unknown>, caller: Caller): Promise<{ op: MilOperation; answer: Answer }> {
    const tokens = body.paymentTokens;
    const tokensOk = Array.isArray(tokens) && tokens.length >= 1 && tokens.length <= 5 && tokens.every((t) => typeof t === 'string' && TOKEN_RE.test(t));
    if (body.outcome === 'ABORT') {
      if (!tokensOk) return { op: 'abort', answer: errors(400, '008000010') };
      const list = tokens as string[];
      if (list.some((t) => !cached(t))) return { op: 'abort', answer: errors(400, '008000032') };
      // The service sends a fire-and-forget closePayment KO; here: sendPaymentOutcomeV2 KO, awaited.
      try {
        await node.sendPaymentOutcome({ paymentTokens: list, outcome: 'KO', idempotencyKey: makeIdempotencyKey(nodeIdentity.idPSP) });
      } catch (err) {
        log.warn('mil-sim: abort not delivered to the node', { error: String(err) });
      }
      for (const t of list) notices.delete(t);
      return { op: 'abort', answer: { status: 201, body: { outcome: 'OK' } } };
    }
    const e: string[] = [];
    if (body.outcome !== 'PRE_CLOSE') e.push('008000011');
    if (!tokensOk) e.push('008000010');
    if (typeof body.transactionId !== 'string' || !TX_RE.test(body.transactionId)) e.push('008000012');
    if (!isCents(body.totalAmount)) e.push('008000013');
    // PreCloseRequest.java @Min(1): fee 0 → 008000016.
    if (!isCents(body.fee)) e.push('008000016');
    if (e.length > 0) return { op: 'preClose', answer: errors(400, ...e) };
    const id = body.transactionId as string;
    if (txs.has(id)) return { op: 'preClose', answer: { status: 409 } };
    const found = (tokens as string[]).map(cached);
    if (found.some((n) => !n)) return { op: 'preClose', answer: errors(400, '008000032') };
    const list = found as CachedNotice[];
    if (list.reduce((s, n) => s + n.amount, 0) !== body.totalAmount) return { op: 'preClose', answer: errors(400, '008000033') };
    txs.set(id, {
      transactionId: id,
      ...caller,
      insertTimestamp: iso(now()),
      notices: list.map(({ activatedAt: _a, ...n }) => n),
      totalAmount: body.totalAmount as number,
      fee: body.fee as number,
      status: 'PRE_CLOSE',
      closesSent: 0,
      insertedAt: now(),
    });
    return { op: 'preClose', answer: { status: 201, body: { outcome: 'OK' }, headers: { Location: `${PN}/payments/${id}` } } };
  }

  async function close(t: MilTransaction, body: Record<string, unknown>): Promise<Answer> {
    const e: string[] = [];
    if (body.outcome !== 'CLOSE' && body.outcome !== 'ERROR_ON_PAYMENT') e.push('008000020');
    if (typeof body.paymentMethod !== 'string' || !METHODS.includes(body.paymentMethod)) e.push('008000021');
    if (typeof body.paymentTimestamp !== 'string' || !TS_RE.test(body.paymentTimestamp)) e.push('008000022');
    if (Object.keys(body).some((k) => !['outcome', 'paymentMethod', 'paymentTimestamp', 'presetId'].includes(k))) e.push('008000023');
    if (e.length > 0) return errors(400, ...e);
    const ok = body.outcome === 'CLOSE';
    const method = body.paymentMethod as string;
    const at = Date.parse(`${body.paymentTimestamp as string}Z`);
    let r;
    try {
      // One sendPaymentOutcomeV2 with all the tokens, whatever the status (the real MIL does not check it:
      // a second close on closed tokens gets PPT_ESITO_GIA_ACQUISITO and the status becomes ERROR_ON_RESULT).
      t.closesSent += 1;
      r = await node.sendPaymentOutcome({
        paymentTokens: t.notices.map((n) => n.paymentToken),
        outcome: ok ? 'OK' : 'KO',
        idempotencyKey: makeIdempotencyKey(nodeIdentity.idPSP),
        ...(ok
          ? {
              details: {
                paymentMethod: method === 'CASH' ? 'cash' : method === 'PAGOBANCOMAT' ? 'bancomat' : method === 'BANK_ACCOUNT' ? 'other' : 'creditCard',
                paymentChannel: t.channel === 'ATM' ? 'atm' : 'frontOffice',
                feeCents: t.fee,
                applicationDate: new Date(at).toISOString().slice(0, 10),
                transferDate: new Date(at + 86_400_000).toISOString().slice(0, 10),
              },
            }
          : {}),
      });
    } catch (err) {
      return nodoDown(err); // status unchanged (pagopa-extra.md §a.3)
    }
    t.paymentMethod = method;
    t.paymentTimestamp = body.paymentTimestamp as string;
    t.closeTimestamp = iso(now());
    t.status = !ok ? 'ERROR_ON_PAYMENT' : r.outcome === 'OK' ? 'CLOSED' : 'ERROR_ON_RESULT';
    return { status: 202 };
  }

  const statusBody = (t: MilTransaction) => {
    const { closesSent: _c, insertedAt: _i, ...rest } = t;
    return rest;
  };

  async function route(req: http.IncomingMessage, body: string): Promise<{ op: MilOperation | 'unknown'; answer: Answer | 'hang' | 'drop' }> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    if (url.pathname === `${AUTH}/token` && method === 'POST') {
      const f = takeFault('token');
      if (f && f.kind !== 'drop-after') return { op: 'token', answer: f.kind === 'hang' ? 'hang' : errors(f.status ?? 500, ...(f.errors ?? ['009000099'])) };
      if (!/^application\/x-www-form-urlencoded/.test(str(req.headers['content-type']) ?? '')) return { op: 'token', answer: errors(415, '009000006') };
      const h = req.headers;
      const answer = auth.issue(new URLSearchParams(body), {
        ...(str(h.acquirerid) ? { acquirerId: str(h.acquirerid) as string } : {}),
        ...(str(h.channel) ? { channel: str(h.channel) as string } : {}),
        ...(str(h.merchantid) ? { merchantId: str(h.merchantid) as string } : {}),
        ...(str(h.terminalid) ? { terminalId: str(h.terminalid) as string } : {}),
      });
      if (answer.status === 200) issued += 1;
      return { op: 'token', answer: f?.kind === 'drop-after' ? 'drop' : answer };
    }
    if (!url.pathname.startsWith(`${PN}/`)) return { op: 'unknown', answer: { status: 404 } };
    const segments = url.pathname
      .slice(PN.length + 1)
      .split('/')
      .map((s) => decodeURIComponent(s));
    let op: MilOperation | 'unknown' = 'unknown';
    if (segments[0] === 'paymentNotices' && (segments.length === 2 || segments.length === 3)) op = method === 'GET' ? 'verify' : method === 'PATCH' ? 'activate' : 'unknown';
    else if (segments[0] === 'payments' && segments.length === 1) op = method === 'POST' ? 'preClose' : method === 'GET' ? 'list' : 'unknown';
    else if (segments[0] === 'payments' && segments.length === 2 && method === 'GET') op = 'status';
    else if (segments[0] === 'payments' && segments.length === 3 && segments[2] === 'sendPaymentOutcome' && method === 'PATCH') op = 'close';
    if (op === 'unknown') return { op, answer: { status: 404 } };
    // Abort and preClose share the path: the fault key follows the body's outcome.
    if (op === 'preClose' && /"outcome"\s*:\s*"ABORT"/.test(body)) op = 'abort';
    const f = takeFault(op);
    if (f?.kind === 'hang') return { op, answer: 'hang' };
    if (f?.kind === 'status') return { op, answer: f.errors ? errors(f.status ?? 500, ...f.errors) : { status: f.status ?? 500 } };
    if (f?.kind === 'nodo-down') return { op, answer: errors(500, '008000028') };
    const answer = await handle(op, req, body, segments);
    return { op, answer: f?.kind === 'drop-after' ? 'drop' : answer };
  }

  async function handle(op: MilOperation, req: http.IncomingMessage, body: string, segments: string[]): Promise<Answer> {
    // 1. Token (401), role (403), 2. CommonHeader (400), 3. media types (406/415), then the operation.
    const claims: TokenClaims | null = auth.verify(str(req.headers.authorization));
    if (!claims) return { status: 401 };
    if (!claims.groups.includes('NoticePayer') && !claims.groups.includes('SlavePos')) return { status: 403 };
    const he = headerErrors(req.headers);
    if (he.length > 0) return errors(400, ...he);
    const accept = str(req.headers.accept);
    if (accept !== undefined && !/application\/json|\*\/\*|application\/\*/.test(accept)) return { status: 406 };
    const hasBody = op === 'activate' || op === 'preClose' || op === 'abort' || op === 'close';
    if (hasBody && !/^application\/json/.test(str(req.headers['content-type']) ?? '')) return { status: 415 };
    let json: Record<string, unknown> = {};
    if (hasBody) {
      try {
        const v = JSON.parse(body) as unknown;
        if (!v || typeof v !== 'object' || Array.isArray(v)) return errors(400, '008000000');
        json = v as Record<string, unknown>;
      } catch {
        return errors(400, '008000000');
      }
    }
    const caller = callerOf(req.headers);
    switch (op) {
      case 'verify':
      case 'activate': {
        const n = noticeOf(segments.slice(1));
        if ('status' in n) return n;
        return op === 'verify' ? verify(n) : activate(n, json);
      }
      case 'preClose':
      case 'abort':
        return (await preCloseOrAbort(json, caller)).answer;
      case 'status': {
        const t = txs.get(segments[1] as string);
        // BasePaymentResource.isTransactionLinkedToClient: another terminal's transaction is 404.
        if (!t || !sameClient(t, caller)) return { status: 404 };
        return { status: 200, body: statusBody(t) };
      }
      case 'close': {
        const id = segments[1] as string;
        if (!TX_RE.test(id)) return errors(400, '008000012');
        const t = txs.get(id);
        if (!t || !sameClient(t, caller)) return { status: 404 };
        return close(t, json);
      }
      case 'list': {
        const since = now() - 30 * 86_400_000;
        const mine = [...txs.values()]
          .filter((t) => sameClient(t, caller) && t.insertedAt >= since)
          .sort((a, b) => b.insertedAt - a.insertedAt)
          .slice(0, 30)
          .map(statusBody);
        return { status: 200, body: { transactions: mine } };
      }
      case 'token':
        return { status: 404 };
    }
  }

  function admin(req: http.IncomingMessage, body: string): Answer {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    let json: Record<string, unknown>;
    try {
      json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return { status: 400, body: { error: 'body is not JSON' } };
    }
    if (url.pathname === '/admin/faults' && method === 'POST') {
      const f = json as unknown as MilSimFault;
      if (!MIL_OPERATIONS.includes(f.operation) || !['status', 'hang', 'drop-after', 'nodo-down'].includes(f.kind)) return { status: 400, body: { error: 'operation or kind unknown' } };
      sim.setFault(f);
      return { status: 200, body: { faults } };
    }
    if (url.pathname === '/admin/faults' && method === 'DELETE') {
      sim.clearFaults();
      return { status: 200, body: { faults } };
    }
    if (url.pathname === '/admin/faults' && method === 'GET') return { status: 200, body: { faults } };
    if (url.pathname === '/admin/transactions' && method === 'GET') return { status: 200, body: { transactions: sim.transactions() } };
    if (url.pathname === '/admin/clock' && method === 'POST' && typeof json.advanceMs === 'number') {
      sim.advanceClock(json.advanceMs);
      return { status: 200, body: { now: new Date(now()).toISOString() } };
    }
    if (url.pathname === '/admin/reset' && method === 'POST') {
      sim.reset();
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { error: 'unknown admin route' } };
  }

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const isAdmin = (req.url ?? '').startsWith('/admin/');
      const run = isAdmin ? Promise.resolve({ op: 'admin' as const, answer: admin(req, body) as Answer | 'hang' | 'drop' }) : route(req, body);
      run
        .then(({ op, answer }) => {
          if (answer === 'hang') return; // the client's deadline ends it; close() destroys the socket
          if (answer === 'drop') {
            req.socket.destroy();
            return;
          }
          const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
          const headers: Record<string, string> = { ...(text ? { 'Content-Type': 'application/json' } : {}), ...(answer.headers ?? {}) };
          res.writeHead(answer.status, headers);
          res.end(text);
          if (op === 'admin') return; // not a MIL exchange
          for (const l of [...listeners])
            l({ operation: op, method: req.method ?? '', path: req.url ?? '', requestHeaders: req.headers, requestBody: body, status: answer.status, responseHeaders: headers, responseBody: text });
        })
        .catch((err: unknown) => {
          log.error('mil-sim: handler failed', { error: String(err) });
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ errors: ['008000099'] }));
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
  const origin = `http://${host}:${addr.port}`;

  const sim: MilSimulator = {
    url: `${origin}${PN}`,
    authUrl: `${origin}${AUTH}`,
    origin,
    setFault: (f) => {
      faults.push(f.probability === undefined ? { ...f, times: f.times ?? 1 } : { ...f });
    },
    clearFaults: () => {
      faults = [];
    },
    advanceClock: (ms) => {
      skew += ms;
    },
    transactions: () => [...txs.values()].map((t) => ({ ...t, notices: t.notices.map((n) => ({ ...n })) })),
    onExchange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    tokensIssued: () => issued,
    reset: () => {
      issued = 0;
      notices = new Map();
      txs = new Map();
      faults = [];
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await node.close();
    },
  };
  return sim;
}
