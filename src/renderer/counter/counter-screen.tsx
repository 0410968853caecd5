// The clerk's counter screen (issue #6 §3): scan-first, status always visible, shortcuts for every
// frequent action, and a visible way back (Esc / Annulla) from every state.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/terminal-time';
import type { Operator } from '../../common/ipc/session';
import type { PaymentMethod } from '../../common/ipc/common';
import type { PrintJob } from '../../common/ipc/receipt';
import type { Payment } from '../../common/ipc/payment';
import type { Shift } from '../../common/ipc/shift';
import type { NoticeLookupArg } from '../../common/ipc/notice';
import { call, toUiError } from '../bridge/bridge';
import { useStatus } from '../hooks/use-status';
import { useEvent } from '../hooks/use-event';
import { useShortcuts } from '../hooks/use-shortcuts';
import { useScanner } from '../hooks/use-scanner';
import { StatusBar } from '../components/status-bar';
import { OfflineBanner } from '../components/offline-banner';
import { NoticeCard } from '../components/notice-card';
import { PayerSection, type PayerDraft } from '../components/payer-section';
import { formatMoney, Money } from '../components/money';
import { LanguageSwitch } from '../components/language-switch';
import { errorMessage, MessageBox, refusalMessage } from '../components/messages';
import { Dialog } from '../components/dialog';
import { ExceptionsInbox } from '../components/exceptions-inbox';
import { acceptsScan, flowReducer, initialFlow } from './flow';
import { ManualEntry } from './manual-entry';
import { CashPanel } from './cash-panel';
import { CardPanel } from './card-panel';
import { ReceiptPanel } from './receipt-panel';
import { ShiftPanel } from './shift-panel';
import { VoidDialog } from './void-dialog';
import { RecentPayments } from './recent-payments';
import { cartAcceptsScan, cartActive } from './cart-flow';
import { DEFAULT_CART_MAX, useCart } from './use-cart';
import { CounterCart } from './cart-panel';
import { BOLLO_AUTO_FORM, SpontaneousForm } from '../components/spontaneous-form';
import { Brand } from '../components/brand';

type Panel = 'manual' | 'bollo' | 'exceptions' | 'shift' | 'recent' | 'void' | 'logout' | null;

export function CounterScreen({ operator, onLogout, onTechnician, verifyTimeoutSeconds = 12 }: { operator: Operator; onLogout: () => void; onTechnician: () => void; verifyTimeoutSeconds?: number }) {
  const { t, i18n } = useTranslation();
  const { status, refreshDevices } = useStatus();
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  // Several notices in one payment (issue #12 §1): the cart takes over from the second notice on.
  const cart = useCart('clerk', (message) => dispatch({ t: 'reset', message }));
  const [panel, setPanel] = useState<Panel>(null);
  const [job, setJob] = useState<PrintJob | null>(null);
  // The open shift (null: none), shown on the idle screen and checked before logging out.
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const loadShift = useCallback(async () => {
    try {
      setShift(await call('shift/current'));
    } catch {
      setShift(undefined);
    }
  }, []);
  useEffect(() => {
    if (panel === null) void loadShift();
  }, [panel, loadShift]);
  // F10 / Esci with a shift open asks first: the till stays open otherwise, and says so.
  const requestLogout = useCallback(() => {
    if (shift) setPanel('logout');
    else onLogout();
  }, [shift, onLogout]);

  // Each lookup has a number: an answer that arrives after the clerk cancelled it (or scanned another
  // notice) is dropped, so the screen never shows a quote nobody is waiting for.
  const lookupSeq = useRef(0);
  // What was scanned or typed for the quote on screen: a second notice re-verifies it into a cart.
  const lookupArg = useRef<NoticeLookupArg | null>(null);
  // What is typed in the quote's payer section (saved or not), and the part of it the cart took over.
  const payerDraft = useRef<{ quoteId: string; draft: PayerDraft } | null>(null);
  const [cartPayerDraft, setCartPayerDraft] = useState<PayerDraft | null>(null);
  const [lookupStarted, setLookupStarted] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lookup = useCallback(
    async (arg: { source: 'scan'; raw: string } | { source: 'manual'; noticeNumber: string; fiscalCode: string }) => {
      const seq = ++lookupSeq.current;
      lookupArg.current = arg;
      setLookupStarted(Date.now());
      dispatch({ t: 'scan', raw: arg.source === 'scan' ? arg.raw : arg.noticeNumber });
      try {
        const r = await call('notice/lookup', arg);
        if (seq !== lookupSeq.current) return;
        if (r.kind === 'quote') dispatch({ t: 'quote', quote: r.quote });
        else dispatch({ t: 'refused', refusal: r.refusal, message: refusalMessage(t, r.refusal, 'clerk', i18n.language) });
      } catch (e) {
        if (seq !== lookupSeq.current) return;
        dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'clerk', i18n.language) });
      }
    },
    [t, i18n.language],
  );
  const cancelLookup = useCallback(() => {
    lookupSeq.current++;
    dispatch({ t: 'reset', message: { tone: 'info', title: t('scan.lookupCancelled') } });
  }, [t]);
  useEffect(() => {
    if (flow.s !== 'lookup') return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [flow.s]);
  const remaining = flow.s === 'lookup' && lookupStarted !== null ? Math.max(0, verifyTimeoutSeconds - Math.floor((now - lookupStarted) / 1000)) : null;

  const scanEnabled = cartActive(cart.flow) ? cartAcceptsScan(cart.flow) || cart.flow.s === 'done' : acceptsScan(flow);
  // A notice scanned or typed while a quote is on screen joins it in a cart (issue #12 §1); in a cart
  // it is added; otherwise it is looked up on its own, as before.
  const route = (arg: NoticeLookupArg) => {
    if (cart.flow.s === 'building') void cart.add(arg);
    else if (flow.s === 'quote') {
      // What was typed for the payer of this quote is the cart's (the saved payer is carried by the core).
      setCartPayerDraft(payerDraft.current?.quoteId === flow.quote.quoteId ? payerDraft.current.draft : null);
      // A demanded bollo auto (no code to look up again) joins the cart as it is.
      if (lookupArg.current) cart.start(lookupArg.current, flow.quote, arg);
      else cart.adopt(flow.quote, arg);
      dispatch({ t: 'reset' });
    } else {
      if (cart.flow.s === 'done') cart.close();
      void lookup(arg);
    }
  };
  // A scan wins over manual entry (it is the same notice, read instead of typed). Any other dialog is the
  // clerk's work in progress (a shift count, a void, a reprint): a scan neither closes it nor changes the
  // quote or cart behind it; it is dropped, and the clerk is told to scan again once the dialog is closed.
  const [scanDropped, setScanDropped] = useState(false);
  useEffect(() => setScanDropped(false), [panel]);
  useScanner((raw) => {
    if (panel !== null && panel !== 'manual') {
      setScanDropped(true);
      return;
    }
    setPanel(null);
    setJob(null);
    route({ source: 'scan', raw });
  }, scanEnabled);

  // A print changes what the printer knows (paper out, back in): re-probe instead of waiting for the poll.
  useEffect(() => {
    if (job) void refreshDevices();
  }, [job, refreshDevices]);

  useEvent('payment/progress', (p) => dispatch({ t: 'progress', paymentId: p.paymentId, stage: p.stage, message: p.message }));

  // The core prints the receipt as part of the collection and returns its job; only when it did not
  // (older core) is it asked once. Never retried automatically (pos-practice.md §2 B8).
  const afterPaid = useCallback(async (p: Payment) => {
    if (p.receipt?.job) {
      setJob(p.receipt.job);
      return;
    }
    setJob(null);
    try {
      setJob(await call('receipt/print', { paymentId: p.id }));
    } catch {
      // The receipt panel shows the print button.
    }
  }, []);

  const begin = useCallback(
    async (method: PaymentMethod) => {
      if (flow.s !== 'quote') return;
      const m = flow.quote.methods.find((x) => x.method === method);
      if (!m?.available) return;
      dispatch({ t: 'begin', method });
      try {
        const payment = await call('payment/begin', { quoteId: flow.quote.quoteId, method });
        dispatch({ t: 'begun', payment });
        if (method === 'card') {
          const settled = await call('payment/collectCard', { paymentId: payment.id });
          dispatch({ t: 'settled', payment: settled, message: settled.error ? { tone: 'bad', title: t('card.failed'), detail: t('card.failedAction'), code: settled.error.kind } : undefined });
          if (settled.state === 'paid') void afterPaid(settled);
        }
      } catch (e) {
        dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'clerk', i18n.language) });
      }
    },
    [flow, t, afterPaid],
  );

  const collectCash = async (tenderedCents: number) => {
    if (flow.s !== 'cash') return;
    dispatch({ t: 'cash-busy' });
    try {
      const p = await call('payment/collectCash', { paymentId: flow.payment.id, tenderedCents });
      dispatch({ t: 'settled', payment: p });
      if (p.state === 'paid') void afterPaid(p);
    } catch (e) {
      dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'clerk', i18n.language) });
    }
  };

  const cancel = async () => {
    if (flow.s === 'cash' || flow.s === 'card') {
      if (flow.s === 'card') dispatch({ t: 'cancelling' });
      try {
        const p = await call('payment/cancel', { paymentId: flow.payment.id, reason: 'operator' });
        dispatch({ t: 'settled', payment: p, message: { tone: 'info', title: t('flow.cancelled') } });
      } catch (e) {
        dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'clerk', i18n.language) });
      }
    } else if (flow.s === 'lookup') {
      cancelLookup();
    } else if (flow.s === 'quote' || flow.s === 'done' || flow.s === 'idle' || flow.s === 'attention') {
      setJob(null);
      dispatch({ t: 'reset' });
    }
  };

  useShortcuts(
    {
      Escape: () => {
        if (!cartActive(cart.flow)) void cancel();
        else if (cart.flow.s === 'done' || cart.flow.s === 'attention') cart.close();
        else void cart.cancel('operator');
      },
      F2: () => scanEnabled && setPanel('manual'),
      // Bollo auto on its own, or into the cart being built.
      F1: () => scanEnabled && (!cartActive(cart.flow) || cartAcceptsScan(cart.flow)) && setPanel('bollo'),
      F3: () => setPanel('recent'),
      F4: () => void (cart.flow.s === 'building' ? cart.begin('cash') : begin('cash')),
      F5: () => void (cart.flow.s === 'building' ? cart.begin('card') : cart.flow.s === 'card' ? cart.collectCard() : begin('card')),
      F7: () => flow.s === 'done' && flow.payment.voidable === true && setPanel('void'),
      F8: () => setPanel('exceptions'),
      F9: () => setPanel('shift'),
      F10: requestLogout,
      F12: onTechnician,
    },
    panel === null,
  );

  const quote = flow.s === 'quote' || flow.s === 'begin' || flow.s === 'cash' || flow.s === 'card' ? flow.quote : null;
  return (
    <div className="screen counter">
      <header className="topbar">
        <Brand />
        <StatusBar status={status}>
          <span className="operator" data-testid="operator-name">
            {operator.name}
          </span>
          <LanguageSwitch />
        </StatusBar>
      </header>
      <OfflineBanner status={status} />
      <main className="counter-main" id="main">
        <div
          className={
            flow.s === 'cash' || flow.s === 'card' || flow.s === 'begin' || (cartActive(cart.flow) && cart.flow.s !== 'done' && cart.flow.s !== 'attention') ? 'flow-column split' : 'flow-column'
          }
        >
          <CounterCart cart={cart} onManual={() => setPanel('manual')} onBollo={() => setPanel('bollo')} manualEnabled={scanEnabled} payerDraft={cartPayerDraft} onPayerDraft={setCartPayerDraft} />
          {(flow.s === 'idle' || flow.s === 'lookup') && !cartActive(cart.flow) && (
            <section className="card scan-prompt" aria-labelledby="scan-title" data-testid="scan-prompt">
              <div className="scan-icon" aria-hidden="true" />
              <h1 id="scan-title">{flow.s === 'lookup' ? t('scan.looking') : t('scan.title')}</h1>
              {flow.s === 'lookup' ? (
                <div className="lookup-wait" role="status" aria-live="polite">
                  <p data-testid="lookup-countdown" data-remaining={remaining ?? ''}>
                    <span className="spinner" aria-hidden="true" /> {t('scan.lookupCountdown', { seconds: remaining ?? verifyTimeoutSeconds })}
                  </p>
                  <button type="button" className="btn big" onClick={cancelLookup} data-testid="lookup-cancel">
                    {t('common.cancel')} <span className="kbd">Esc</span>
                  </button>
                </div>
              ) : (
                <p className="muted">{t('scan.hint')}</p>
              )}
              {shift !== undefined && (
                <p className={shift ? 'shift-line ok' : 'alert warn'} data-testid="idle-shift" data-open={shift ? 'true' : 'false'}>
                  {shift ? t('shift.idleOpen', { time: formatTime(shift.openedAt, i18n.language), float: formatMoney(shift.openingFloatCents, i18n.language) }) : t('shift.idleClosed')}
                </p>
              )}
              {flow.s === 'idle' && flow.message && <MessageBox m={flow.message} />}
              <div className="row center">
                <button type="button" className="btn primary big" onClick={() => setPanel('manual')} disabled={flow.s === 'lookup'} data-testid="manual-open">
                  {t('scan.manual')} <span className="kbd">F2</span>
                </button>
                <button type="button" className="btn big" onClick={() => setPanel('bollo')} disabled={flow.s === 'lookup'} data-testid="bollo-open">
                  {t('spontaneous.action')} <span className="kbd">F1</span>
                </button>
              </div>
            </section>
          )}
          {/* Once activated, the payment's fee is the final one (issue #12 §4: pagoPA's fee) and its Stand-In flag activate's. */}
          {quote && (
            <NoticeCard
              data={
                flow.s === 'cash' || flow.s === 'card'
                  ? {
                      ...quote,
                      amountCents: flow.payment.amountCents,
                      feeCents: flow.payment.feeCents,
                      totalCents: flow.payment.totalCents,
                      feeFinal: true,
                      standin: flow.payment.standin ?? quote.standin ?? false,
                    }
                  : quote
              }
            />
          )}
          {flow.s === 'quote' && (
            <section className="card method-choice" aria-label={t('method.choose')}>
              {flow.message && <MessageBox m={flow.message} />}
              {!flow.quote.offline.eligible && !flow.quote.verifiedOnline && flow.quote.offline.reason && <div className="alert warn">{flow.quote.offline.reason}</div>}
              <div className="row methods">
                {flow.quote.methods.map((m) => (
                  <button key={m.method} type="button" className="btn primary big method" disabled={!m.available} onClick={() => void begin(m.method)} data-testid={`pay-${m.method}`}>
                    <span>{t(`method.${m.method}`)}</span>
                    <Money cents={m.totalCents} />
                    <span className="kbd">{m.method === 'cash' ? 'F4' : 'F5'}</span>
                  </button>
                ))}
                <button type="button" className="btn big" onClick={() => dispatch({ t: 'reset' })}>
                  {t('common.cancel')} <span className="kbd">Esc</span>
                </button>
                {lookupArg.current && (
                  <span className="muted small quote-cart-hint" data-testid="quote-cart-hint">
                    {t('cart.quoteHint', { max: DEFAULT_CART_MAX })}
                  </span>
                )}
              </div>
            </section>
          )}
          {flow.s === 'quote' && flow.quote.payerOffered !== false && (
            <PayerSection key={flow.quote.quoteId} paymentId={flow.quote.quoteId} onDraft={(draft) => (payerDraft.current = { quoteId: flow.quote.quoteId, draft })} />
          )}
          {flow.s === 'begin' && (
            <section className="card" role="status" aria-live="polite">
              <span className="spinner" aria-hidden="true" /> {t('flow.activating')}
            </section>
          )}
          {flow.s === 'cash' && <CashPanel payment={flow.payment} busy={flow.busy} message={flow.message} onCollect={(c) => void collectCash(c)} onCancel={() => void cancel()} />}
          {flow.s === 'card' && <CardPanel payment={flow.payment} stage={flow.stage} stageMessage={flow.stageMessage ?? null} cancelling={flow.cancelling} onCancel={() => void cancel()} />}
          {flow.s === 'attention' && (
            <section className="card" data-testid="attention-panel">
              <MessageBox m={{ tone: 'bad', title: t('attention.title'), detail: t('attention.detail') }} />
              <ExceptionsInbox paymentId={flow.payment.id} onResolved={() => dispatch({ t: 'reset', message: { tone: 'ok', title: t('attention.resolved') } })} />
              <button type="button" className="btn" onClick={() => dispatch({ t: 'reset' })}>
                {t('attention.later')} <span className="kbd">Esc</span>
              </button>
            </section>
          )}
          {flow.s === 'done' && (
            <ReceiptPanel
              payment={flow.payment}
              job={job}
              onJob={setJob}
              onVoid={() => setPanel('void')}
              onNew={() => {
                setJob(null);
                dispatch({ t: 'reset' });
              }}
            />
          )}
        </div>
      </main>
      <footer className="shortcut-bar" aria-label={t('shortcuts.label')}>
        <button type="button" className="btn" onClick={() => setPanel('manual')} disabled={!scanEnabled}>
          <span className="kbd">F2</span> {t('shortcuts.manual')}
        </button>
        <button type="button" className="btn" onClick={() => setPanel('recent')}>
          <span className="kbd">F3</span> {t('shortcuts.recent')}
        </button>
        <button type="button" className="btn" onClick={() => setPanel('exceptions')} data-testid="open-exceptions">
          <span className="kbd">F8</span> {t('shortcuts.exceptions')}
          {status && status.exceptions.open > 0 && <span className="badge bad">{status.exceptions.open}</span>}
        </button>
        <button type="button" className="btn" onClick={() => setPanel('shift')} data-testid="open-shift">
          <span className="kbd">F9</span> {t('shortcuts.shift')}
        </button>
        <div className="spacer" />
        <button type="button" className="btn" onClick={onTechnician} data-testid="open-technician">
          <span className="kbd">F12</span> {t('shortcuts.technician')}
        </button>
        <button type="button" className="btn" onClick={requestLogout} data-testid="logout">
          <span className="kbd">F10</span> {t('shortcuts.logout')}
        </button>
      </footer>
      {scanDropped && panel !== null && (
        <div className="alert warn scan-dropped" role="alert" data-testid="scan-dropped">
          {t('scan.droppedInDialog')}
        </div>
      )}
      {panel === 'manual' && (
        <ManualEntry
          onClose={() => setPanel(null)}
          onSubmit={(noticeNumber, fiscalCode) => {
            setPanel(null);
            route({ source: 'manual', noticeNumber, fiscalCode });
          }}
        />
      )}
      {panel === 'bollo' && (
        <Dialog title={t('spontaneous.title')} onClose={() => setPanel(null)} wide testId="bollo-dialog">
          <SpontaneousForm
            formId={BOLLO_AUTO_FORM}
            audience="clerk"
            onCancel={() => setPanel(null)}
            cartId={cart.currentId() ?? undefined}
            onQuote={(q, service, joinedCart) => {
              setPanel(null);
              // Demanded into the cart being built: it is one more line of it.
              if (joinedCart) {
                cart.reload(q);
                return;
              }
              setJob(null);
              if (cart.flow.s === 'done') cart.close();
              // Alone, a demanded notice is the quote on screen; a notice scanned next puts it in a cart as it
              // is (cart/adopt: it cannot be verified again from a code).
              lookupSeq.current++;
              lookupArg.current = null;
              dispatch({ t: 'scan', raw: service.summary });
              dispatch({ t: 'quote', quote: q });
            }}
          />
        </Dialog>
      )}
      {panel === 'exceptions' && (
        <Dialog title={t('shortcuts.exceptions')} onClose={() => setPanel(null)} wide testId="exceptions-dialog">
          <ExceptionsInbox />
        </Dialog>
      )}
      {panel === 'shift' && (
        <Dialog title={t('shortcuts.shift')} onClose={() => setPanel(null)} wide testId="shift-dialog">
          <ShiftPanel />
        </Dialog>
      )}
      {panel === 'logout' && shift && (
        <Dialog title={t('shift.logoutTitle')} onClose={() => setPanel(null)} testId="logout-dialog">
          <p>{t('shift.logoutExplain', { time: formatTime(shift.openedAt, i18n.language) })}</p>
          <div className="row dialog-actions">
            <button type="button" className="btn primary" onClick={() => setPanel('shift')} data-testid="logout-close-shift">
              {t('shift.logoutCloseFirst')}
            </button>
            <div className="spacer" />
            <button type="button" className="btn" onClick={onLogout} data-testid="logout-anyway">
              {t('shift.logoutAnyway')}
            </button>
          </div>
        </Dialog>
      )}
      {panel === 'recent' && (
        <Dialog title={t('shortcuts.recent')} onClose={() => setPanel(null)} wide testId="recent-dialog">
          <RecentPayments />
        </Dialog>
      )}
      {panel === 'void' && flow.s === 'done' && (
        <VoidDialog
          payment={flow.payment}
          onClose={() => setPanel(null)}
          onVoided={(p) => {
            setPanel(null);
            // The core printed the annulment slip: show its job (and, via the payment, its preview).
            if (p.receipt?.job) setJob(p.receipt.job);
            dispatch({ t: 'settled', payment: p });
          }}
        />
      )}
    </div>
  );
}
