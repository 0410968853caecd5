// The payment engine: intent-level operations for the counter and kiosk screens and the CLI.
// Rule: durable first, in-memory after commit. Every state change is one SQLite transaction with its
// journal entry (repository.ts); no money moves before the commit that records it (issue #4 §2).
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import { silentLogger, type Logger } from '../log/logger';
import type { Db } from '../store/database';
import type { CardTerminalPort, CardResult } from './card';
import { makeIdempotencyKey } from '../node/idempotency';
import type { EngineContext } from './context';
import { asPaymentError, PaymentError } from './errors';
import { classifyFault, refusalCategory, refusalMessage } from './fault-category';
import { asTransportFailure, isUnreachable, type ActivateOkResult, type PaymentNode } from './node-port';
import { deliverOutcome } from './outcome';
import { feeFor, feesFor, offlineDecision } from './policy';
import { PaymentRepository } from './repository';
import { resetOutcomeAttempts, resolveException } from './exceptions';
import { receiptDataFor, type ReceiptData } from './receipt-data';
import { normaliseTransfers } from './transfers';
import type { NoticeInput, OperatorContext, Payment, PaymentMethod, PaymentState, QueueSnapshot, Quote, RefusalCategory, ResolutionAction } from './types';

export type PaymentEngineOptions = {
  db: Db;
  node: PaymentNode;
  config: SportelloConfig;
  clock?: Clock;
  logger?: Logger;
  idempotencyKey?: () => string;
  bootId?: string;
};

export type Refusal = { readonly kind: 'refused'; readonly category: RefusalCategory; readonly message: string; readonly faultCode?: string };
export type BeginResult = { readonly kind: 'activated' | 'offline'; readonly payment: Payment; readonly amountChanged: boolean } | Refusal;
export type CollectResult = { readonly payment: Payment; readonly changeCents: number };
export type CardCollectResult = { readonly kind: 'approved'; readonly payment: Payment } | { readonly kind: 'declined' | 'aborted'; readonly payment: Payment; readonly reason?: string } | { readonly kind: 'unknown'; readonly payment: Payment; readonly reason?: string };

const PENDING_STATES: readonly PaymentState[] = ['offline-queued', 'collected', 'cancelling', 'activating', 'collecting'];

function refused(category: RefusalCategory, detail?: string, faultCode?: string): Refusal {
  return { kind: 'refused', category, message: detail ? `${refusalMessage(category)} (${detail})` : refusalMessage(category), ...(faultCode ? { faultCode } : {}) };
}

export class PaymentEngine {
  readonly ctx: EngineContext;
  private readonly listeners = new Set<(p: Payment) => void>();

  constructor(opts: PaymentEngineOptions) {
    const clock = opts.clock ?? systemClock;
    this.ctx = {
      repo: new PaymentRepository(opts.db, () => clock.now()),
      node: opts.node,
      config: opts.config,
      clock,
      logger: (opts.logger ?? silentLogger).child('payments'),
      bootId: opts.bootId ?? randomUUID(),
      newKey: opts.idempotencyKey ?? (() => makeIdempotencyKey(opts.config.node.idPSP)),
      emit: (p) => {
        for (const l of this.listeners) l(p);
      },
      inFlight: new Map(),
    };
  }

  get repo(): PaymentRepository {
    return this.ctx.repo;
  }

  onChange(cb: (p: Payment) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw asPaymentError(err);
    }
  }

  private commit(id: string, from: readonly PaymentState[], patch: Parameters<PaymentRepository['transition']>[2], type: string, data?: Record<string, unknown>, operatorId?: string | null): Payment {
    const p = this.guard(() => this.ctx.repo.transition(id, from, patch, { type, ...(data ? { data } : {}), ...(operatorId !== undefined ? { operatorId } : {}) }));
    this.ctx.emit(p);
    return p;
  }

  /** Reads a notice: verify (online quote), or an offline-eligible quote, or a refusal. */
  async lookup(notice: NoticeInput, ctx: OperatorContext): Promise<Quote> {
    const { config, repo, node } = this.ctx;
    const busy = repo.inFlightFor(notice.fiscalCode, notice.noticeNumber);
    if (busy) return refused('duplicate-in-flight', busy.id);
    const printed = notice.amountCents ?? null;
    const base = {
      mode: 'online' as const,
      channel: ctx.mode,
      terminalId: config.terminal.id,
      operatorId: ctx.operatorId,
      bootId: this.ctx.bootId,
      noticeNumber: notice.noticeNumber,
      fiscalCode: notice.fiscalCode,
      source: notice.format ?? 'manual',
      printedAmountCents: printed,
    };
    const idFor = (seq: number) => `${config.terminal.id}-${String(seq).padStart(6, '0')}`;
    let res;
    try {
      res = await node.verifyPaymentNotice({ fiscalCode: notice.fiscalCode, noticeNumber: notice.noticeNumber });
    } catch (err) {
      const f = asTransportFailure(err);
      if (!f) throw err;
      if (!isUnreachable(f)) return refused('terminal-config', f.kind);
      const decision = offlineDecision(config, ctx.mode, repo.offlineExposure(), this.ctx.clock.now(), printed);
      if (!decision.ok) return refused(decision.category, decision.detail);
      const p = this.guard(() => repo.insert({ ...base, mode: 'offline', state: 'captured', amountCents: printed }, idFor, { type: 'payment.captured-offline', data: { reason: f.kind } }));
      this.ctx.emit(p);
      return { kind: 'offline', paymentId: p.id, noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: printed, printedAmountCents: printed, fees: feesFor(config, ctx.mode), methods: decision.methods, limits: decision.limits, reason: f.kind };
    }
    if (res.outcome === 'KO') {
      const cat = classifyFault(res.fault);
      return refused(refusalCategory(cat), undefined, res.fault.faultCode);
    }
    const p = this.guard(() =>
      repo.insert(
        { ...base, state: 'verified', amountCents: res.amountCents, companyName: res.companyName ?? null, description: res.paymentDescription ?? null, dueDate: res.dueDate ?? null, ecFiscalCode: res.fiscalCodePA ?? notice.fiscalCode },
        idFor,
        { type: 'payment.verified', data: { amountCents: res.amountCents, printedAmountCents: printed } },
      ),
    );
    this.ctx.emit(p);
    return {
      kind: 'online',
      paymentId: p.id,
      noticeNumber: p.noticeNumber,
      fiscalCode: p.fiscalCode,
      companyName: p.companyName,
      description: p.description,
      dueDate: p.dueDate,
      amountCents: res.amountCents,
      printedAmountCents: printed,
      amountChanged: printed !== null && printed !== res.amountCents,
      fees: feesFor(config, ctx.mode),
      methods: ['cash', 'card'],
    };
  }

  /** Chooses the method: online → activate (key committed before the call); offline → records amount and method. */
  async begin(paymentId: string, method: PaymentMethod, opts: { amountCents?: number } = {}): Promise<BeginResult> {
    const { config, repo } = this.ctx;
    const p = repo.require(paymentId);
    if (method !== 'cash' && method !== 'card') throw new PaymentError('invalid-input', `unknown method ${String(method)}`);
    const fee = feeFor(config, p.channel, method);
    if (p.state === 'captured') return this.beginOffline(p, method, fee, opts.amountCents);
    if (p.state !== 'verified') throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}`);
    const key = this.ctx.newKey();
    const activating = this.commit(p.id, ['verified'], { state: 'activating', method, feeCents: fee, activateKey: key }, 'payment.activating', { method, feeCents: fee });
    let res;
    try {
      res = await this.ctx.node.activatePaymentNotice(this.activateRequest(activating, key));
    } catch (err) {
      const f = asTransportFailure(err);
      if (!f) throw err;
      const decision = isUnreachable(f) ? offlineDecision(config, p.channel, repo.offlineExposure(), this.ctx.clock.now(), p.amountCents, method) : null;
      if (decision?.ok) {
        // The node may have activated under our key: the sync worker re-sends activate with the SAME key
        // (pagopa-psp.md §3.11), so keep it on the row.
        const off = this.commit(p.id, ['activating'], { state: 'captured', mode: 'offline', lastError: f.kind }, 'payment.captured-offline', { reason: f.kind, activateKey: key });
        return { kind: 'offline', payment: off, amountChanged: false };
      }
      // Leave it 'activating' but orphaned: the sync worker re-activates with the same key and sends KO.
      this.commit(p.id, ['activating'], { bootId: 'abandoned', lastError: f.kind }, 'payment.activate-failed', { error: f.kind });
      return refused(decision && !decision.ok ? decision.category : 'node-error', f.kind);
    }
    if (res.outcome === 'KO') {
      const cat = classifyFault(res.fault);
      this.commit(p.id, ['activating'], { state: 'voided', lastError: res.fault.faultCode }, 'payment.voided', { faultCode: res.fault.faultCode });
      return refused(refusalCategory(cat), undefined, res.fault.faultCode);
    }
    const next = this.commit(p.id, ['activating'], this.activatedPatch(res), 'payment.activated', { token: res.paymentToken, totalAmountCents: res.totalAmountCents });
    return { kind: 'activated', payment: next, amountChanged: res.totalAmountCents !== p.amountCents };
  }

  activateRequest(p: Payment, key: string) {
    return {
      fiscalCode: p.fiscalCode,
      noticeNumber: p.noticeNumber,
      amountCents: p.amountCents ?? 0,
      idempotencyKey: key,
      expirationTimeMs: this.ctx.config.node.tokenExpirationMs,
      paymentMethod: 'PO' as const, // stPaymentMethodFee "Pagamento attivato presso PSP"
      touchPoint: p.channel === 'kiosk' ? ('ATM' as const) : ('TS' as const),
    };
  }

  activatedPatch(res: ActivateOkResult) {
    return {
      state: 'activated' as const,
      paymentToken: res.paymentToken,
      tokenExpiresAt: this.ctx.clock.now() + this.ctx.config.node.tokenExpirationMs,
      creditorReferenceId: res.creditorReferenceId ?? null,
      transfers: normaliseTransfers(res.transfers),
      nodeAmountCents: res.totalAmountCents,
      amountCents: res.totalAmountCents,
      ...(res.companyName ? { companyName: res.companyName } : {}),
      ...(res.paymentDescription ? { description: res.paymentDescription } : {}),
      ...(res.fiscalCodePA ? { ecFiscalCode: res.fiscalCodePA } : {}),
    };
  }

  private beginOffline(p: Payment, method: PaymentMethod, fee: number, typed: number | undefined): BeginResult {
    // After an activate timeout the amount is the verified one: the kept key must be re-sent with it.
    const amount = p.activateKey ? p.amountCents : (typed ?? p.amountCents);
    if (amount === null || amount === undefined) return refused('amount-required');
    if (!Number.isInteger(amount) || amount <= 0) throw new PaymentError('invalid-input', 'amount must be a positive number of cents');
    const decision = offlineDecision(this.ctx.config, p.channel, this.ctx.repo.offlineExposure(), this.ctx.clock.now(), amount, method);
    if (!decision.ok) return refused(decision.category, decision.detail);
    const next = this.commit(p.id, ['captured'], { method, feeCents: fee, amountCents: amount }, 'payment.offline-method', { method, feeCents: fee, amountCents: amount });
    return { kind: 'offline', payment: next, amountChanged: false };
  }

  /**
   * Cash: commits the collection (tendered, change) BEFORE the drawer opens; the caller opens the drawer
   * only after this returns. Online, the outcome OK is then sent at once (SANP TPSPO: within 2 s).
   */
  collectCash(paymentId: string, tenderedCents: number): CollectResult {
    const p = this.ctx.repo.require(paymentId);
    if (p.method !== 'cash') throw new PaymentError('invalid-state', `payment ${p.id} is not a cash payment`);
    const total = (p.amountCents ?? 0) + p.feeCents;
    if (!Number.isInteger(tenderedCents) || tenderedCents < total) throw new PaymentError('invalid-input', `tendered ${tenderedCents} is less than the total ${total}`);
    const change = tenderedCents - total;
    const next = this.markCollected(p, { tenderedCents, changeCents: change, collectedCents: total });
    return { payment: next, changeCents: change };
  }

  private markCollected(p: Payment, money: { tenderedCents?: number | null; changeCents?: number | null; collectedCents: number; card?: Payment['card'] }, from?: PaymentState): Payment {
    const now = this.ctx.clock.now();
    if (p.mode === 'offline') {
      const origin = from ?? 'captured';
      if (origin === 'captured') {
        const decision = offlineDecision(this.ctx.config, p.channel, this.ctx.repo.offlineExposure(), now, p.amountCents, p.method ?? undefined);
        if (!decision.ok) throw new PaymentError('refused', refusalMessage(decision.category), { category: decision.category });
      }
      return this.commit(p.id, [origin], { state: 'offline-queued', ...money, collectedAt: now }, 'payment.offline-queued', { collectedCents: money.collectedCents, method: p.method });
    }
    const origin = from ?? 'activated';
    if (origin === 'activated' && p.tokenExpiresAt !== null && now >= p.tokenExpiresAt) throw new PaymentError('refused', 'The payment session expired: cancel and read the notice again.', { category: 'token-expired' });
    const next = this.commit(p.id, [origin], { state: 'collected', ...money, collectedAt: now, outcome: 'OK', outcomeKey: this.ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: now }, 'payment.collected', { collectedCents: money.collectedCents, method: p.method });
    void deliverOutcome(this.ctx, p.id).catch((err: unknown) => this.ctx.logger.error('outcome delivery crashed', { id: p.id, err: String(err) }));
    return next;
  }

  /** Card: the attempt is committed ('collecting') before the terminal is asked to charge. */
  async collectCard(paymentId: string, terminal: CardTerminalPort, onProgress?: Parameters<CardTerminalPort['pay']>[2]): Promise<CardCollectResult> {
    const p = this.ctx.repo.require(paymentId);
    if (p.method !== 'card') throw new PaymentError('invalid-state', `payment ${p.id} is not a card payment`);
    const back: PaymentState = p.mode === 'offline' ? 'captured' : 'activated';
    if (p.state !== back) throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}`);
    const total = (p.amountCents ?? 0) + p.feeCents;
    const collecting = this.commit(p.id, [back], { state: 'collecting', card: { status: 'requested' } }, 'payment.card-requested', { amountCents: total });
    let result: CardResult;
    try {
      result = await terminal.pay(total, p.id, onProgress);
    } catch (err) {
      result = { kind: 'unknown', reference: p.id, reason: err instanceof Error ? err.message : String(err) };
    }
    if (result.kind === 'unknown') {
      // pos-practice.md §3.4: never re-charge blindly; ask the terminal for its last result first.
      const last = await terminal.lastResult().catch(() => null);
      if (last && last.kind !== 'unknown' && last.reference === p.id) result = last;
    }
    return this.applyCardResult(collecting, result, total);
  }

  private applyCardResult(p: Payment, result: CardResult, total: number): CardCollectResult {
    const back: PaymentState = p.mode === 'offline' ? 'captured' : 'activated';
    switch (result.kind) {
      case 'approved': {
        const card = { status: 'approved', authCode: result.authCode, stan: result.stan, maskedPan: result.maskedPan, circuit: result.cardBrand, terminalId: result.terminalId };
        return { kind: 'approved', payment: this.markCollected(p, { collectedCents: total, card }, 'collecting') };
      }
      case 'declined':
      case 'aborted':
      {
        const reason = result.kind === 'declined' ? `${result.code} ${result.message}` : undefined;
        return { kind: result.kind, reason, payment: this.commit(p.id, ['collecting'], { state: back, card: { status: result.kind } }, `payment.card-${result.kind}`, { reason: reason ?? null }) };
      }
      default: {
        const now = this.ctx.clock.now();
        const reason = result.kind === 'unknown' ? result.reason : 'terminal result unknown';
        const next = this.commit(p.id, ['collecting'], { state: 'exception', exceptionKind: 'collection-unknown', exceptionDetail: reason, exceptionAt: now, card: { status: 'unknown' } }, 'payment.exception', { kind: 'collection-unknown' });
        return { kind: 'unknown', payment: next, reason };
      }
    }
  }

  /** Cancels before money is taken. After activation the outcome KO is sent (pagopa-psp.md §3.11). */
  async cancel(paymentId: string, reason: string, operatorId?: string | null): Promise<Payment> {
    const p = this.ctx.repo.require(paymentId);
    // An offline fallback may hold an activate key the node processed: the sync worker releases it (KO).
    if (p.state === 'captured' && p.activateKey) return this.commit(p.id, ['captured'], { bootId: 'abandoned', lastError: 'cancelled' }, 'payment.cancel-requested', { reason }, operatorId);
    if (p.state === 'verified' || p.state === 'captured') return this.commit(p.id, [p.state], { state: 'voided', lastError: null }, 'payment.voided', { reason }, operatorId);
    if (p.state !== 'activated') throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}: it cannot be cancelled`);
    this.commit(p.id, ['activated'], { state: 'cancelling', outcome: 'KO', outcomeKey: this.ctx.newKey(), outcomeAttempts: 0, outcomeNextAt: this.ctx.clock.now() }, 'payment.cancelling', { reason }, operatorId);
    return deliverOutcome(this.ctx, p.id);
  }

  /**
   * Void of an offline payment pagoPA has not seen yet: the cash goes back to the citizen and the payment
   * leaves the queue (state 'resolved', action 'refund', so reports count the refund). Only while no
   * activation key exists: once the sync worker has one, the node may hold a token, and nodeForPsp has no
   * reversal (pagopa-psp.md §3.11). Guarded by the row version, so a sync step that started in between
   * makes this refuse instead of racing it.
   */
  voidOffline(paymentId: string, reason: string, operatorId: string): Payment {
    if (!reason.trim()) throw new PaymentError('invalid-input', 'a reason is required');
    const p = this.ctx.repo.require(paymentId);
    if (!isOfflineVoidable(p)) throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}${p.activateKey ? ' and already being registered with pagoPA' : ''}: it cannot be voided here`);
    const now = this.ctx.clock.now();
    const resolution = { action: 'refund' as const, reason, operatorId, at: now, differenceCents: -(p.collectedCents ?? 0) };
    const next = this.guard(() =>
      this.ctx.repo.transition(p.id, ['offline-queued'], { state: 'resolved', resolution }, { type: 'payment.voided-offline', operatorId, data: { reason, refundedCents: p.collectedCents } }, p.version),
    );
    this.ctx.emit(next);
    return next;
  }

  /** Waits for the outcome delivery started by a collection (CLI, tests); returns the payment as it ends up. */
  async settle(paymentId: string): Promise<Payment> {
    const running = this.ctx.inFlight.get(paymentId);
    if (running) return running;
    const p = this.ctx.repo.require(paymentId);
    if ((p.state === 'collected' || p.state === 'cancelling') && p.outcomeAttempts === 0) return deliverOutcome(this.ctx, p.id);
    return p;
  }

  /** Sends the pending outcome now (sync worker, technician). */
  sendOutcome(paymentId: string): Promise<Payment> {
    return deliverOutcome(this.ctx, paymentId);
  }

  markReceiptPrinted(paymentId: string): Payment {
    const p = this.ctx.repo.require(paymentId);
    const now = this.ctx.clock.now();
    if (p.state === 'confirmed') return this.commit(p.id, ['confirmed'], { state: 'printed', receiptPrintedAt: now }, 'payment.receipt-printed', { kind: 'payment' });
    if (p.state === 'offline-queued' || p.state === 'collected') return this.commit(p.id, [p.state], { receiptPrintedAt: now }, 'payment.receipt-printed', { kind: 'provisional' });
    throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}: no receipt to print`);
  }

  get(paymentId: string): Payment | null {
    return this.ctx.repo.get(paymentId);
  }

  list(opts: { state?: PaymentState | readonly PaymentState[]; limit?: number } = {}): Payment[] {
    const states = opts.state === undefined ? undefined : typeof opts.state === 'string' ? [opts.state] : opts.state;
    return this.ctx.repo.list({ states, limit: opts.limit ?? 100, order: 'desc' });
  }

  queueSnapshot(): QueueSnapshot {
    const pending = this.ctx.repo.list({ states: PENDING_STATES });
    const exceptions = this.ctx.repo.list({ states: ['exception'] });
    const exposure = this.ctx.repo.offlineExposure();
    return { pending, exceptions, pendingCount: pending.length, exceptionCount: exceptions.length, offlineExposureCents: exposure.totalCents, oldestPendingAt: pending.reduce<number | null>((m, p) => (m === null || p.createdAt < m ? p.createdAt : m), null) };
  }

  exceptions(): Payment[] {
    return this.ctx.repo.list({ states: ['exception'] });
  }

  resolveException(paymentId: string, action: ResolutionAction, reason: string, operatorId: string): Promise<Payment> {
    return resolveException(this.ctx, paymentId, action, reason, operatorId);
  }

  resetOutcomeAttempts(paymentId: string, operatorId: string): Payment {
    return resetOutcomeAttempts(this.ctx, paymentId, operatorId);
  }

  receiptDataFor(paymentId: string): ReceiptData {
    return receiptDataFor(this.ctx, this.ctx.repo.require(paymentId));
  }
}

/** An offline payment the node has never been asked about (no activation key): it can still be voided. */
export function isOfflineVoidable(p: Payment): boolean {
  return p.state === 'offline-queued' && p.activateKey === null;
}
