// The payment engine: intent-level operations for the counter and kiosk screens and the CLI.
// Rule: durable first, in-memory after commit. Every state change is one SQLite transaction with its
// journal entry (repository.ts); no money moves before the commit that records it (issue #4 §2).
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import { silentLogger, type Logger } from '../log/logger';
import { writeTransaction, type Db } from '../store/database';
import type { CardTerminalPort, CardResult } from './card';
import { makeIdempotencyKey } from '../node/idempotency';
import { outcomeDue, type EngineContext } from './context';
import { asPaymentError, PaymentError } from './errors';
import { classifyFault, refusalCategory, refusalMessage } from './fault-category';
import { asTransportFailure, isUnreachable, type PaymentNode } from './node-port';
import { deliverOutcome } from './outcome';
import { feeDecision, feeFor, feeIsFinal, feesFor, offlineDecision, paymentOptionsRefusal, quoteOptions, revenueStampRefusal } from './policy';
import { PaymentRepository, type PaymentPatch, type PaymentReader } from './repository';
import { resetOutcomeAttempts, resolveException } from './exceptions';
import { findOrphans, recoverOrphan, syncOffline, type StepResult } from './offline-sync';
import { AWAITING_CONFIRMATION, isOfflineVoidable, NEEDS_PERSON, QUOTE, OUTCOME_DUE, PENDING, PaymentStateMachine, type PaymentEvent } from './state-machine';
import { cartReceiptDataFor, receiptDataFor, type ReceiptData } from './receipt-data';
import { activatedPatch, activateRequest } from './activation';
import type { NoticeInput, OperatorContext, Payer, Payment, PaymentMethod, PaymentState, QueueSnapshot, Quote, RefusalCategory, ResolutionAction } from './types';

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
export type CardCollectManyResult = { readonly kind: 'approved' | 'declined' | 'aborted' | 'unknown'; readonly payments: readonly Payment[]; readonly reason?: string };
export type CardCollectResult =
  | { readonly kind: 'approved'; readonly payment: Payment }
  | { readonly kind: 'declined' | 'aborted'; readonly payment: Payment; readonly reason?: string }
  | { readonly kind: 'unknown'; readonly payment: Payment; readonly reason?: string };

/** The source of a notice demanded with demandPaymentNotice (issue #13): online only, at lookup and at activation. */
export const DEMAND_SOURCE = 'demand';

function refused(category: RefusalCategory, detail?: string, faultCode?: string): Refusal {
  return { kind: 'refused', category, message: detail ? `${refusalMessage(category)} (${detail})` : refusalMessage(category), ...(faultCode ? { faultCode } : {}) };
}

export class PaymentEngine {
  private readonly ctx: EngineContext;

  constructor(opts: PaymentEngineOptions) {
    const clock = opts.clock ?? systemClock;
    const repo = new PaymentRepository(opts.db, () => clock.now());
    this.ctx = {
      repo,
      machine: new PaymentStateMachine(repo),
      node: opts.node,
      config: opts.config,
      clock,
      logger: (opts.logger ?? silentLogger).child('payments'),
      bootId: opts.bootId ?? randomUUID(),
      newKey: opts.idempotencyKey ?? (() => makeIdempotencyKey(opts.config.node.pspFiscalCode ?? opts.config.node.idPSP)),
      inFlight: new Map(),
    };
  }

  /** Read access to payments; writes only through the engine's use-cases. */
  get repo(): PaymentReader {
    return this.ctx.repo;
  }

  get logger(): Logger {
    return this.ctx.logger;
  }

  get bootId(): string {
    return this.ctx.bootId;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  /** While the node is unreachable, how often the sync worker probes it (config.node.probeIntervalMs). */
  get probeIntervalMs(): number {
    return this.ctx.config.node.probeIntervalMs;
  }

  /** Every committed change of every payment, whoever made it (UI, sync worker, recovery). */
  onChange(cb: (p: Payment) => void): () => void {
    return this.ctx.machine.onChange(cb);
  }

  /** Commit-hook for the crash harness ("die after the N-th commit"). */
  set onCommit(fn: (() => void) | null) {
    this.ctx.repo.onCommit = fn;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw asPaymentError(err);
    }
  }

  private commit(event: PaymentEvent, id: string, patch: PaymentPatch, data?: Record<string, unknown>, operatorId?: string | null): Payment {
    return this.guard(() => this.ctx.machine.apply(event, id, patch, { ...(data ? { data } : {}), ...(operatorId !== undefined ? { operatorId } : {}) }));
  }

  /** Reads a notice: verify (online quote), or an offline-eligible quote, or a refusal. */
  async lookup(notice: NoticeInput, ctx: OperatorContext, opts: { cartId?: string; onlineOnly?: boolean } = {}): Promise<Quote> {
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
      cartId: opts.cartId ?? null,
    };
    const idFor = (seq: number) => `${config.terminal.id}-${String(seq).padStart(6, '0')}`;
    let res;
    try {
      res = await node.verifyPaymentNotice({ fiscalCode: notice.fiscalCode, noticeNumber: notice.noticeNumber });
    } catch (err) {
      const f = asTransportFailure(err);
      if (!f) throw err;
      if (!isUnreachable(f)) return refused('terminal-config', f.kind);
      // The node answered, but nonsense (an amount beyond stAmount, control bytes in a code…): distrust it
      // (issue #10 §3) rather than taking the money offline on the printed amount.
      if (f.kind === 'malformed-response') return refused('node-error', f.kind);
      // A notice demanded a moment ago (spontaneous payment, issue #13) is never taken offline.
      if (opts.onlineOnly || notice.format === DEMAND_SOURCE) return refused('offline-disabled', f.kind);
      const decision = offlineDecision(config, ctx.mode, repo.offlineExposure(), this.ctx.clock.now(), printed);
      if (!decision.ok) return refused(decision.category, decision.detail);
      const p = this.guard(() => this.ctx.machine.create('quote-offline', { ...base, mode: 'offline', state: 'captured', amountCents: printed }, idFor, { reason: f.kind }));
      return {
        kind: 'offline',
        paymentId: p.id,
        noticeNumber: p.noticeNumber,
        fiscalCode: p.fiscalCode,
        amountCents: printed,
        printedAmountCents: printed,
        fees: feesFor(config, ctx.mode),
        // Offline the table's fee is what is charged: nothing is activated before the money is taken.
        feeFinal: true,
        methods: decision.methods,
        limits: decision.limits,
        reason: f.kind,
      };
    }
    if (res.outcome === 'KO') {
      const cat = classifyFault(res.fault);
      return refused(refusalCategory(cat), undefined, res.fault.faultCode);
    }
    // Distrust the node (issue #10 §3): its answer must be about the notice scanned, with a sane amount.
    const insane = nodeAnswerRefusal(config, notice.fiscalCode, res.fiscalCodePA, res.amountCents);
    if (insane) {
      this.ctx.logger.warn('node answer refused', { step: 'verify', category: insane.category, noticeNumber: notice.noticeNumber });
      return insane;
    }
    // Issue #12 §7, pagopa-extra.md §g: several options or a non-EQ one are shown, never paid (nor the first).
    const optionsRefusal = paymentOptionsRefusal(res.paymentOptions);
    if (optionsRefusal) return { ...refused(optionsRefusal.category, optionsRefusal.detail), paymentOptions: quoteOptions(res.paymentOptions, res.amountCents) };
    const p = this.guard(() =>
      this.ctx.machine.create(
        'quote-online',
        {
          ...base,
          state: 'verified',
          amountCents: res.amountCents,
          companyName: res.companyName ?? null,
          description: res.paymentDescription ?? null,
          dueDate: res.dueDate ?? null,
          ecFiscalCode: res.fiscalCodePA ?? notice.fiscalCode,
          standin: res.standin ?? null,
        },
        idFor,
        { amountCents: res.amountCents, printedAmountCents: printed },
      ),
    );
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
      feeFinal: feeIsFinal(config),
      methods: ['cash', 'card'],
      standin: res.standin === true,
      paymentOptions: quoteOptions(res.paymentOptions, res.amountCents),
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
    const activating = this.commit('activate-requested', p.id, { state: 'activating', method, feeCents: fee, activateKey: key }, { method, feeCents: fee });
    let res;
    try {
      res = await this.ctx.node.activatePaymentNotice(activateRequest(this.ctx, activating, key));
    } catch (err) {
      const f = asTransportFailure(err);
      if (!f) throw err;
      // A nonsense answer (malformed) never falls back to offline collection (issue #10 §3): the key is
      // released by the sync worker (KO), as for an unanswered activation.
      // A demanded notice (source 'demand', issue #13) never falls back offline either.
      const decision =
        isUnreachable(f) && f.kind !== 'malformed-response' && p.source !== DEMAND_SOURCE
          ? offlineDecision(config, p.channel, repo.offlineExposure(), this.ctx.clock.now(), p.amountCents, method)
          : null;
      if (decision?.ok) {
        // The node may have activated under our key: the sync worker re-sends activate with the SAME key
        // (pagopa-psp.md §3.11), so keep it on the row.
        const off = this.commit('activate-fell-offline', p.id, { state: 'captured', mode: 'offline', lastError: f.kind }, { reason: f.kind, activateKey: key });
        return { kind: 'offline', payment: off, amountChanged: false };
      }
      // Leave it 'activating' but orphaned: the sync worker re-activates with the same key and sends KO.
      this.commit('activate-unanswered', p.id, { bootId: 'abandoned', lastError: f.kind }, { error: f.kind });
      return refused(decision && !decision.ok ? decision.category : 'node-error', f.kind);
    }
    if (res.outcome === 'KO') {
      const cat = classifyFault(res.fault);
      this.commit('activate-refused', p.id, { state: 'voided', lastError: res.fault.faultCode }, { faultCode: res.fault.faultCode });
      return refused(refusalCategory(cat), undefined, res.fault.faultCode);
    }
    // Issue #12 §4: with fees.policy 'node' the fee is GEC's suggestedUserFee (and its bundle), fixed from here on.
    const fees = feeDecision(config, fee, res);
    const next = this.commit(
      'activated',
      p.id,
      { ...activatedPatch(this.ctx, res), ...fees },
      {
        token: res.paymentToken,
        totalAmountCents: res.totalAmountCents,
        ...(fees.feeSource === 'node' ? { feeCents: fees.feeCents, feeSource: 'node' } : {}),
        ...(res.standin ? { standin: true } : {}),
      },
    );
    // Distrust the node (issue #10 §3): a token for another creditor or an insane amount is released (KO)
    // before any money is taken.
    const insane = nodeAnswerRefusal(config, p.fiscalCode, res.fiscalCodePA, res.totalAmountCents);
    if (insane) {
      this.ctx.logger.warn('node answer refused', { step: 'activate', category: insane.category, paymentId: p.id });
      await this.cancel(p.id, `node answer refused: ${insane.category}`);
      return insane;
    }
    // Issue #12 §7: a transfer asking for a digital revenue stamp cannot be served here: released (KO) now.
    const stamp = revenueStampRefusal(res.transfers);
    if (stamp) {
      this.ctx.logger.warn('notice refused', { step: 'activate', category: stamp.category, paymentId: p.id });
      await this.cancel(p.id, `refused: ${stamp.category}`);
      return refused(stamp.category, stamp.detail);
    }
    return { kind: 'activated', payment: next, amountChanged: res.totalAmountCents !== p.amountCents };
  }

  private beginOffline(p: Payment, method: PaymentMethod, fee: number, typed: number | undefined): BeginResult {
    // After an activate timeout the amount is the verified one: the kept key must be re-sent with it.
    const amount = p.activateKey ? p.amountCents : (typed ?? p.amountCents);
    if (amount === null || amount === undefined) return refused('amount-required');
    if (!Number.isInteger(amount) || amount <= 0) throw new PaymentError('invalid-input', 'amount must be a positive number of cents');
    const decision = offlineDecision(this.ctx.config, p.channel, this.ctx.repo.offlineExposure(), this.ctx.clock.now(), amount, method);
    if (!decision.ok) return refused(decision.category, decision.detail);
    const next = this.commit('offline-method-chosen', p.id, { method, feeCents: fee, amountCents: amount }, { method, feeCents: fee, amountCents: amount });
    return { kind: 'offline', payment: next, amountChanged: false };
  }

  /**
   * Cash: commits the collection (tendered, change) BEFORE the drawer opens; the caller opens the drawer
   * only after this returns. Online, the outcome OK is then sent at once (SANP TPSPO: within 2 s).
   */
  collectCash(paymentId: string, tenderedCents: number): CollectResult {
    const r = this.collectCashTogether([paymentId], tenderedCents);
    return { payment: r.payments[0]!, changeCents: r.changeCents };
  }

  /**
   * Cash for one payment or for a cart (issue #12 §1): every notice's share is committed in ONE
   * transaction — all collected or none — before the drawer opens. Each online notice then gets its own
   * outcome OK (one sendPaymentOutcome per token: README "Carts"). The tendered cash and the change belong
   * to the whole transaction: on a cart they are the cart's, not any one notice's.
   */
  collectCashTogether(paymentIds: readonly string[], tenderedCents: number, within?: (changeCents: number) => void): { payments: Payment[]; changeCents: number; totalCents: number } {
    const ps = this.requireAll(paymentIds);
    for (const p of ps) if (p.method !== 'cash') throw new PaymentError('invalid-state', `payment ${p.id} is not a cash payment`);
    const total = ps.reduce((sum, p) => sum + dueCents(p), 0);
    if (!Number.isInteger(tenderedCents) || tenderedCents < total) throw new PaymentError('invalid-input', `tendered ${tenderedCents} is less than the total ${total}`);
    const change = tenderedCents - total;
    const single = ps.length === 1;
    const payments = this.markCollected(
      'cash-collected',
      ps,
      (p) => ({ tenderedCents: single ? tenderedCents : null, changeCents: single ? change : null, collectedCents: dueCents(p) }),
      within ? () => within(change) : undefined,
    );
    return { payments, changeCents: change, totalCents: total };
  }

  private requireAll(paymentIds: readonly string[]): Payment[] {
    if (paymentIds.length === 0) throw new PaymentError('invalid-input', 'nothing to collect');
    if (new Set(paymentIds).size !== paymentIds.length) throw new PaymentError('invalid-input', 'a payment is listed twice');
    return paymentIds.map((id) => this.ctx.repo.require(id));
  }

  private markCollected(
    event: 'cash-collected' | 'card-approved',
    ps: readonly Payment[],
    money: (p: Payment) => { tenderedCents?: number | null; changeCents?: number | null; collectedCents: number; card?: Payment['card'] },
    within?: () => void,
  ): Payment[] {
    const now = this.ctx.clock.now();
    if (event === 'cash-collected') {
      this.checkOfflineCash(
        ps.filter((p) => p.mode === 'offline'),
        now,
      );
      for (const p of ps) {
        if (p.mode === 'online' && p.tokenExpiresAt !== null && now >= p.tokenExpiresAt)
          throw new PaymentError('refused', 'The payment session expired: cancel and read the notice again.', { category: 'token-expired' });
      }
    }
    const steps = ps.map((p) => {
      const data = { collectedCents: money(p).collectedCents, method: p.method, ...(p.cartId ? { cartId: p.cartId } : {}) };
      const patch: PaymentPatch =
        p.mode === 'offline' ? { state: 'offline-queued', ...money(p), collectedAt: now } : { state: 'collected', ...money(p), collectedAt: now, ...outcomeDue(this.ctx, 'OK') };
      return { event, id: p.id, patch, opts: { data, expectState: p.state } };
    });
    const next = this.guard(() => this.ctx.machine.applyAll(steps, within));
    for (const p of next) if (p.mode === 'online') this.deliverInBackground(p.id);
    return next;
  }

  /** Offline cash is within policy notice by notice, and the notices' total within the exposure left (issue #12 §3). */
  private checkOfflineCash(offline: readonly Payment[], now: number): void {
    if (offline.length === 0) return;
    const exposure = this.ctx.repo.offlineExposure();
    for (const p of offline) {
      const decision = offlineDecision(this.ctx.config, p.channel, exposure, now, p.amountCents, p.method ?? undefined);
      if (!decision.ok) throw new PaymentError('refused', refusalMessage(decision.category), { category: decision.category });
    }
    const sum = offline.reduce((s, p) => s + (p.amountCents ?? 0), 0);
    const remaining = this.ctx.config.offline.maxTotalCents - exposure.totalCents;
    if (sum > remaining) throw new PaymentError('refused', refusalMessage('offline-limit'), { category: 'offline-limit' });
  }

  private deliverInBackground(id: string): void {
    // Real-time outcome (SANP: sent at once after the money is taken); settle() or the worker awaits it.
    deliverOutcome(this.ctx, id).catch((err: unknown) => this.ctx.logger.error('outcome delivery crashed', { id, err: String(err) }));
  }

  /** Card: the attempt is committed ('collecting') before the terminal is asked to charge. */
  async collectCard(paymentId: string, terminal: CardTerminalPort, onProgress?: Parameters<CardTerminalPort['pay']>[2]): Promise<CardCollectResult> {
    const r = await this.collectCardTogether([paymentId], terminal, paymentId, onProgress);
    const payment = r.payments[0]!;
    return r.kind === 'approved' ? { kind: 'approved', payment } : { kind: r.kind, payment, ...(r.reason !== undefined ? { reason: r.reason } : {}) };
  }

  /**
   * One card charge for one payment or a cart (issue #12 §1): every notice goes to 'collecting' in one
   * transaction before the terminal is asked for the total; `reference` (the payment or the cart id) is
   * what the terminal's last-result query is matched against. The approval is recorded for every notice
   * (its share, same authorisation) before any of them moves on, so recovery completes each from disk.
   */
  async collectCardTogether(paymentIds: readonly string[], terminal: CardTerminalPort, reference: string, onProgress?: Parameters<CardTerminalPort['pay']>[2]): Promise<CardCollectManyResult> {
    const ps = this.requireAll(paymentIds);
    for (const p of ps) {
      if (p.method !== 'card') throw new PaymentError('invalid-state', `payment ${p.id} is not a card payment`);
      const back: PaymentState = p.mode === 'offline' ? 'captured' : 'activated';
      if (p.state !== back) throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}`);
    }
    const total = ps.reduce((sum, p) => sum + dueCents(p), 0);
    const collecting = this.guard(() =>
      this.ctx.machine.applyAll(
        ps.map((p) => ({
          event: 'card-requested' as const,
          id: p.id,
          patch: { state: 'collecting' as const, card: { status: 'requested' } },
          opts: { data: { amountCents: dueCents(p), ...(ps.length > 1 ? { chargeCents: total, reference } : {}) }, expectState: p.state },
        })),
      ),
    );
    let result: CardResult;
    try {
      result = await terminal.pay(total, reference, onProgress);
    } catch (err) {
      result = { kind: 'unknown', reference, reason: err instanceof Error ? err.message : String(err) };
    }
    if (result.kind === 'unknown') {
      // pos-practice.md §3.4: never re-charge blindly; ask the terminal for its last result first.
      const last = await terminal.lastResult().catch(() => null);
      if (last && last.kind !== 'unknown' && last.reference === reference) result = last;
    }
    return this.applyCardResult(collecting, result);
  }

  private applyCardResult(ps: readonly Payment[], result: CardResult): CardCollectManyResult {
    const back = (p: Payment): PaymentState => (p.mode === 'offline' ? 'captured' : 'activated');
    switch (result.kind) {
      case 'approved': {
        const card = { status: 'approved', authCode: result.authCode, stan: result.stan, maskedPan: result.maskedPan, circuit: result.cardBrand, terminalId: result.terminalId };
        const approvedAt = this.ctx.clock.now();
        // The approval is on disk before anything else can fail (issue #9 §3): recovery completes from it.
        this.guard(() =>
          writeTransaction(this.ctx.repo.db, () => {
            for (const p of ps) {
              this.ctx.repo.recordCardApproval({
                paymentId: p.id,
                amountCents: dueCents(p),
                authCode: result.authCode,
                stan: result.stan,
                maskedPan: result.maskedPan,
                circuit: result.cardBrand,
                terminalId: result.terminalId,
                approvedAt,
              });
            }
          }),
        );
        this.ctx.repo.notifyCommit();
        return { kind: 'approved', payments: this.markCollected('card-approved', ps, (p) => ({ collectedCents: dueCents(p), card })) };
      }
      case 'declined':
      case 'aborted': {
        const reason = result.kind === 'declined' ? `${result.code} ${result.message}` : undefined;
        const event = result.kind === 'declined' ? ('card-declined' as const) : ('card-aborted' as const);
        const payments = this.guard(() =>
          this.ctx.machine.applyAll(ps.map((p) => ({ event, id: p.id, patch: { state: back(p), card: { status: result.kind } }, opts: { data: { reason: reason ?? null } } }))),
        );
        return { kind: result.kind, payments, ...(reason !== undefined ? { reason } : {}) };
      }
      default: {
        const now = this.ctx.clock.now();
        const reason = result.kind === 'unknown' ? result.reason : 'terminal result unknown';
        const payments = this.guard(() =>
          this.ctx.machine.applyAll(
            ps.map((p) => ({
              event: 'card-unknown' as const,
              id: p.id,
              patch: { state: 'exception' as const, exceptionKind: 'collection-unknown' as const, exceptionDetail: reason, exceptionAt: now, card: { status: 'unknown' } },
              opts: { data: { kind: 'collection-unknown' } },
            })),
          ),
        );
        return { kind: 'unknown', payments, ...(reason !== undefined ? { reason } : {}) };
      }
    }
  }

  /** Cancels before money is taken. After activation the outcome KO is sent (pagopa-psp.md §3.11). */
  async cancel(paymentId: string, reason: string, operatorId?: string | null): Promise<Payment> {
    const p = this.ctx.repo.require(paymentId);
    // An offline fallback may hold an activate key the node processed: the sync worker releases it (KO).
    if (p.state === 'captured' && p.activateKey) return this.commit('release-requested', p.id, { bootId: 'abandoned', lastError: 'cancelled' }, { reason }, operatorId);
    if (QUOTE.includes(p.state)) return this.commit('quote-dropped', p.id, { state: 'voided', lastError: null }, { reason }, operatorId);
    if (p.state !== 'activated') throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}: it cannot be cancelled`);
    this.commit('cancelling', p.id, { state: 'cancelling', ...outcomeDue(this.ctx, 'KO') }, { reason }, operatorId);
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
    return this.guard(() =>
      this.ctx.machine.apply('offline-voided', p.id, { state: 'resolved', resolution }, { operatorId, data: { reason, refundedCents: p.collectedCents }, expectVersion: p.version }),
    );
  }

  /** Waits for the outcome delivery started by a collection (CLI, tests); returns the payment as it ends up. */
  async settle(paymentId: string): Promise<Payment> {
    const running = this.ctx.inFlight.get(paymentId);
    if (running) return running;
    const p = this.ctx.repo.require(paymentId);
    if (OUTCOME_DUE.includes(p.state) && p.outcomeAttempts === 0) return deliverOutcome(this.ctx, p.id);
    return p;
  }

  /** Sends the pending outcome now (sync worker, technician). */
  sendOutcome(paymentId: string): Promise<Payment> {
    return deliverOutcome(this.ctx, paymentId);
  }

  markReceiptPrinted(paymentId: string): Payment {
    const p = this.ctx.repo.require(paymentId);
    const now = this.ctx.clock.now();
    if (p.state === 'confirmed') return this.commit('receipt-printed', p.id, { state: 'printed', receiptPrintedAt: now }, { kind: 'payment' });
    if (AWAITING_CONFIRMATION.includes(p.state)) return this.commit('receipt-printed', p.id, { receiptPrintedAt: now }, { kind: 'provisional' });
    throw new PaymentError('invalid-state', `payment ${p.id} is ${p.state}: no receipt to print`);
  }

  get(paymentId: string): Payment | null {
    return this.ctx.repo.get(paymentId);
  }

  list(opts: { state?: PaymentState | readonly PaymentState[]; limit?: number } = {}): Payment[] {
    const states = opts.state === undefined ? undefined : typeof opts.state === 'string' ? [opts.state] : opts.state;
    return this.ctx.repo.list({ states, limit: opts.limit ?? 100, order: 'desc' });
  }

  /**
   * The counter's "recent payments", newest first: every payment a method was chosen for. A quote that was
   * only looked at (verified or captured, then dropped or left) never took or asked for money: not listed.
   */
  recent(limit = 50): Payment[] {
    return this.ctx.repo.list({ limit, order: 'desc', begun: true });
  }

  queueSnapshot(): QueueSnapshot {
    const pending = this.ctx.repo.list({ states: PENDING });
    const exceptions = this.ctx.repo.list({ states: NEEDS_PERSON });
    const exposure = this.ctx.repo.offlineExposure();
    return {
      pending,
      exceptions,
      pendingCount: pending.length,
      exceptionCount: exceptions.length,
      offlineExposureCents: exposure.totalCents,
      oldestPendingAt: pending.reduce<number | null>((m, p) => (m === null || p.createdAt < m ? p.createdAt : m), null),
    };
  }

  exceptions(): Payment[] {
    return this.ctx.repo.list({ states: NEEDS_PERSON });
  }

  // ── Sync and recovery (the sync worker and startup recovery call these; the rules stay here) ──

  /** Live sessions left by a writer that is gone, plus this process's activated payments past token expiry. */
  orphans(): Payment[] {
    return findOrphans(this.ctx, this.ctx.clock.now());
  }

  recoverOrphan(paymentId: string): Promise<StepResult> {
    return recoverOrphan(this.ctx, paymentId);
  }

  syncOffline(paymentId: string): Promise<StepResult> {
    return syncOffline(this.ctx, paymentId);
  }

  /** Payments owing the node an outcome whose retry time has come (all of them when forced). */
  outcomesDue(force: boolean): Payment[] {
    const now = this.ctx.clock.now();
    return this.ctx.repo.list({ states: OUTCOME_DUE }).filter((p) => force || p.outcomeNextAt === null || p.outcomeNextAt <= now);
  }

  offlineQueue(): Payment[] {
    return this.ctx.repo.list({ states: ['offline-queued'] });
  }

  /** Side-effect-free connectivity probe: any answer from the node (even a fault) means it is reachable. */
  async probeNode(): Promise<boolean> {
    try {
      await this.ctx.node.verifyPaymentNotice(PROBE_NOTICE);
      return true;
    } catch (err) {
      if (asTransportFailure(err)) return false;
      throw err;
    }
  }

  /** Records an unexpected error of one sync step on its payment (journaled), so the queue can go on. */
  noteSyncError(paymentId: string, error: string): Payment {
    return this.ctx.machine.annotate('sync-error', paymentId, { lastError: error.slice(0, 200) }, { error: error.slice(0, 200) });
  }

  /** Resolves when every outcome delivery started in this process has ended (shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.ctx.inFlight.values()]);
  }

  resolveException(paymentId: string, action: ResolutionAction, reason: string, operatorId: string): Promise<Payment> {
    return resolveException(this.ctx, paymentId, action, reason, operatorId);
  }

  resetOutcomeAttempts(paymentId: string, operatorId: string): Payment {
    return resetOutcomeAttempts(this.ctx, paymentId, operatorId);
  }

  /**
   * Records (or clears, with null) the optional payer of a payment before any money is taken (issue #12 §6):
   * the edge check inside the write refuses it once collection has started. The caller validates the data
   * (src/common/payer.ts); the journal keeps the type only, not the person's data.
   */
  setPayer(paymentId: string, payer: Payer | null, operatorId: string | null): Payment {
    return this.commit('payer-recorded', paymentId, { payer }, { payer: payer ? payer.type : null }, operatorId);
  }

  /** A quote not yet in a cart joins `cartId` (before any method is chosen: verified or captured, no key). */
  joinCart(paymentId: string, cartId: string, operatorId: string | null): Payment {
    const p = this.ctx.repo.require(paymentId);
    if (p.cartId !== null) throw new PaymentError('invalid-state', `payment ${p.id} is already in cart ${p.cartId}`);
    if (p.method !== null || p.activateKey !== null) throw new PaymentError('invalid-state', `payment ${p.id} is already being paid`);
    return this.guard(() => this.ctx.machine.apply('cart-joined', p.id, { cartId }, { data: { cartId }, operatorId, expectVersion: p.version }));
  }

  receiptDataFor(paymentId: string): ReceiptData {
    return receiptDataFor(this.ctx, this.ctx.repo.require(paymentId));
  }

  /** One receipt for the collected notices of a cart (issue #12 §1). */
  cartReceiptDataFor(paymentIds: readonly string[], cart: { id: string; tenderedCents: number | null; changeCents: number | null }): ReceiptData {
    return cartReceiptDataFor(
      this.ctx,
      paymentIds.map((id) => this.ctx.repo.require(id)),
      cart,
    );
  }
}

export { isOfflineVoidable };

/**
 * Sanity checks on a verify/activate answer (issue #10 §3): the creditor's fiscal code must be the one
 * scanned, and the amount must be above 0 and at most node.maxNoticeAmountCents (default €99.999,99).
 */
export function nodeAnswerRefusal(config: SportelloConfig, scannedFiscalCode: string, answeredFiscalCode: string | undefined, amountCents: number): Refusal | null {
  if (answeredFiscalCode !== undefined && answeredFiscalCode !== scannedFiscalCode) return refused('node-answer-mismatch', `creditor ${answeredFiscalCode} instead of ${scannedFiscalCode}`);
  const max = config.node.maxNoticeAmountCents;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > max) return refused('amount-out-of-range', `${amountCents} cents; accepted 1..${max}`);
  return null;
}

/** What the citizen pays for one notice: the amount due plus its fee. */
export function dueCents(p: Payment): number {
  return (p.amountCents ?? 0) + p.feeCents;
}

/** A notice no creditor issues: the probe's verify is answered with a fault, never with a position. */
const PROBE_NOTICE = { fiscalCode: '00000000000', noticeNumber: '000000000000000000' };
