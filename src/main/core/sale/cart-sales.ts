// Carts: up to 5 notices paid in one collection, at the counter and the kiosk (issue #12 §1–3). The
// rules are the sale's own (SaleService: operator, shift, offered methods, drawer after the commit) plus
// the cart's: at most MAX_CART_NOTICES live notices, each notice once, every notice activated before any
// money moves, one collection for the total committed for all notices in one transaction, one receipt.
// Each notice keeps its own token, its own outcome (one sendPaymentOutcome per token on nodeForPsp; over
// MIL the collection is one MIL transaction, README "Carts") retried on its own schedule, and can become
// its own exception.
//   add (verify, concurrently) → [remove] → begin(method: activate all, concurrently) → [drop refused]
//   → collectCash | collectCard (one charge for the total) → outcomes per token → one receipt
import type { Payer, PayerInput } from '../../../common/payer';
import { dueCents, type CardCollectManyResult } from '../payments/engine';
import { refusalMessage } from '../payments/fault-category';
import { cashCeilingRefusal } from '../payments/policy';
import { MONEY_TAKEN } from '../payments/state-machine';
import type { NoticeInput, Payment, PaymentMethod, Quote, RefusalCategory } from '../payments/types';
import { CartStore, MAX_CART_NOTICES, type Cart } from './cart-store';
import { refusalError, SaleError } from './sale-error';
import { PAYER_EDITABLE, type ReceiptOutcome, type SaleActor, type SaleService, type SaleServiceDeps } from './sale-service';

export type CartSnapshot = {
  readonly cart: Cart;
  /** The notices still in the cart (removed and refused ones are voided and left out), in scan order. */
  readonly items: readonly Payment[];
  readonly amountCents: number;
  readonly feeCents: number;
  readonly totalCents: number;
  /** The payer of the whole cart (issue #12 §6): recorded on every notice, sent in each outcome's details.payer. */
  readonly payer: Payer | null;
};

export type CartRefusal = { readonly paymentId: string | null; readonly noticeNumber: string; readonly category: RefusalCategory; readonly message: string; readonly faultCode?: string };

export type CartAddResult = { readonly cart: CartSnapshot; readonly quote: Quote };
export type CartBeginResult = { readonly cart: CartSnapshot; readonly refused: readonly CartRefusal[] };
export type CartCashOutcome = { readonly cart: CartSnapshot; readonly changeCents: number; readonly receipt: ReceiptOutcome; readonly drawer: 'opened' | 'failed' | 'none' };
export type CartCardOutcome =
  | { readonly kind: 'approved'; readonly cart: CartSnapshot; readonly receipt: ReceiptOutcome }
  | { readonly kind: 'declined' | 'aborted' | 'unknown'; readonly cart: CartSnapshot; readonly reason: string | null };

/** States in which a notice is ready to be collected with the cart's method. */
const READY = ['activated', 'captured'] as const;

export class CartSales {
  private readonly store: CartStore;
  /** Verifications under way per cart: the 5-notice limit counts them, so concurrent scans cannot overfill it. */
  private readonly adding = new Map<string, number>();
  private readonly charging = new Map<string, Promise<CardCollectManyResult>>();
  /**
   * The payer last set on a cart, so a notice still being verified (or the first one, into an empty cart)
   * gets it too. Lost on restart, when the notices already hold it.
   */
  private readonly payers = new Map<string, Payer | null>();

  constructor(
    private readonly sale: SaleService,
    private readonly deps: SaleServiceDeps,
  ) {
    this.store = new CartStore(deps.db, () => deps.clock.now());
  }

  /** The cart as it stands now. */
  get(cartId: string): CartSnapshot {
    const cart = this.store.get(cartId);
    if (!cart) throw new SaleError('not-found', 'cart-not-found', `no cart ${cartId}`);
    const items = this.deps.engine.repo.inCart(cartId).filter((p) => p.state !== 'voided');
    const amountCents = items.reduce((s, p) => s + (p.amountCents ?? 0), 0);
    const feeCents = items.reduce((s, p) => s + p.feeCents, 0);
    const payer = this.payers.has(cartId) ? this.payers.get(cartId)! : (items.find((p) => p.payer !== null)?.payer ?? null);
    return { cart, items, amountCents, feeCents, totalCents: amountCents + feeCents, payer };
  }

  /** Opens an empty cart for the acting operator (or the kiosk). */
  open(actor: SaleActor): CartSnapshot {
    const operatorId = this.sale.requireOperator(actor);
    this.sale.requireIntactJournal();
    return this.get(this.store.create(this.deps.config().terminal.id, this.deps.mode, operatorId).id);
  }

  /**
   * Verifies a notice into the cart (a new cart when `cartId` is null). A refusal leaves the cart as it
   * was; a sixth notice, or a notice already in the cart, is refused before the node is asked.
   */
  async add(actor: SaleActor, cartId: string | null, notice: NoticeInput, opts: { payerFrom?: string } = {}): Promise<CartAddResult> {
    const id = cartId ?? this.open(actor).cart.id;
    // The quote on screen this cart grows from (verified again into it): its payer becomes the cart's.
    const from = opts.payerFrom ? this.deps.engine.repo.get(opts.payerFrom) : null;
    if (from?.payer && !this.get(id).payer) this.setPayer(actor, id, from.payer);
    const r = await this.addAll(actor, id, [notice]);
    return { cart: r.cart, quote: r.quotes[0]! };
  }

  /** Verifies several notices at once (the CLI's `pay --qr … --qr …`): concurrent, so 5 cost about one round-trip. */
  async addAll(actor: SaleActor, cartId: string, notices: readonly NoticeInput[]): Promise<{ cart: CartSnapshot; quotes: Quote[] }> {
    this.sale.requireOperator(actor);
    const before = this.requireOpen(cartId);
    const seen = new Set(before.items.map((p) => `${p.fiscalCode}/${p.noticeNumber}`));
    for (const n of notices) {
      const key = `${n.fiscalCode}/${n.noticeNumber}`;
      if (seen.has(key)) throw new SaleError('conflict', 'cart-duplicate', `notice ${n.noticeNumber} is already in this cart`);
      seen.add(key);
    }
    const pending = this.adding.get(cartId) ?? 0;
    if (before.items.length + pending + notices.length > MAX_CART_NOTICES)
      throw new SaleError('conflict', 'cart-full', `a cart holds at most ${MAX_CART_NOTICES} notices: collect this cart, then start a new one`);
    this.adding.set(cartId, pending + notices.length);
    try {
      const quotes = await Promise.all(notices.map((n) => this.sale.lookup(actor, n, { cartId })));
      // A notice joining a cart that has a payer gets it (the cart's payer as it is once verified).
      const payer = this.get(cartId).payer;
      if (payer) for (const q of quotes) if (q.kind !== 'refused') this.recordPayer(actor, q.paymentId, payer);
      return { cart: this.get(cartId), quotes };
    } finally {
      const left = (this.adding.get(cartId) ?? notices.length) - notices.length;
      if (left > 0) this.adding.set(cartId, left);
      else this.adding.delete(cartId);
    }
  }

  /**
   * A notice already quoted on its own (a bollo auto demanded at the counter, say) joins a cart — a new one
   * when `cartId` is null — under the same rules as a scan: at most 5, each notice once, before any method.
   */
  adopt(actor: SaleActor, cartId: string | null, paymentId: string): CartSnapshot {
    const operatorId = this.sale.requireOperator(actor);
    const p = this.deps.engine.repo.require(paymentId);
    if (p.state !== 'verified' && p.state !== 'captured') throw new SaleError('conflict', 'cart-not-ready', `notice ${p.noticeNumber} is ${p.state}: only a quote can join a cart`);
    const id = cartId ?? this.open(actor).cart.id;
    const snap = this.requireOpen(id);
    if (snap.items.some((x) => x.fiscalCode === p.fiscalCode && x.noticeNumber === p.noticeNumber))
      throw new SaleError('conflict', 'cart-duplicate', `notice ${p.noticeNumber} is already in this cart`);
    if (snap.items.length + (this.adding.get(id) ?? 0) >= MAX_CART_NOTICES)
      throw new SaleError('conflict', 'cart-full', `a cart holds at most ${MAX_CART_NOTICES} notices: collect this cart, then start a new one`);
    this.deps.engine.joinCart(paymentId, id, operatorId);
    // One payer for the cart: the cart's goes on the quote; a quote's own payer becomes a payer-less cart's.
    if (snap.payer) this.recordPayer(actor, paymentId, snap.payer);
    else if (p.payer) this.setPayer(actor, id, p.payer);
    return this.get(id);
  }

  /**
   * The optional payer of the whole cart (issue #12 §6), validated like a single notice's and recorded on
   * every notice (SaleService.setPayer, the same path as payment/setPayer); null clears it. Only while the
   * cart is open and no money is taken; notices added later get it too.
   */
  setPayer(actor: SaleActor, cartId: string, input: PayerInput | null): CartSnapshot {
    const payer = this.sale.acceptPayer(actor, input);
    const snap = this.get(cartId);
    if (snap.cart.status !== 'open' || snap.items.some((p) => MONEY_TAKEN.includes(p.state)) || this.charging.has(cartId))
      throw new SaleError('conflict', 'payer-too-late', `cart ${cartId} is ${snap.cart.status}: the payer can only be set before the money is taken`);
    // All or none: a notice past the editable states refuses the whole cart before any is written.
    const late = snap.items.find((p) => !PAYER_EDITABLE.includes(p.state));
    if (late) throw new SaleError('conflict', 'payer-too-late', `notice ${late.noticeNumber} is ${late.state}: the payer can only be set before the money is taken`);
    for (const p of snap.items) this.recordPayer(actor, p.id, payer);
    this.payers.set(cartId, payer);
    return this.get(cartId);
  }

  private recordPayer(actor: SaleActor, paymentId: string, payer: Payer | null): void {
    this.sale.setPayer(actor, paymentId, payer === null ? null : { id: payer.id, fullName: payer.fullName, ...(payer.email ? { email: payer.email } : {}) });
  }

  /** Takes a notice out of the cart before any money moves (outcome KO if it was already activated). */
  async remove(actor: SaleActor, cartId: string, paymentId: string): Promise<CartSnapshot> {
    this.requireOpen(cartId);
    const p = this.deps.engine.repo.require(paymentId);
    if (p.cartId !== cartId) throw new SaleError('not-found', 'not-in-cart', `payment ${paymentId} is not in cart ${cartId}`);
    if (p.state !== 'voided') await this.sale.cancel(actor, paymentId, 'removed from the cart');
    return this.get(cartId);
  }

  /**
   * Chooses the method and activates every notice not yet activated, concurrently. Refusals are returned
   * (those notices are released and leave the cart); the clerk goes on with the rest or cancels.
   */
  async begin(actor: SaleActor, cartId: string, method: PaymentMethod): Promise<CartBeginResult> {
    const operatorId = this.sale.requireOperator(actor);
    this.sale.requireShift();
    this.sale.requireMethod(method);
    if (!this.sale.methodServable(method)) throw new SaleError('device', 'terminal-unavailable', 'the card terminal is not available');
    const snap = this.requireOpen(cartId);
    if (snap.items.length === 0) throw new SaleError('conflict', 'cart-empty', 'the cart has no notice');
    if (method === 'cash') this.requireUnderCashCeiling(snap);
    const other = snap.items.find((p) => p.method !== null && p.method !== method);
    if (other) throw new SaleError('conflict', 'cart-method-chosen', `the cart is already being paid by ${other.method}: cancel it to change the method`);
    this.store.setMethod(cartId, method, operatorId);
    const todo = snap.items.filter((p) => p.state === 'verified' || (p.state === 'captured' && p.method === null));
    const results = await Promise.all(
      todo.map(async (p): Promise<CartRefusal | null> => {
        try {
          await this.sale.begin(actor, p.id, method);
          return null;
        } catch (err) {
          if (!(err instanceof SaleError)) throw err;
          // An offline notice refused by policy stays quoted: release it so the cart holds only payable notices.
          const now = this.deps.engine.repo.require(p.id);
          if (now.state === 'captured' || now.state === 'verified') await this.sale.cancel(actor, p.id, `refused: ${err.code}`).catch(() => undefined);
          return { paymentId: p.id, noticeNumber: p.noticeNumber, category: err.code as RefusalCategory, message: err.message };
        }
      }),
    );
    return { cart: this.get(cartId), refused: results.filter((r): r is CartRefusal => r !== null) };
  }

  /**
   * One cash collection for the cart's total: every notice and the cart's tendered/change are committed in
   * ONE transaction before the drawer opens; then the outcomes go out (per token) and one receipt prints.
   */
  async collectCash(actor: SaleActor, cartId: string, tenderedCents: number): Promise<CartCashOutcome> {
    const operatorId = this.sale.requireOperator(actor);
    this.sale.requireShift();
    this.sale.requireMethod('cash');
    const ids = this.readyIds(cartId, 'cash');
    // The cart's tendered cash and change commit in the same transaction as its notices' collection.
    const { changeCents, totalCents } = this.deps.engine.collectCashTogether(ids, tenderedCents, (change) => this.store.markCollected(cartId, operatorId, { tenderedCents, changeCents: change }));
    this.deps.logger.info('cart collected', { cartId, notices: ids.length, totalCents, method: 'cash' });
    const drawer = await this.sale.kickDrawer(operatorId, ids[0]!);
    const receipt = await this.finish(cartId, ids);
    return { cart: this.get(cartId), changeCents, receipt, drawer };
  }

  /** One card charge for the cart's total; the terminal's reference is the cart id. */
  async collectCard(actor: SaleActor, cartId: string, onProgress?: (stage: string, message: string | null) => void): Promise<CartCardOutcome> {
    const operatorId = this.sale.requireOperator(actor);
    this.sale.requireShift();
    this.sale.requireMethod('card');
    const ids = this.readyIds(cartId, 'card');
    const terminal = this.deps.devices.terminal();
    if (!terminal) throw new SaleError('device', 'terminal-unavailable', 'the card terminal is not available');
    onProgress?.('connecting', null);
    const run = this.deps.engine.collectCardTogether(ids, terminal, cartId, (p) => onProgress?.('terminal', p.message));
    this.charging.set(cartId, run);
    let r: CardCollectManyResult;
    try {
      r = await run;
    } finally {
      this.charging.delete(cartId);
    }
    onProgress?.(r.kind, r.kind === 'approved' ? null : (r.reason ?? null));
    if (r.kind !== 'approved') return { kind: r.kind, cart: this.get(cartId), reason: r.reason ?? null };
    this.store.markCollected(cartId, operatorId, null);
    onProgress?.('printing', null);
    const receipt = await this.finish(cartId, ids);
    return { kind: 'approved', cart: this.get(cartId), receipt };
  }

  /** Cancels the whole cart before money moves: outcome KO for every activated notice, quotes dropped. */
  async cancel(actor: SaleActor, cartId: string, reason?: string): Promise<CartSnapshot> {
    const operatorId = this.deps.mode === 'kiosk' ? null : this.sale.requireOperator(actor);
    const snap = this.get(cartId);
    if (snap.cart.status === 'collected' || snap.items.some((p) => MONEY_TAKEN.includes(p.state)))
      throw new SaleError('conflict', 'already-collected', 'the money was already taken: this cart cannot be cancelled');
    const running = this.charging.get(cartId);
    if (running) {
      await this.deps.devices
        .terminal()
        ?.abort()
        .catch(() => false);
      const r = await running;
      if (r.kind === 'approved' || r.kind === 'unknown') throw new SaleError('conflict', 'already-collected', 'the card was charged before the cancel: this cart cannot be cancelled');
    }
    const why = reason ?? (this.deps.mode === 'kiosk' ? 'kiosk idle timeout' : 'cancelled by the operator');
    for (const p of this.get(cartId).items) await this.sale.cancel(actor, p.id, why);
    this.store.markCancelled(cartId, operatorId, why);
    this.payers.delete(cartId);
    return this.get(cartId);
  }

  /**
   * The payment a receipt job is filed under: a cart's one receipt belongs to its first collected notice,
   * so a reprint or preview asked for any notice of the cart is the cart's receipt.
   */
  receiptOwner(paymentId: string): string {
    const p = this.deps.engine.repo.require(paymentId);
    if (!p.cartId || p.collectedAt === null) return p.id;
    return this.deps.engine.repo.inCart(p.cartId).find((x) => x.collectedAt !== null)?.id ?? p.id;
  }

  /** Prints the cart's receipt for its collected notices (again: marked as a copy once all were printed). */
  async printReceipt(cartId: string): Promise<ReceiptOutcome> {
    const snap = this.get(cartId);
    return this.printFor(
      snap.cart,
      snap.items.filter((p) => p.collectedAt !== null).map((p) => p.id),
    );
  }

  private requireOpen(cartId: string): CartSnapshot {
    const snap = this.get(cartId);
    if (snap.cart.status !== 'open') throw new SaleError('conflict', `cart-${snap.cart.status}`, `cart ${cartId} is ${snap.cart.status}`);
    return snap;
  }

  /** Every notice left in the cart must be activated (or accepted offline) with this method. */
  private readyIds(cartId: string, method: PaymentMethod): string[] {
    const snap = this.requireOpen(cartId);
    if (snap.items.length === 0) throw new SaleError('conflict', 'cart-empty', 'the cart has no notice');
    const notReady = snap.items.find((p) => p.method !== method || !(READY as readonly string[]).includes(p.state));
    if (notReady)
      throw new SaleError('conflict', 'cart-not-ready', `notice ${notReady.noticeNumber} is ${notReady.state}${notReady.method ? ` (${notReady.method})` : ''}: choose the method for the cart first`);
    if (method === 'cash') this.requireUnderCashCeiling(snap);
    return snap.items.map((p) => p.id);
  }

  /** The cash ceiling counts the cart's total (issue #12 §7): checked when cash is chosen and when it is taken. */
  private requireUnderCashCeiling(snap: CartSnapshot): void {
    const r = cashCeilingRefusal(this.deps.config(), snap.totalCents);
    if (r) throw refusalError({ category: r.category, message: `${refusalMessage(r.category)} (${r.detail})` });
  }

  /** Outcomes in real time (each token on its own), then one receipt for the whole cart. */
  private async finish(cartId: string, ids: readonly string[]): Promise<ReceiptOutcome> {
    this.payers.delete(cartId); // the notices hold it from here on
    await Promise.all(ids.map((id) => this.deps.engine.settle(id)));
    const receipt = await this.printFor(this.store.get(cartId)!, ids);
    if (receipt.result.outcome !== 'printed') this.deps.devices.refresh();
    return receipt;
  }

  private printFor(cart: Cart, ids: readonly string[]): Promise<ReceiptOutcome> {
    return this.sale.printReceiptData(this.deps.engine.cartReceiptDataFor(ids, cart), ids);
  }
}

export { dueCents, MAX_CART_NOTICES };
