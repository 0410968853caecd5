// Several notices at the kiosk (issue #12 §1): the citizen adds another notice, sees the list and the
// total, removes one, and pays everything with one card. Big touch targets; the kiosk's idle timeout
// cancels the whole cart (kiosk-screen.tsx), so it is never left half-paid.
import { useTranslation } from 'react-i18next';
import { MessageBox } from '../components/messages';
import { Money } from '../components/money';
import { CartCard, CartList, CartRefusals, cartMax } from '../counter/cart-panel';
import { cartMethods, cartRows, cartTotal } from '../counter/cart-flow';
import type { CartApi } from '../counter/use-cart';
import { CameraScanner } from './camera-scanner';
import { ReceiptProblem, receiptFailed } from './receipt-problem';

export function KioskCart({
  cart,
  addingMore,
  camera,
  onAddMore,
  onBack,
  onCamera,
  onManual,
  onScan,
  onPay,
  onHome,
}: {
  cart: CartApi;
  addingMore: boolean;
  camera: boolean;
  onAddMore: () => void;
  onBack: () => void;
  onCamera: (on: boolean) => void;
  onManual: () => void;
  onScan: (raw: string) => void;
  onPay: () => void;
  onHome: () => void;
}) {
  const { t } = useTranslation();
  const f = cart.flow;
  if (f.s === 'off') return null;
  const rows = cartRows(f);
  const total = cartTotal(f);
  const max = cartMax(f);

  if (f.s === 'done') {
    const job = f.cart.receipt?.job ?? null;
    return (
      <section className="kiosk-panel done" data-testid="kiosk-done" data-cart={f.cart.cartId}>
        <div className="ok-icon" aria-hidden="true">
          ✓
        </div>
        <h1>{t('kiosk.done.title')}</h1>
        <CartList rows={rows} total={f.cart.totalCents} max={f.cart.maxItems} large compact paid />
        <div className="lead" data-testid="kiosk-receipt-state" data-state={job?.state ?? 'none'}>
          {/* Any notice of the cart finds the cart's one receipt (receipt/reprint looks up its owner). */}
          {job && receiptFailed(job) && f.cart.items[0] ? <ReceiptProblem job={job} reference={f.cart.items[0].id} /> : t('kiosk.done.takeReceipt')}
        </div>
        <button type="button" className="btn primary huge" onClick={onHome} data-testid="kiosk-finish">
          {t('kiosk.done.finish')}
        </button>
      </section>
    );
  }
  if (f.s === 'attention')
    return (
      <section className="kiosk-panel" role="alert" data-testid="kiosk-attention">
        <h1>{t('kiosk.attention.title')}</h1>
        <p className="lead">{t('kiosk.attention.body')}</p>
        <p className="code" data-i18n="data">
          {f.paymentIds.join(' · ')}
        </p>
        <button type="button" className="btn huge" onClick={onHome}>
          {t('kiosk.done.finish')}
        </button>
      </section>
    );
  if (f.s === 'begin')
    return (
      <section className="kiosk-panel" role="status" data-testid="kiosk-cart-preparing">
        <span className="spinner big" aria-hidden="true" />
        <h1>{t('kiosk.preparing')}</h1>
      </section>
    );
  if (f.s === 'card')
    return (
      <section className="kiosk-panel" data-testid="kiosk-cart-card">
        <CartRefusals refused={f.refused} audience="citizen" />
        <CartList rows={rows} total={total} max={max} large compact />
        <CartCard flow={f} cart={cart} audience="citizen" />
      </section>
    );
  if (f.s === 'cash') return null; // the kiosk collects by card only (kiosk-screen.tsx shows no cash)

  const full = rows.length + f.adding >= max;
  if (addingMore && !full)
    return (
      <section className="kiosk-panel attract" data-testid="kiosk-add">
        <h1 className="attract-title">{t('cart.addTitle')}</h1>
        <p className="lead">{t('cart.addBody', { max })}</p>
        <p className="lead" data-testid="kiosk-add-summary">
          {t('cart.count', { count: rows.length, max })} · <Money cents={total} />
        </p>
        {camera ? (
          <CameraScanner onCode={onScan} onClose={() => onCamera(false)} />
        ) : (
          <div className="attract-art" aria-hidden="true">
            <div className="qr-art" />
            <div className="beam" />
          </div>
        )}
        <div className="row center kiosk-actions kiosk-cart-actions">
          {!camera && (
            <button type="button" className="btn primary huge" onClick={() => onCamera(true)} data-testid="use-camera">
              {t('kiosk.attract.camera')}
            </button>
          )}
          <button type="button" className="btn huge" onClick={onManual} data-testid="kiosk-manual">
            {t('kiosk.attract.manual')}
          </button>
          <button type="button" className="btn huge" onClick={onBack} data-testid="kiosk-add-back">
            {t('cart.back')}
          </button>
        </div>
      </section>
    );

  const card = cartMethods(f).find((m) => m.method === 'card');
  return (
    <section className="kiosk-panel" data-testid="kiosk-cart">
      <CartList rows={rows} total={total} adding={f.adding} max={max} large {...(f.cart ? { onRemove: (id: string) => void cart.remove(id) } : {})} />
      {f.message && <MessageBox m={f.message} testId="kiosk-message" />}
      <CartRefusals refused={f.refused} audience="citizen" />
      {full && rows.length >= max && <p className="lead muted">{t('cart.maxReached', { max })}</p>}
      <div className="kiosk-cart-actions">
        {card ? (
          <button type="button" className="btn primary huge" disabled={!card.available || f.adding > 0 || !f.cart || rows.length === 0} onClick={onPay} data-testid="kiosk-pay-card">
            {t('kiosk.pay.card')} · <Money cents={card.totalCents} />
          </button>
        ) : (
          rows.length > 0 && <MessageBox m={{ tone: 'bad', title: t('kiosk.noMethod') }} />
        )}
        <button type="button" className="btn huge" disabled={full} onClick={onAddMore} data-testid="kiosk-add-another">
          {t('cart.add')}
        </button>
        <button type="button" className="btn huge" onClick={() => void cart.cancel('kiosk')} data-testid="kiosk-cancel">
          {t('cart.cancelAll')}
        </button>
      </div>
    </section>
  );
}
