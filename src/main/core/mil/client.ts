// MIL payment-notice client (vendor/pagopa-mil/mil-payment-notice.openapi.yaml, pagopa-extra.md §a) as an
// adapter of the engine's PaymentNode port: the engine does not know which upstream it talks to.
//   verifyPaymentNotice   → GET  /paymentNotices/{paTaxCode}/{noticeNumber}  (or /{qrCode} when given)
//   activatePaymentNotice → PATCH the same path {idempotencyKey, amount}
//   sendPaymentOutcome OK → POST /payments PRE_CLOSE (transactionId derived from the tokens), then
//                           PATCH /payments/{transactionId}/sendPaymentOutcome, then GET the status
//   sendPaymentOutcome KO → POST /payments ABORT
// KO answers are returned as a NodeFault with a faultCode that src/common/node-faults.ts categorises;
// transport failures and the statuses that mean "not processed / may be processed" are thrown as
// NodeCallError. Never resend a close unless GET says PRE_CLOSE (pagopa-extra.md §a.3 "After a timeout").
import { createHash } from 'node:crypto';
import { silentLogger, type Logger } from '../log/logger';
import { NodeCallError, NodeConfigError, callFailureLine } from '../node/errors';
import type { ActivateOk, ActivateRequest, KO, NodeFault, OutcomeOk, OutcomeRequest, VerifyOk, VerifyRequest } from '../node/types';
import { commonHeaders, createTokenSource } from './auth';
import { createMilAgent, errorCodes, httpExchange, parseJson, type HttpResult } from './http-json';
import { MIL_TRANSACTION_STATUSES, type MilClient, type MilIdentity, type MilPaymentMethod, type MilPaymentStatus } from './types';

export type MilClientOptions = {
  /** mil-payment-notice base URL (the paths are appended). */
  url: string;
  /** mil-auth base URL (POST {authUrl}/token). */
  authUrl: string;
  identity: MilIdentity;
  timeouts?: { tokenMs?: number; verifyMs?: number; activateMs?: number; outcomeMs?: number };
  /** Renew the token this long before it expires (default 60 s; at most half its lifetime). */
  refreshMarginMs?: number;
  now?: () => number;
  tls?: { ca?: string | Buffer };
  logger?: Logger;
};

export const MIL_DEFAULT_TIMEOUTS = { tokenMs: 10_000, verifyMs: 12_000, activateMs: 12_000, outcomeMs: 15_000 } as const;

/** MIL requires ^\d{11}_[a-zA-Z0-9]{10}$ (IdempotencyKey), stricter than the node XSD. */
export const MIL_IDEMPOTENCY_KEY_RE = /^\d{11}_[a-zA-Z0-9]{10}$/;

/**
 * The transaction id of a set of payment tokens (TransactionId ^[a-zA-Z0-9]{32}$, chosen by the terminal):
 * the first 32 hex digits of SHA-256 over the sorted tokens. Deterministic, so every retry of one
 * outcome — in this process or after a crash — addresses the same MIL transaction.
 */
export function transactionIdFor(paymentTokens: readonly string[]): string {
  return createHash('sha256')
    .update([...paymentTokens].sort().join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/** base64url without padding of the QR text (QrCodeBase64UrlEnc). */
export function qrCodePathSegment(qrPayload: string): string {
  return Buffer.from(qrPayload, 'utf8').toString('base64url');
}

// KoOutcome → the nodeForPsp fault that MIL's node.error.map folds into it (pagopa-psp.md §3.10), so
// faultCategory() gives the same category either upstream gives.
const KO_FAULTS: Record<string, { faultCode: string; originalFaultCode?: string }> = {
  NOTICE_ALREADY_PAID: { faultCode: 'PPT_PAGAMENTO_DUPLICATO' },
  PAYMENT_ALREADY_IN_PROGRESS: { faultCode: 'PPT_PAGAMENTO_IN_CORSO' },
  EXPIRED_NOTICE: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' },
  REVOKED_NOTICE: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_ANNULLATO' },
  UNKNOWN_NOTICE: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO' },
  CREDITOR_PROBLEMS: { faultCode: 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE' },
  WRONG_NOTICE_DATA: { faultCode: 'PPT_SINTASSI_EXTRAXSD' },
  NOTICE_GLITCH: { faultCode: 'PPT_SYSTEM_ERROR' },
  UNEXPECTED_ERROR: { faultCode: 'MIL_UNEXPECTED_ERROR' },
};

/** CommonHeader validation codes (mil-common, pagopa-extra.md §a.2): the terminal's identity settings are wrong. */
const HEADER_ERROR = /^00000000[0-9A-B]$/;

function fault(faultCode: string, faultString: string, extra: Partial<NodeFault> = {}): KO {
  return { outcome: 'KO', fault: { faultCode, faultString: faultString.slice(0, 200), id: 'MIL', ...extra } };
}

export function koFromOutcome(outcome: string): KO {
  const f = KO_FAULTS[outcome] ?? { faultCode: 'MIL_UNEXPECTED_ERROR' };
  return fault(f.faultCode, `MIL outcome ${outcome}`, { description: `MIL outcome ${outcome}`, ...(f.originalFaultCode ? { originalFaultCode: f.originalFaultCode } : {}) });
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().slice(0, 19);

function paymentMethodOf(m: NonNullable<OutcomeRequest['details']>['paymentMethod']): MilPaymentMethod {
  // The engine knows "card" only, not debit/credit: PAYMENT_CARD is MIL's value for that case.
  if (m === 'cash') return 'CASH';
  if (m === 'bancomat') return 'PAGOBANCOMAT';
  return 'PAYMENT_CARD';
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);

export function createMilClient(opts: MilClientOptions): MilClient {
  let base: URL;
  let authBase: URL;
  try {
    base = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
    authBase = new URL(opts.authUrl);
  } catch {
    throw new NodeConfigError('invalid-setting', 'mil url or authUrl is not a valid URL');
  }
  for (const u of [base, authBase]) if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new NodeConfigError('invalid-setting', `mil url must be http(s), got ${u.protocol}`);
  const log = (opts.logger ?? silentLogger).child('mil-client');
  const timeouts = { ...MIL_DEFAULT_TIMEOUTS, ...opts.timeouts };
  const now = opts.now ?? Date.now;
  const agent = createMilAgent(base.protocol === 'https:', opts.tls);
  const authAgent = authBase.origin === base.origin ? agent : createMilAgent(authBase.protocol === 'https:', opts.tls);
  const tokens = createTokenSource({ authUrl: authBase, identity: opts.identity, agent: authAgent, timeoutMs: timeouts.tokenMs, refreshMarginMs: opts.refreshMarginMs ?? 60_000, now });
  /** Amounts of the tokens this process activated: the preClose total when the engine does not pass it. */
  const activatedAmounts = new Map<string, number>();

  const callError = (operation: string, kind: 'unauthorized' | 'http' | 'malformed-response', message: string, maybeProcessed: boolean, httpStatus?: number) => {
    const err = new NodeCallError({ kind, operation, message: `${operation}: ${message}`, maybeProcessed, ...(httpStatus ? { httpStatus } : {}) });
    log.warn(callFailureLine('mil', base.host, err), { operation, host: base.host, kind, status: httpStatus, maybeProcessed, message: err.message });
    return err;
  };

  /** One call with a bearer token; a 401 (never processed) is retried once with a new token. */
  async function call(method: 'GET' | 'POST' | 'PATCH', path: string, body: unknown, timeoutMs: number, operation: string): Promise<HttpResult & { json: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get();
      const started = now();
      const res = await httpExchange({
        method,
        url: new URL(path, base),
        headers: {
          ...commonHeaders(opts.identity),
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs,
        agent,
        operation,
      }).catch((err: unknown) => {
        if (err instanceof NodeCallError) log.warn(callFailureLine('mil', base.host, err), { operation, host: base.host, kind: err.kind, maybeProcessed: err.maybeProcessed, message: err.message });
        throw err;
      });
      log.debug('mil call', { operation, status: res.status, ms: now() - started });
      if (res.status === 401 && attempt === 0) {
        tokens.invalidate(token);
        continue;
      }
      return { ...res, json: parseJson(res.text) };
    }
  }

  /**
   * The statuses every operation treats alike: 401/403 (token or role refused: not processed), 406/415/429
   * (refused before processing), 5xx (MIL or the Nodo behind it failed: maybe processed, e.g. 008000028).
   */
  function commonFailure(operation: string, res: HttpResult & { json: unknown }): NodeCallError {
    const codes = errorCodes(res.json);
    const detail = `HTTP ${res.status}${codes.length ? ` (${codes.join(',')})` : ''}`;
    if (res.status === 401 || res.status === 403) return callError(operation, 'unauthorized', `${detail}: access token or role refused`, false, res.status);
    if (res.status >= 500 || res.status === 408) return callError(operation, 'http', detail, true, res.status);
    return callError(operation, 'http', detail, false, res.status);
  }

  /** 400 on verify/activate: the request was refused before reaching the Nodo. */
  function badRequest(codes: string[]): KO {
    const list = codes.join(',') || 'no code';
    // Header codes: the terminal's MIL identity settings are wrong (the clerk calls the technician).
    if (codes.length > 0 && codes.every((c) => HEADER_ERROR.test(c))) return fault('PPT_AUTORIZZAZIONE', `MIL refused the terminal headers (${list})`, { description: `MIL 400 ${list}` });
    return fault('PPT_SINTASSI_EXTRAXSD', `MIL refused the request (${list})`, { description: `MIL 400 ${list}` });
  }

  function noticePath(req: VerifyRequest & { qrPayload?: string }): string {
    if (req.qrPayload) return `paymentNotices/${qrCodePathSegment(req.qrPayload)}`;
    return `paymentNotices/${encodeURIComponent(req.fiscalCode)}/${encodeURIComponent(req.noticeNumber)}`;
  }

  function verifyOrActivateKo(operation: string, res: HttpResult & { json: unknown }): KO | null {
    const j = obj(res.json);
    if (res.status === 200 && j && typeof j.outcome === 'string' && j.outcome !== 'OK') return koFromOutcome(j.outcome);
    if (res.status === 404) return koFromOutcome('UNKNOWN_NOTICE');
    if (res.status === 400) return badRequest(errorCodes(res.json));
    if (res.status !== 200) throw commonFailure(operation, res);
    return null;
  }

  async function verifyPaymentNotice(req: VerifyRequest & { qrPayload?: string }): Promise<VerifyOk | KO> {
    const op = 'mil.verify';
    const res = await call('GET', noticePath(req), undefined, timeouts.verifyMs, op);
    const ko = verifyOrActivateKo(op, res);
    if (ko) return ko;
    const j = obj(res.json);
    const amount = int(j?.amount);
    if (!j || j.outcome !== 'OK' || amount === undefined || amount < 1) throw callError(op, 'malformed-response', 'answer is not a VerifyOk', true, res.status);
    const description = str(j.description);
    const company = str(j.company);
    const office = str(j.office);
    const paTaxCode = str(j.paTaxCode);
    const note = str(j.note);
    const dueDate = str(j.dueDate);
    return {
      outcome: 'OK',
      amountCents: amount,
      ...(dueDate ? { dueDate } : {}),
      ...(note ? { paymentNote: note } : {}),
      ...(description ? { paymentDescription: description } : {}),
      ...(paTaxCode ? { fiscalCodePA: paTaxCode } : {}),
      ...(company ? { companyName: company } : {}),
      ...(office ? { officeName: office } : {}),
    };
  }

  async function activatePaymentNotice(req: ActivateRequest & { qrPayload?: string }): Promise<ActivateOk | KO> {
    const op = 'mil.activate';
    if (!MIL_IDEMPOTENCY_KEY_RE.test(req.idempotencyKey)) {
      // Nothing sent: MIL would answer 400. The PSP fiscal code (node.pspFiscalCode) must be 11 digits.
      return fault('PPT_SINTASSI_EXTRAXSD', 'idempotency key does not match MIL ^\\d{11}_[a-zA-Z0-9]{10}$ (set node.pspFiscalCode to the 11-digit PSP fiscal code)');
    }
    const res = await call('PATCH', noticePath(req), { idempotencyKey: req.idempotencyKey, amount: req.amountCents }, timeouts.activateMs, op);
    const ko = verifyOrActivateKo(op, res);
    if (ko) return ko;
    const j = obj(res.json);
    const token = str(j?.paymentToken);
    const amount = int(j?.amount) ?? req.amountCents;
    if (!j || !token || (j.outcome !== undefined && j.outcome !== 'OK') || amount < 1) throw callError(op, 'malformed-response', 'answer is not an ActivateOk', true, res.status);
    activatedAmounts.set(token, amount);
    const paTaxCode = str(j.paTaxCode);
    // MIL returns the transfers' creditor and category only, without amounts: a single transfer carries
    // the whole amount; for several, no breakdown is known (none is printed rather than a wrong one).
    const transfers = Array.isArray(j.transfers) ? j.transfers.map(obj).filter((t): t is Obj => t !== null) : [];
    return {
      outcome: 'OK',
      totalAmountCents: amount,
      paymentToken: token,
      ...(paTaxCode ? { fiscalCodePA: paTaxCode } : {}),
      transfers: transfers.length === 1 ? [{ idTransfer: 1, amountCents: amount, fiscalCodePA: str(transfers[0]?.paTaxCode) ?? paTaxCode ?? req.fiscalCode, remittanceInformation: '' }] : [],
    };
  }

  function parseStatus(op: string, res: HttpResult & { json: unknown }): MilPaymentStatus {
    const j = obj(res.json);
    if (!j || typeof j.transactionId !== 'string' || !MIL_TRANSACTION_STATUSES.includes(j.status as never) || !Array.isArray(j.notices))
      throw callError(op, 'malformed-response', 'answer is not a PaymentStatus', true, res.status);
    return j as unknown as MilPaymentStatus;
  }

  async function getPaymentStatus(transactionId: string): Promise<MilPaymentStatus | null> {
    const op = 'mil.status';
    const res = await call('GET', `payments/${encodeURIComponent(transactionId)}`, undefined, timeouts.verifyMs, op);
    if (res.status === 404) return null;
    if (res.status !== 200) throw commonFailure(op, res);
    return parseStatus(op, res);
  }

  async function listTransactions(): Promise<MilPaymentStatus[]> {
    const op = 'mil.transactions';
    const res = await call('GET', 'payments', undefined, timeouts.verifyMs, op);
    if (res.status !== 200) throw commonFailure(op, res);
    const list = obj(res.json)?.transactions;
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw callError(op, 'malformed-response', 'answer is not a Transactions list', true, res.status);
    return list.map((t) => parseStatus(op, { ...res, json: t }));
  }

  /** What a transaction's status means for an OK outcome; 'close' = still PRE_CLOSE, the close may be (re)sent. */
  function fromStatus(s: MilPaymentStatus): OutcomeOk | KO | 'close' {
    switch (s.status) {
      case 'PRE_CLOSE':
        return 'close';
      case 'CLOSED':
        return { outcome: 'OK' };
      case 'PENDING':
        // Only the deprecated close path leaves PENDING: wait for the Nodo's answer and ask again.
        throw callError('mil.close', 'http', `transaction ${s.transactionId} is PENDING at MIL`, true);
      default:
        // ERROR_ON_RESULT (the Nodo refused the outcome), ERROR_ON_CLOSE, ERROR_ON_PAYMENT, ABORTED.
        return fault(`MIL_${s.status}`, `MIL transaction ${s.transactionId} is ${s.status}`, { description: `MIL status ${s.status}` });
    }
  }

  async function closeTransaction(transactionId: string, req: OutcomeRequest): Promise<OutcomeOk | KO> {
    const op = 'mil.close';
    const details = req.details;
    const res = await call(
      'PATCH',
      `payments/${transactionId}/sendPaymentOutcome`,
      { outcome: 'CLOSE', paymentMethod: paymentMethodOf(details?.paymentMethod ?? 'other'), paymentTimestamp: isoSeconds(details?.paidAt ?? now()) },
      timeouts.outcomeMs,
      op,
    );
    if (res.status === 404) return fault('MIL_TRANSACTION_NOT_FOUND', `MIL does not know transaction ${transactionId}`);
    if (res.status === 400) {
      const codes = errorCodes(res.json).join(',') || 'no code';
      return fault('MIL_CLOSE_REFUSED', `MIL refused the close of ${transactionId} (${codes})`, { description: `MIL 400 ${codes}` });
    }
    if (res.status !== 202 && res.status !== 200 && res.status !== 201) throw commonFailure(op, res);
    // 202 = "Accepted, send get status to know the result" (CLOSED, or ERROR_ON_RESULT when the Nodo refused).
    const status = await getPaymentStatus(transactionId);
    if (!status) throw callError(op, 'malformed-response', `transaction ${transactionId} vanished after its close`, true);
    const r = fromStatus(status);
    if (r === 'close') throw callError(op, 'http', `transaction ${transactionId} still PRE_CLOSE after its close`, true);
    return r;
  }

  /**
   * The notices of a cart collected together are one MIL transaction (issue #14 §2): the engine sends each
   * notice's outcome naming every token of the collection, so every call maps to the same transactionId.
   * Calls for a transaction already under way share it — never two preCloses or two closes racing — and a
   * later one finds it CLOSED through the status.
   */
  const closing = new Map<string, Promise<OutcomeOk | KO>>();
  function outcomeOk(req: OutcomeRequest): Promise<OutcomeOk | KO> {
    const transactionId = transactionIdFor(req.paymentTokens);
    const running = closing.get(transactionId);
    if (running) return running;
    const run = preCloseAndClose(transactionId, req).finally(() => closing.delete(transactionId));
    closing.set(transactionId, run);
    return run;
  }

  async function preCloseAndClose(transactionId: string, req: OutcomeRequest): Promise<OutcomeOk | KO> {
    const details = req.details;
    const fee = details?.feeCents ?? 0;
    const known = req.paymentTokens.map((t) => activatedAmounts.get(t));
    // MIL's own activate answers (this process) first; after a restart, the total the engine stored.
    const totalAmount = known.every((a) => a !== undefined) ? known.reduce<number>((s, a) => s + (a ?? 0), 0) : details?.totalAmountCents;
    if (fee < 1) return fault('MIL_FEE_REQUIRED', 'MIL requires a fee of at least 1 cent in preClose (fees.* must be ≥ 1 with upstream mil)');
    if (totalAmount === undefined || totalAmount < 1) return fault('MIL_AMOUNT_UNKNOWN', 'the amount of the payment tokens is not known: cannot pre-close');
    const op = 'mil.preClose';
    const res = await call('POST', 'payments', { outcome: 'PRE_CLOSE', paymentTokens: [...req.paymentTokens], transactionId, totalAmount, fee }, timeouts.outcomeMs, op);
    if (res.status === 409 || (res.status === 400 && errorCodes(res.json).includes('008000032'))) {
      // 409: the transaction exists (an earlier attempt stored it). 008000032: a token is no longer in
      // MIL's cache, which happens after its close. Either way the status says what to do next.
      const status = await getPaymentStatus(transactionId);
      if (status) {
        const r = fromStatus(status);
        return r === 'close' ? closeTransaction(transactionId, req) : r;
      }
      if (res.status === 409) throw callError(op, 'malformed-response', `409 for ${transactionId} but no status`, true, res.status);
      return fault('PPT_TOKEN_SCONOSCIUTO', `MIL does not hold the payment token any more (008000032)`, { description: 'MIL 400 008000032' });
    }
    if (res.status === 400) {
      const codes = errorCodes(res.json).join(',') || 'no code';
      return fault('MIL_PRECLOSE_REFUSED', `MIL refused the pre-close (${codes})`, { description: `MIL 400 ${codes}` });
    }
    if (res.status !== 201 && res.status !== 200) throw commonFailure(op, res);
    return closeTransaction(transactionId, req);
  }

  async function outcomeKo(req: OutcomeRequest): Promise<OutcomeOk | KO> {
    const op = 'mil.abort';
    const res = await call('POST', 'payments', { outcome: 'ABORT', paymentTokens: [...req.paymentTokens] }, timeouts.outcomeMs, op);
    // The spec says 202 for an abort; the service answers 201 (pagopa-extra.md §a.3).
    if (res.status === 201 || res.status === 202 || res.status === 200) return { outcome: 'OK' };
    if (res.status === 400 || res.status === 404) {
      const codes = errorCodes(res.json).join(',') || 'no code';
      return fault('PPT_TOKEN_SCONOSCIUTO', `MIL refused the abort (${codes}): the token is unknown or expired`, { description: `MIL ${res.status} ${codes}` });
    }
    throw commonFailure(op, res);
  }

  return {
    outcomeScope: 'transaction' as const,
    verifyPaymentNotice,
    activatePaymentNotice,
    sendPaymentOutcome: async (req) => (req.outcome === 'OK' ? outcomeOk(req) : outcomeKo(req)),
    getPaymentStatus,
    listTransactions,
    tokenState: () => tokens.state(),
    close: async () => {
      agent.destroy();
      if (authAgent !== agent) authAgent.destroy();
    },
  };
}
