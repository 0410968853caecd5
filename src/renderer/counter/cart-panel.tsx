// A cart of notices on the counter screen (issue #12 §1): the list (creditor, notice number, amount,
// fee; remove before the method is chosen) and the total, the method buttons with the cart's total,
// the notices refused at activation by name, cash or card for the whole cart, one receipt.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cart } from '../../common/ipc/cart';
import type { PrintJob } from '../../common/ipc/receipt';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox, type Audience } from '../components/messages';
import { Money } from '../components/money';
import { groupNoticeNumber } from '../components/notice-card';
import { ExceptionsInbox } from '../components/exceptions-inbox';
import { PayerSection, type PayerDraft } from '../components/payer-section';
import { useShortcuts } from '../hooks/use-shortcuts';
import { cartMethods, cartRows, cartTotal, type CartFlow, type CartRefused, type CartRow } from './cart-flow';
import { CashPanel } from './cash-panel';
import { CardPanel } from './card-panel';
import { PrintProblem, ReceiptImage } from './receipt-panel';
import { DEFAULT_CART_MAX, type CartApi } from './use-cart';
import type { FlowMessage } from './flow';

export function cartMax(f: CartFlow): number {
  return (f.s !== 'off' && f.cart?.maxItems) || DEFAULT_CART_MAX;
}

/** The notices of the cart and its total; `onRemove` only while the cart can still change. */
export function CartList({
  rows,
  total,
  adding = 0,
  max,
  onRemove,
  large,
  compact,
  paid,
}: {
  rows: CartRow[];
  total: number;
  adding?: number;
  max: number;
  onRemove?: (id: string) => void;
  large?: boolean;
  compact?: boolean;
  /** After the payment: 'notices paid' and 'total', not 'to pay'. */
  paid?: boolean;
}) {
  const { t } = useTranslation();
  const cls = ['card', 'cart-list', large ? 'large' : '', compact ? 'compact' : ''].filter(Boolean).join(' ');
  return (
    <section className={cls} aria-labelledby="cart-title" data-testid="cart" data-count={rows.length}>
      <div className="cart-head">
        <h2 id="cart-title">{paid ? t('cart.paidNotices') : t('cart.title')}</h2>
        <span className={`badge ${rows.length >= max ? 'warn' : 'neutral'}`} data-testid="cart-count">
          {t('cart.count', { count: rows.length, max })}
        </span>
      </div>
      <table className="data cart-table">
        <thead>
          <tr>
            <th scope="col">{t('cart.notice')}</th>
            <th scope="col" className="num">
              {t('cart.amount')}
            </th>
            <th scope="col" className="num">
              {t('cart.fee')}
            </th>
            {onRemove && (
              <th scope="col">
                <span className="sr-only">{t('cart.remove')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="cart-item" data-notice={r.noticeNumber}>
              <td>
                <div className="cart-creditor" data-testid="cart-item-creditor" data-i18n="data">
                  {r.creditorName || r.fiscalCode}
                </div>
                <div className="cart-sub">
                  <span className="code num" data-testid="cart-item-number">
                    {groupNoticeNumber(r.noticeNumber)}
                  </span>
                  {r.description && (
                    <span className="muted cart-desc" data-i18n="data">
                      {' '}
                      · {r.description}
                    </span>
                  )}
                </div>
              </td>
              <td className="num">
                <Money cents={r.amountCents} />
              </td>
              <td className="num">
                <Money cents={r.feeCents} />
              </td>
              {onRemove && (
                <td className="cart-remove-cell">
                  <button
                    type="button"
                    className="btn danger cart-remove"
                    onClick={() => onRemove(r.id)}
                    aria-label={t('cart.removeLabel', { number: groupNoticeNumber(r.noticeNumber) })}
                    data-testid="cart-remove"
                  >
                    {t('cart.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
          {Array.from({ length: adding }, (_, i) => (
            <tr key={`adding-${i}`} className="cart-pending" data-testid="cart-adding">
              <td colSpan={onRemove ? 4 : 3}>
                <span className="spinner" aria-hidden="true" /> {t('cart.verifying')}
              </td>
            </tr>
          ))}
          {rows.length === 0 && adding === 0 && (
            <tr>
              <td colSpan={onRemove ? 4 : 3} className="muted">
                {t('cart.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="amount-line total cart-total">
        <span>{paid ? t('notice.total') : t('cart.total')}</span>
        <span data-testid="cart-total">
          <Money cents={total} className="amount-total" />
        </span>
      </div>
    </section>
  );
}

/** The notices pagoPA did not activate: named, with the reason; they already left the cart. */
export function CartRefusals({ refused, audience }: { refused: CartRefused[]; audience: Audience }) {
  const { t } = useTranslation();
  if (refused.length === 0) return null;
  return (
    <section className="alert bad cart-refused" role="alert" data-testid="cart-refused">
      <strong>{t('cart.refused', { count: refused.length })}</strong>
      <ul>
        {refused.map((r) => (
          <li key={r.paymentId ?? r.noticeNumber} data-testid="cart-refused-item" data-notice={r.noticeNumber}>
            <span className="strong" data-i18n={r.creditorName ? 'data' : undefined}>
              {r.creditorName || t('cart.notice')}
            </span>{' '}
            <span className="code num">{groupNoticeNumber(r.noticeNumber)}</span>
            {r.message.detail && <div>{r.message.detail}</div>}
            {r.message.code && (
              <div className="code small msg-code" data-i18n="data">
                {r.message.code}
              </div>
            )}
          </li>
        ))}
      </ul>
      <span>{t(`cart.refusedGoOn.${audience}`)}</span>
    </section>
  );
}

/** The whole cart at the counter, from the list to the receipt. */
export function CounterCart({
  cart,
  onManual,
  onBollo,
  manualEnabled,
  payerDraft,
  onPayerDraft,
}: {
  cart: CartApi;
  onManual: () => void;
  onBollo: () => void;
  manualEnabled: boolean;
  /** What was typed for the payer: in the quote the cart grew from, then in the cart's own section. */
  payerDraft?: PayerDraft | null;
  onPayerDraft?: (d: PayerDraft) => void;
}) {
  const { t } = useTranslation();
  const f = cart.flow;
  if (f.s === 'off') return null;
  const rows = cartRows(f);
  const total = cartTotal(f);
  const max = cartMax(f);
  if (f.s === 'done') return <CartReceiptPanel cart={f.cart} onNew={() => cart.close()} />;
  if (f.s === 'attention')
    return (
      <section className="card" data-testid="attention-panel">
        <MessageBox m={{ tone: 'bad', title: t('attention.title'), detail: t('attention.detail') }} />
        {/* One card charge for every notice: each has its exception, to be resolved the same way. */}
        {f.paymentIds.map((id) => (
          <ExceptionsInbox key={id} paymentId={id} onResolved={() => f.paymentIds.length === 1 && cart.close({ tone: 'ok', title: t('attention.resolved') })} />
        ))}
        <button type="button" className="btn" onClick={() => cart.close()}>
          {t('attention.later')} <span className="kbd">Esc</span>
        </button>
      </section>
    );
  const list = (
    <CartList rows={rows} total={total} adding={f.s === 'building' ? f.adding : 0} max={max} {...(f.s === 'building' && f.cart ? { onRemove: (id: string) => void cart.remove(id) } : {})} />
  );
  return (
    <>
      <div className="cart-left">
        {list}
        {(f.s === 'building' || f.s === 'cash' || f.s === 'card') && <CartRefusals refused={f.refused} audience="clerk" />}
        {/* One payer for the whole cart (issue #12 §6), before the method is chosen as for one notice. */}
        {f.s === 'building' && f.cart && (
          <PayerSection key={f.cart.cartId} cartId={f.cart.cartId} initial={f.cart.payer ?? null} draft={payerDraft ?? null} {...(onPayerDraft ? { onDraft: onPayerDraft } : {})} />
        )}
      </div>
      <div className="cart-right">
        {f.s === 'building' && (
          <section className="card method-choice cart-methods" aria-label={t('method.choose')} data-testid="cart-methods">
            {f.message && <MessageBox m={f.message} />}
            <p className="muted" data-testid="cart-hint">
              {rows.length + f.adding >= max ? t('cart.fullHint', { max }) : t('cart.addHint', { max })}
            </p>
            <div className="cart-method-buttons">
              {cartMethods(f).map((m) => (
                <button
                  key={m.method}
                  type="button"
                  className="btn primary big method"
                  disabled={!m.available || f.adding > 0 || !f.cart || rows.length === 0}
                  onClick={() => void cart.begin(m.method)}
                  data-testid={`cart-pay-${m.method}`}
                >
                  <span>{t(`method.${m.method}`)}</span>
                  <span data-testid={`cart-pay-${m.method}-total`}>
                    <Money cents={m.totalCents} />
                  </span>
                  <span className="kbd">{m.method === 'cash' ? 'F4' : 'F5'}</span>
                </button>
              ))}
            </div>
            <div className="row">
              <button type="button" className="btn" onClick={onManual} disabled={!manualEnabled} data-testid="cart-manual">
                {t('scan.manual')} <span className="kbd">F2</span>
              </button>
              <button type="button" className="btn" onClick={onBollo} disabled={!manualEnabled} data-testid="cart-bollo">
                {t('spontaneous.action')} <span className="kbd">F1</span>
              </button>
              <div className="spacer" />
              <button type="button" className="btn danger" onClick={() => void cart.cancel('operator')} data-testid="cart-cancel">
                {t('cart.cancelAll')} <span className="kbd">Esc</span>
              </button>
            </div>
          </section>
        )}
        {f.s === 'begin' && (
          <section className="card" role="status" aria-live="polite" data-testid="cart-activating">
            <span className="spinner" aria-hidden="true" /> {t('cart.activating')}
          </section>
        )}
        {f.s === 'cash' && <CashPanel payment={f.cart} busy={f.busy} message={f.message} onCollect={(c) => void cart.collectCash(c)} onCancel={() => void cart.cancel('operator')} />}
        {f.s === 'card' && <CartCard flow={f} cart={cart} audience="clerk" />}
      </div>
    </>
  );
}

/** Card for the cart: the terminal's progress, or (after refusals or a decline) go on / cancel. */
export function CartCard({ flow, cart, audience }: { flow: Extract<CartFlow, { s: 'card' }>; cart: CartApi; audience: Audience }) {
  const { t } = useTranslation();
  if (flow.running)
    return (
      <CardPanel
        payment={flow.cart}
        stage={flow.stage}
        stageMessage={flow.stageMessage}
        cancelling={flow.cancelling}
        onCancel={() => void cart.cancel(audience === 'clerk' ? 'operator' : 'kiosk')}
        audience={audience}
      />
    );
  const big = audience === 'citizen' ? 'huge' : 'big';
  return (
    <section className="card pay-panel card-pay" aria-labelledby="cart-card-title" data-testid="cart-card-ready">
      <h2 id="cart-card-title">{t(`card.title.${audience}`)}</h2>
      <div className="due-row">
        <span>{t('cash.toPay')}</span>
        <Money cents={flow.cart.totalCents} className="amount-total" />
      </div>
      {flow.message && <MessageBox m={flow.message} />}
      <div className="row actions">
        <button type="button" className={`btn danger ${big}`} onClick={() => void cart.cancel(audience === 'clerk' ? 'operator' : 'kiosk')} data-testid="cart-cancel">
          {t('cart.cancelAll')} {audience === 'clerk' && <span className="kbd">Esc</span>}
        </button>
        <div className="spacer" />
        <button type="button" className={`btn primary ${big}`} onClick={() => void cart.collectCard()} data-testid="cart-card-go">
          {flow.message ? t('cart.retry') : t('cart.payRest')} {audience === 'clerk' && <span className="kbd">F5</span>}
        </button>
      </div>
    </section>
  );
}

/** One receipt for the whole cart: every notice, the total, the change; print again or resume. */
export function CartReceiptPanel({ cart, onNew }: { cart: Cart; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const [job, setJob] = useState<PrintJob | null>(cart.receipt?.job ?? null);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [busy, setBusy] = useState(false);
  // The cart's receipt job is filed under its first notice (SaleService.printReceiptData).
  const first = cart.items[0];
  const act = useCallback(
    async (name: 'receipt/print' | 'receipt/reprint' | 'receipt/resume') => {
      if (!first) return;
      setBusy(true);
      setMessage(null);
      try {
        setJob(name === 'receipt/resume' && job ? await call(name, { jobId: job.id }) : await call(name as 'receipt/print', { paymentId: first.id }));
      } catch (e) {
        setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
      } finally {
        setBusy(false);
      }
    },
    [job, first, t, i18n.language],
  );
  const held = !!job && (job.state === 'held' || job.state === 'failed' || (job.state === 'queued' && job.reason !== null));
  const queued = cart.items.some((p) => p.offline && p.outcome !== 'confirmed');
  useShortcuts({ F6: () => void act(held ? (job?.state === 'held' ? 'receipt/resume' : 'receipt/print') : job ? 'receipt/reprint' : 'receipt/print') });
  return (
    <section className="card done-panel cart-done" aria-labelledby="done-title" data-testid="done-panel" data-cart={cart.cartId}>
      <div className="done-grid">
        <div className="done-info">
          <div className="done-head">
            <h2 id="done-title">{queued ? t('done.titleQueued') : t('done.title')}</h2>
            <span className={`badge ${queued ? 'warn' : 'ok'}`} data-testid="payment-state">
              {queued ? t('done.queued') : t('payment.state.paid')}
            </span>
          </div>
          <p className="muted">
            {cart.method && t(`done.method.${cart.method}`)} · <Money cents={cart.totalCents} /> · {t('cart.count', { count: cart.items.length, max: cart.maxItems })}
          </p>
          {cart.method === 'cash' && cart.changeCents !== null && (
            <div className="change-row big-change" data-testid="done-change">
              <span>{t('cash.change')}</span>
              <Money cents={cart.changeCents} className="amount-change" />
            </div>
          )}
          <div className="done-actions">
            <button type="button" className="btn primary big" onClick={onNew} data-testid="new-payment">
              {t('done.next')} <span className="kbd">Esc</span>
            </button>
            {held ? (
              <button type="button" className="btn primary" disabled={busy} onClick={() => void act(job?.state === 'held' ? 'receipt/resume' : 'receipt/print')} data-testid="print-resume">
                {t('print.resume')}
              </button>
            ) : (
              <button type="button" className="btn" disabled={busy || !first} onClick={() => void act(job ? 'receipt/reprint' : 'receipt/print')} data-testid="print-button">
                {job ? t('print.reprint') : t('print.print')} <span className="kbd">F6</span>
              </button>
            )}
          </div>
          {queued && <div className="alert warn">{t('done.offline')}</div>}
          {job && (
            <div className={`alert ${held ? 'bad' : job.state === 'printed' ? 'ok' : 'info'}`} role={held ? 'alert' : 'status'} data-testid="print-job" data-state={job.state} data-problem={held}>
              <strong>{t(`print.state.${held && job.state === 'queued' ? 'held' : job.state}`)}</strong>
              {held && job.reason && <PrintProblem reason={job.reason} />}
            </div>
          )}
          {message && <MessageBox m={message} />}
          {/* Last, so the actions and the print state stay on screen at 768 px high; it scrolls on its own. */}
          <div className="cart-done-list" tabIndex={0} role="region" aria-label={t('cart.paidNotices')}>
            <table className="data cart-table compact" data-testid="done-notices">
              <tbody>
                {cart.items.map((p) => (
                  <tr key={p.id} data-testid="done-notice" data-notice={p.noticeNumber}>
                    <td>
                      <div className="cart-creditor" data-i18n="data">
                        {p.creditorName || p.fiscalCode}
                      </div>
                      <span className="code num small">{groupNoticeNumber(p.noticeNumber)}</span>
                    </td>
                    <td className="num">
                      <Money cents={p.totalCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        {/* After a reprint, the copy (COPIA) is what the preview shows. */}
        {first && <ReceiptImage paymentId={first.id} copy={job?.kind === 'reprint'} refreshKey={job?.id} initial={job && job.id === cart.receipt?.job.id ? (cart.receipt?.preview ?? null) : null} />}
      </div>
    </section>
  );
}
