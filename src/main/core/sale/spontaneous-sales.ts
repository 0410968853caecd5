// Spontaneous payments at the counter and the kiosk (issue #13): a catalogue service (bollo auto, …) asked
// for with demandPaymentNotice, then the notice it answers flows into the normal sale — the same lookup
// (verify), begin (activate), collection and receipt as a scanned notice, alone or in a cart — with the
// service and the citizen's data (the plate) kept for the receipt. Never offline: the engine refuses an
// offline quote or activation for a demanded notice (DEMAND_SOURCE), and this says why.
import { paymentRefusalMessage } from '../../../common/payment-refusals';
import { DEMAND_SOURCE, type PaymentEngine } from '../payments/engine';
import type { Quote, RefusalCategory } from '../payments/types';
import type { SpontaneousRecord } from '../spontaneous/catalogue-store';
import type { FieldError, FormValues, Text } from '../spontaneous/forms';
import { spontaneousMessage, type SpontaneousRefusalCode, type SpontaneousService } from '../spontaneous/spontaneous-service';
import { SaleError } from './sale-error';
import type { SaleActor, SaleService } from './sale-service';

export type DemandQuote =
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly kind: 'refused'; readonly code: SpontaneousRefusalCode | 'notice-refused'; readonly message: Text; readonly category?: RefusalCategory; readonly faultCode?: string }
  | { readonly kind: 'quote'; readonly quote: Extract<Quote, { kind: 'online' }>; readonly service: SpontaneousRecord; readonly cartId: string | null };

export class SpontaneousSales {
  constructor(
    private readonly sale: SaleService,
    private readonly spontaneous: SpontaneousService,
    private readonly engine: PaymentEngine,
  ) {}

  /** The service catalogue and the forms behind it (the screens build their forms from this). */
  get service(): SpontaneousService {
    return this.spontaneous;
  }

  /**
   * Demands the notice for `idSoggettoServizio` with the form's values and quotes it like a scanned notice.
   * Field mistakes come back as `invalid` (one message per mistake), node and creditor refusals as `refused`.
   */
  async demand(actor: SaleActor, idSoggettoServizio: string, values: FormValues, opts: { cart?: { cartId: string | null } } = {}): Promise<DemandQuote> {
    this.sale.requireOperator(actor);
    const d = await this.spontaneous.demand(idSoggettoServizio, values);
    if (d.kind !== 'notice') return d;
    const notice = { noticeNumber: d.notice.noticeNumber, fiscalCode: d.notice.fiscalCode, amountCents: d.notice.amountCents, format: DEMAND_SOURCE };
    // Alone, or into a cart (a new one when cartId is null) under the cart's own rules (at most 5, each once).
    const quote = opts.cart ? (await this.sale.carts.add(actor, opts.cart.cartId, notice)).quote : await this.sale.lookup(actor, notice);
    if (quote.kind === 'refused') {
      if (quote.category === 'offline-disabled') return { kind: 'refused', code: 'node-unreachable', message: spontaneousMessage('node-unreachable'), category: quote.category };
      return {
        kind: 'refused',
        code: 'notice-refused',
        category: quote.category,
        message: { it: paymentRefusalMessage(quote.category, 'it', 'clerk'), en: paymentRefusalMessage(quote.category, 'en', 'clerk') },
        ...(quote.faultCode ? { faultCode: quote.faultCode } : {}),
      };
    }
    if (quote.kind !== 'online') throw new SaleError('conflict', 'node-unreachable', 'a demanded notice cannot be taken offline');
    const record = this.spontaneous.recordFor(quote.paymentId, d);
    this.spontaneous.record(record);
    return { kind: 'quote', quote, service: record, cartId: this.engine.repo.require(quote.paymentId).cartId };
  }
}
