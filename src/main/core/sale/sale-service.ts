// The sale use-cases of a counter or a kiosk, with every rule that protects money (issue #9 §1). The UI's
// IPC handlers, the Electron shell and every CLI command call this and only translate its answers: no
// way in can take money outside a shift, with no operator, with a method the terminal does not offer, or
// open the drawer before the collection is committed.
//   lookup → begin(method) → collectCash | collectCard → (outcome in real time) → receipt
//   cancel before money · void (supervisor) of what pagoPA has not seen · reprint (journaled)
import type { Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import { journalDrawerOpen } from '../journal/drawer-journal';
import type { Logger } from '../log/logger';
import { pinChangeRefusal, type Operator, type OperatorService } from '../operators/operator-service';
import type { CardTerminalPort } from '../payments/card';
import type { CardCollectResult, PaymentEngine } from '../payments/engine';
import { PaymentError } from '../payments/errors';
import { refusalMessage } from '../payments/fault-category';
import { isOfflineVoidable, MONEY_TAKEN } from '../payments/state-machine';
import type { NoticeInput, Payment, PaymentMethod, Quote, ResolutionAction, TerminalMode } from '../payments/types';
import type { PrintJob, PrintJobResult, PrintService } from '../printing/print-service';
import type { ReceiptData } from '../../../common/receipt';
import type { ShiftService } from '../shifts/shift-service';
import type { Db } from '../store/database';
import type { JournalIntegrity } from '../journal/journal-anchor';
import { refusalError, SaleError } from './sale-error';
import { checkPayer, payerProblemMessage, type Payer, type PayerInput } from '../../../common/payer';
import { cashCeilingRefusal, feeFor } from '../payments/policy';
import { CartSales } from './cart-sales';
import { SpontaneousSales } from './spontaneous-sales';
import type { SpontaneousService } from '../spontaneous/spontaneous-service';

export { SaleError, type SaleErrorKind } from './sale-error';

/** Who is acting: a logged-in counter operator, or the kiosk itself (operatorId null). */
export type SaleActor = { readonly operatorId: string | null };

/** The card terminal as a sale needs it: charge, ask for the last result, ask it to abort. */
export type SaleTerminal = CardTerminalPort & { abort(): Promise<boolean> };

/** The devices a sale touches, supplied by the composition root. */
export type SaleDevices = {
  /** Sends the drawer kick pulse; rejects with the driver's reason. */
  openDrawer(pin: 2 | 5): Promise<void>;
  /** The configured card terminal, or null. */
  terminal(): SaleTerminal | null;
  /** The terminal is enabled and answering now. */
  terminalReady(): boolean;
  /** Re-probe after a device problem (the status bar catches up). */
  refresh(): void;
};

/** Kiosk self-check: a kiosk that cannot finish a sale must not start one. */
export type SaleAvailability = () => { readonly available: boolean; readonly reasons: readonly string[] };

export type SaleServiceDeps = {
  mode: TerminalMode;
  config: () => SportelloConfig;
  engine: PaymentEngine;
  shifts: ShiftService;
  operators: OperatorService;
  print: PrintService;
  devices: SaleDevices;
  db: Db;
  clock: Clock;
  logger: Logger;
  availability?: SaleAvailability;
  /** The start-up journal check (issue #10 §1): while it failed, no sale starts and no money moves. */
  integrity?: () => JournalIntegrity;
  /** Spontaneous payments (issue #13): the catalogue and demandPaymentNotice; absent = not offered. */
  spontaneous?: SpontaneousService;
};

/** A printed (or held, or refused) receipt job and the PNG the UI previews, from the very bytes sent. */
export type ReceiptOutcome = { readonly job: PrintJob; readonly result: PrintJobResult; readonly previewPng: Buffer | null };

export type CollectOutcome = { readonly payment: Payment; readonly changeCents: number; readonly receipt: ReceiptOutcome; readonly drawer: 'opened' | 'failed' | 'none' };

export type CardOutcome =
  | { readonly kind: 'approved'; readonly payment: Payment; readonly receipt: ReceiptOutcome }
  | { readonly kind: 'declined' | 'aborted' | 'unknown'; readonly payment: Payment; readonly reason: string | null };

/** Who acts when the technician screen is unlocked with a technician PIN (no operator logged in). */
export const TECHNICIAN_SESSION = 'tech';

/** The operators service's rule (a seeded or reset PIN is changed before acting) as a sale refusal. */
function requirePinChanged(op: Operator): void {
  const refusal = pinChangeRefusal(op);
  if (refusal) throw new SaleError('forbidden', 'must-change-pin', refusal.message);
}

/** Payer data may change only while no money is taken (the state machine's payer-recorded edges). */
export const PAYER_EDITABLE: readonly string[] = ['verified', 'captured', 'activated'];

export class SaleService {
  /** Card charges in flight, so a cancel (kiosk idle timeout) can abort the terminal and wait. */
  private readonly charging = new Map<string, Promise<CardCollectResult>>();
  private readonly log: Logger;

  /** Carts of up to 5 notices, under the same rules (issue #12). */
  readonly carts: CartSales;

  /** Spontaneous payments (bollo auto, …) under the same rules (issue #13); null when not configured. */
  readonly spontaneous: SpontaneousSales | null;

  constructor(private readonly deps: SaleServiceDeps) {
    this.log = deps.logger.child('sale');
    this.carts = new CartSales(this, deps);
    this.spontaneous = deps.spontaneous ? new SpontaneousSales(this, deps.spontaneous, deps.engine) : null;
  }

  get mode(): TerminalMode {
    return this.deps.mode;
  }

  // ── Rules ─────────────────────────────────────────────────────────────────────────────────────────

  /** A counter acts through an active operator; a kiosk acts as itself. Returns the operator id. */
  requireOperator(actor: SaleActor): string | null {
    if (this.deps.mode === 'kiosk') return null;
    if (!actor.operatorId) throw new SaleError('unauthorized', 'operator-required', 'log in first: a counter takes money only through an operator');
    const op = this.deps.operators.get(actor.operatorId);
    if (!op || !op.active) throw new SaleError('forbidden', 'operator-inactive', `operator ${actor.operatorId} is not an active operator`);
    requirePinChanged(op);
    return op.id;
  }

  /**
   * Money moves at a counter only inside an open shift, so every euro lands in exactly one Z report
   * (pos-practice.md §1.8). Kiosks are unattended and reconciled by their own reports.
   */
  requireShift(): void {
    this.requireIntactJournal();
    if (this.deps.mode === 'counter' && !this.deps.shifts.current()) throw new SaleError('conflict', 'no-open-shift', 'open a shift (F9) before taking payments');
  }

  /** A terminal whose audit journal failed verification takes no money until a technician acts. */
  requireIntactJournal(): void {
    const j = this.deps.integrity?.();
    if (j && !j.ok) {
      throw new SaleError(
        'conflict',
        'journal-broken',
        `the audit journal failed verification${j.firstBadSeq !== null ? ` at entry ${j.firstBadSeq}` : ''} (${j.reason}): payments are suspended, call the technician`,
      );
    }
  }

  /** Operator and (at a counter) an open shift: checked before a sale starts, and again by every step. */
  assertCanTakeMoney(actor: SaleActor): void {
    this.requireOperator(actor);
    this.requireShift();
  }

  /** Methods this terminal offers: a kiosk only its configured ones (card by default). */
  offeredMethods(): PaymentMethod[] {
    return this.deps.mode === 'kiosk' ? [...this.deps.config().app.kioskMethods] : ['cash', 'card'];
  }

  /** A method the devices can serve right now (card needs a terminal that is enabled and connected). */
  methodServable(method: PaymentMethod): boolean {
    if (method === 'cash') return true;
    return this.deps.config().devices.terminal.enabled && this.deps.devices.terminalReady();
  }

  requireMethod(method: PaymentMethod): void {
    if (!this.offeredMethods().includes(method)) throw new SaleError('conflict', 'method-not-offered', `${method} is not accepted on this ${this.deps.mode}`);
  }

  // ── Use-cases ─────────────────────────────────────────────────────────────────────────────────────

  /** Reads a notice: online quote, offline quote within policy, or a refusal (never throws for the node). */
  async lookup(actor: SaleActor, notice: NoticeInput, opts: { cartId?: string } = {}): Promise<Quote> {
    const operatorId = this.requireOperator(actor);
    this.requireIntactJournal();
    if (this.deps.mode === 'kiosk' && this.deps.availability) {
      const a = this.deps.availability();
      if (a.reasons.includes('node')) return { kind: 'refused', category: 'offline-disabled', message: refusalMessage('offline-disabled') };
      if (!a.available) throw new SaleError('device', 'out-of-service', `out of service: ${a.reasons.join(', ')}`);
    }
    return this.deps.engine.lookup(notice, { operatorId, mode: this.deps.mode }, opts);
  }

  /** Chooses the method: online → activate; offline → records amount and method. Refusals throw SaleError. */
  async begin(actor: SaleActor, paymentId: string, method: PaymentMethod, opts: { amountCents?: number } = {}): Promise<Payment> {
    this.requireOperator(actor);
    this.requireShift();
    this.requireMethod(method);
    if (!this.methodServable(method)) throw new SaleError('device', 'terminal-unavailable', 'the card terminal is not available');
    if (method === 'cash') this.requireUnderCashCeiling(this.cashTotalEstimate(paymentId, opts.amountCents));
    const r = await this.deps.engine.begin(paymentId, method, opts.amountCents === undefined ? {} : { amountCents: opts.amountCents });
    // code: the engine's category (it has read through wrapped faults); the fault code stays in the
    // message for the technician.
    if (r.kind === 'refused') throw refusalError(r);
    return r.payment;
  }

  /**
   * Cash: the collection is committed (one IMMEDIATE transaction) BEFORE the drawer opens; the drawer
   * opening is journaled either way; then the outcome is sent and the receipt printed.
   */
  async collectCash(actor: SaleActor, paymentId: string, tenderedCents: number): Promise<CollectOutcome> {
    const operatorId = this.requireOperator(actor);
    this.requireShift();
    this.requireMethod('cash');
    // The final total (the node's amount, and its fee with fees.policy 'node') is checked before money moves.
    const due = this.deps.engine.repo.require(paymentId);
    this.requireUnderCashCeiling((due.amountCents ?? 0) + due.feeCents);
    const { changeCents } = this.deps.engine.collectCash(paymentId, tenderedCents);
    const drawer = await this.kickDrawer(operatorId, paymentId);
    const receipt = await this.finish(paymentId);
    return { payment: this.deps.engine.repo.require(paymentId), changeCents, receipt, drawer };
  }

  /** Opens the drawer after a committed cash collection; the opening is journaled either way. */
  async kickDrawer(operatorId: string | null, paymentId: string): Promise<CollectOutcome['drawer']> {
    const cfg = this.deps.config().devices;
    if (!cfg.drawer.enabled || !cfg.printer.enabled) return 'none';
    const error = await this.deps.devices.openDrawer(cfg.drawer.pin).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (error !== null) this.log.warn('cash drawer did not open', { paymentId, error });
    try {
      journalDrawerOpen(this.deps.db, { reason: 'cash-payment', operatorId, paymentId, pin: cfg.drawer.pin, error, at: new Date(this.deps.clock.now()).toISOString() });
    } catch (err) {
      // The money is already committed: an audit failure is logged loudly, never un-collects it.
      this.log.error('drawer opening not journaled', { paymentId, error: err instanceof Error ? err.message : String(err) });
    }
    return error === null ? 'opened' : 'failed';
  }

  /** Card: the attempt is committed before the terminal charges; its approval is committed before anything else. */
  async collectCard(actor: SaleActor, paymentId: string, onProgress?: (stage: string, message: string | null) => void): Promise<CardOutcome> {
    this.requireOperator(actor);
    this.requireShift();
    this.requireMethod('card');
    const terminal = this.deps.devices.terminal();
    if (!terminal) throw new SaleError('device', 'terminal-unavailable', 'the card terminal is not available');
    onProgress?.('connecting', null);
    const run = this.deps.engine.collectCard(paymentId, terminal, (p) => onProgress?.('terminal', p.message));
    this.charging.set(paymentId, run);
    let r: CardCollectResult;
    try {
      r = await run;
    } finally {
      this.charging.delete(paymentId);
    }
    onProgress?.(r.kind, r.kind === 'approved' ? null : (r.reason ?? null));
    // Declined/aborted: back to pending (retry or cancel). Unknown: a person checks the terminal (§3.4).
    if (r.kind !== 'approved') return { kind: r.kind, payment: r.payment, reason: r.reason ?? null };
    onProgress?.('printing', null);
    const receipt = await this.finish(paymentId);
    return { kind: 'approved', payment: this.deps.engine.repo.require(paymentId), receipt };
  }

  /** Outcome in real time (SANP: at once after the money is taken; offline payments skip it), then the receipt. */
  private async finish(paymentId: string): Promise<ReceiptOutcome> {
    await this.deps.engine.settle(paymentId);
    const receipt = await this.printReceipt(paymentId);
    if (receipt.result.outcome !== 'printed') this.deps.devices.refresh();
    return receipt;
  }

  /** Cancels before money is taken; a card charge under way is aborted first. After activation: outcome KO. */
  async cancel(actor: SaleActor, paymentId: string, reason?: string): Promise<Payment> {
    const by = this.deps.mode === 'kiosk' ? null : this.requireOperator(actor);
    const p = this.deps.engine.repo.require(paymentId);
    if (MONEY_TAKEN.includes(p.state)) throw new SaleError('conflict', 'already-collected', 'the money was already taken: this payment cannot be cancelled');
    if (p.state === 'collecting') {
      const running = this.charging.get(paymentId);
      await this.deps.devices
        .terminal()
        ?.abort()
        .catch(() => false);
      const r = await running;
      if (r?.kind === 'approved' || r?.kind === 'unknown') throw new SaleError('conflict', 'already-collected', 'the card was charged before the cancel: this payment cannot be cancelled');
      if (this.deps.engine.repo.require(paymentId).state === 'collecting') throw new SaleError('conflict', 'collecting', 'the terminal is still charging the card');
    }
    return this.deps.engine.cancel(paymentId, reason ?? (this.deps.mode === 'kiosk' ? 'kiosk idle timeout' : 'cancelled by the operator'), by);
  }

  /**
   * Supervisor authority for corrections (pos-practice.md §6): the acting operator when a supervisor or
   * technician, or a supervisor's PIN typed at the counter (one login attempt; lockout applies).
   */
  async requireSupervisor(actor: SaleActor, pin: string | undefined, supervisorId: string | undefined): Promise<string> {
    const op = actor.operatorId ? this.deps.operators.get(actor.operatorId) : null;
    if (op) requirePinChanged(op);
    if (op && op.active && (op.role === 'supervisor' || op.role === 'technician')) return op.id;
    if (!pin) throw new SaleError('forbidden', 'supervisor-required', 'a supervisor PIN is required');
    let id = supervisorId;
    if (!id) {
      const sups = this.deps.operators.list().filter((o) => o.active && o.role === 'supervisor');
      // Never try a PIN against several accounts: it would count failures on the wrong people.
      if (sups.length !== 1) throw new SaleError('invalid-argument', 'supervisor-id-required', 'name the supervisor (supervisorId)');
      id = sups[0]!.id;
    }
    const r = await this.deps.operators.login(id, pin);
    if (!r.ok) throw new SaleError('forbidden', r.reason === 'locked' ? 'locked' : 'wrong-pin', r.reason === 'locked' ? 'supervisor locked after wrong PINs' : 'wrong supervisor PIN');
    if (r.operator.role !== 'supervisor' && r.operator.role !== 'technician') throw new SaleError('forbidden', 'supervisor-required', 'a supervisor PIN is required');
    requirePinChanged(r.operator); // a reset supervisor PIN authorises nothing until it is changed
    return r.operator.id;
  }

  /**
   * Void with a supervisor: before money → cancel (KO after activation); an offline payment pagoPA has
   * never seen → cash refunded, out of the queue, annulment slip printed. Anything pagoPA has or will
   * have an OK for cannot be reversed here (nodeForPsp has no reversal, pagopa-psp.md §3.11).
   */
  async void(actor: SaleActor, paymentId: string, reason: string, supervisor: { pin?: string; id?: string }): Promise<{ payment: Payment; receipt: ReceiptOutcome | null; refundCents: number }> {
    this.requireOperator(actor);
    const by = await this.requireSupervisor(actor, supervisor.pin, supervisor.id);
    const p = this.deps.engine.repo.require(paymentId);
    if (p.state === 'exception') throw new SaleError('conflict', 'exception-open', 'this payment needs attention: resolve it from the exceptions inbox');
    if (isOfflineVoidable(p)) {
      const voided = this.deps.engine.voidOffline(paymentId, reason, by);
      const receipt = await this.printReceipt(paymentId);
      return { payment: voided, receipt, refundCents: p.collectedCents ?? 0 };
    }
    if (MONEY_TAKEN.includes(p.state)) throw new SaleError('conflict', 'not-reversible', 'a pagoPA payment cannot be reversed at the counter once collected: refund through the creditor');
    return { payment: await this.deps.engine.cancel(paymentId, `void: ${reason}`, by), receipt: null, refundCents: 0 };
  }

  /**
   * A person's decision on an exception (refund, accept a difference, card charged or not) moves money:
   * it needs a supervisor or a technician, whoever asks — the counter's inbox or `sportello exceptions
   * resolve`. `authorisedBy` is an authenticated operator id, or TECHNICIAN_SESSION for the unlocked
   * technician screen.
   */
  async resolveException(authorisedBy: string, paymentId: string, action: ResolutionAction, reason: string): Promise<Payment> {
    const op = this.deps.operators.get(authorisedBy);
    if (op) requirePinChanged(op);
    const allowed = op ? op.active && (op.role === 'supervisor' || op.role === 'technician') : authorisedBy === TECHNICIAN_SESSION;
    if (!allowed) throw new SaleError('forbidden', 'supervisor-required', `${authorisedBy} may not resolve exceptions: a supervisor or a technician must`);
    return this.deps.engine.resolveException(paymentId, action, reason, authorisedBy);
  }

  /** Waits for the outcome delivery a collection started; returns the payment as it ends up. */
  settle(paymentId: string): Promise<Payment> {
    return this.deps.engine.settle(paymentId);
  }

  /** Lays out, commits and prints the receipt of `paymentId`; never throws for printer conditions. */
  printReceipt(paymentId: string): Promise<ReceiptOutcome> {
    return this.printReceiptData(this.receiptDataFor(paymentId), [paymentId]);
  }

  /** What the receipt of `paymentId` says: the engine's data, plus the service and plate of a spontaneous payment (issue #13). */
  receiptDataFor(paymentId: string): ReceiptData {
    const data = this.deps.engine.receiptDataFor(paymentId);
    const svc = this.deps.spontaneous?.forPayment(paymentId);
    return svc ? { ...data, service: { name: svc.serviceName, details: svc.details.map((x) => ({ ...x })) } } : data;
  }

  /** Commits and prints a receipt covering `paymentIds` (one notice, or a cart's); marks each printed. */
  async printReceiptData(data: ReceiptData, paymentIds: readonly string[]): Promise<ReceiptOutcome> {
    const { print } = this.deps;
    const job = print.enqueueReceipt(data, { paymentId: paymentIds[0] ?? null });
    const result = await print.printNow(job.id);
    if (result.outcome === 'printed') for (const id of paymentIds) this.notePrinted(id);
    let previewPng: Buffer | null = null;
    try {
      previewPng = print.preview(job.id);
    } catch (err) {
      this.log.warn('receipt preview failed', { jobId: job.id, error: err instanceof Error ? err.message : String(err) });
    }
    return { job: print.getJob(job.id) ?? job, result, previewPng };
  }

  /** Marks the payment's receipt as printed once the printer confirmed the whole job. */
  notePrinted(paymentId: string | null): void {
    if (!paymentId) return;
    try {
      this.deps.engine.markReceiptPrinted(paymentId);
    } catch (err) {
      // Already marked (a resumed or copied job) or a state with no receipt: nothing to record.
      if (!(err instanceof PaymentError && err.kind === 'invalid-state')) throw err;
      this.log.debug('receipt printed; payment not re-marked', { paymentId, reason: err.message });
    }
  }

  // ── Payer data and the cash ceiling (issue #12 §6, §7) ───────────────────────────────────────────────

  /**
   * The payer rules every way of setting one meets (a single notice, a whole cart): an operator acting, an
   * intact journal, a kiosk only when configured to ask, and the shared checks of common/payer.ts. Returns
   * the normalised payer (null clears it).
   */
  acceptPayer(actor: SaleActor, input: PayerInput | null): Payer | null {
    this.requireOperator(actor);
    this.requireIntactJournal();
    if (this.deps.mode === 'kiosk' && !this.deps.config().payer.kioskAsks) throw new SaleError('conflict', 'payer-not-offered', 'this kiosk does not ask for payer data');
    if (input === null) return null;
    const c = checkPayer(input);
    if (!c.ok) throw new SaleError('invalid-argument', `payer-${c.problem}`, `payer ${c.field}: ${payerProblemMessage(c.problem, 'en')}`);
    return c.payer;
  }

  /**
   * Optional payer data for a payment (issue #12 §6): a codice fiscale (check character, omocodia) or a
   * partita IVA (check digit), a full name and an optional e-mail, validated here and sent in the outcome's
   * details.payer. Never required; only before any money is taken; null clears it. A kiosk accepts it only
   * when configured (payer.kioskAsks).
   */
  setPayer(actor: SaleActor, paymentId: string, input: PayerInput | null): Payment {
    const operatorId = this.requireOperator(actor);
    const payer = this.acceptPayer(actor, input);
    const p = this.deps.engine.repo.require(paymentId);
    if (!PAYER_EDITABLE.includes(p.state)) throw new SaleError('conflict', 'payer-too-late', `payment ${p.id} is ${p.state}: the payer can only be set before the money is taken`);
    try {
      return this.deps.engine.setPayer(paymentId, payer, operatorId);
    } catch (err) {
      if (err instanceof PaymentError && err.kind === 'invalid-state') throw new SaleError('conflict', 'payer-too-late', err.message);
      throw err;
    }
  }

  /** What a cash payment would take before activation: the amount known now plus the table's fee. */
  private cashTotalEstimate(paymentId: string, typedCents: number | undefined): number {
    const p = this.deps.engine.repo.require(paymentId);
    return (p.amountCents ?? typedCents ?? 0) + feeFor(this.deps.config(), p.channel, 'cash');
  }

  /** Cash ceiling per transaction (config.limits.cashMaxCents): above it only the card remains. */
  private requireUnderCashCeiling(totalCents: number): void {
    const r = cashCeilingRefusal(this.deps.config(), totalCents);
    if (r) throw refusalError({ category: r.category, message: `${refusalMessage(r.category)} (${r.detail})` });
  }
}
