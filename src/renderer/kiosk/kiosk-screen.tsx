// The citizen's kiosk (issue #6 §4): attract screen, scan with scanner or camera, big touch targets,
// Italian/English on every screen, card only by default, out of service when a payment could not be
// receipted, and an idle timeout that warns first and cancels an unfinished payment (KO outcome).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../common/ipc/system';
import type { PaymentMethod } from '../../common/ipc/common';
import type { PrintJob } from '../../common/ipc/receipt';
import type { NoticeLookupArg } from '../../common/ipc/notice';
import { call, toUiError } from '../bridge/bridge';
import { useStatus } from '../hooks/use-status';
import { useEvent } from '../hooks/use-event';
import { useScanner } from '../hooks/use-scanner';
import { useIdleTimeout } from '../hooks/use-idle-timeout';
import { LanguageSwitch } from '../components/language-switch';
import { NoticeCard } from '../components/notice-card';
import { PayerSection } from '../components/payer-section';
import { Money } from '../components/money';
import { errorMessage, MessageBox, refusalMessage } from '../components/messages';
import { acceptsScan, flowReducer, initialFlow } from '../counter/flow';
import { CardPanel } from '../counter/card-panel';
import { ManualEntry } from '../counter/manual-entry';
import { outOfService } from './out-of-service';
import { CameraScanner } from './camera-scanner';
import { IdleWarning } from './idle-warning';
import { ReceiptProblem, receiptFailed } from './receipt-problem';
import { thankYouReturnMs } from './receipt-state';
import { useTechGesture } from './tech-gesture';
import { cartActive, cartInPayment } from '../counter/cart-flow';
import { useCart } from '../counter/use-cart';
import { KioskCart } from './kiosk-cart';
import { BOLLO_AUTO_FORM, SpontaneousForm } from '../components/spontaneous-form';

export function KioskScreen({ info, onTechnician }: { info: AppInfo; onTechnician: () => void }) {
  const { t, i18n } = useTranslation();
  const { status, refreshDevices } = useStatus();
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [camera, setCamera] = useState(false);
  const [manual, setManual] = useState(false);
  // Bollo auto (issue #13): the plate typed on the on-screen keyboard, then the normal card payment.
  const [bollo, setBollo] = useState(false);
  const [job, setJob] = useState<PrintJob | null>(null);
  // Several notices paid with one card (issue #12 §1): "add another notice" turns the quote into a cart.
  const cart = useCart('citizen', (message) => dispatch({ t: 'reset', message }));
  const [addingMore, setAddingMore] = useState(false);
  const lookupArg = useRef<NoticeLookupArg | null>(null);
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const gesture = useTechGesture(onTechnician);

  const reasons = outOfService(status);
  const inPayment = flow.s === 'begin' || flow.s === 'card' || flow.s === 'cash' || cartInPayment(cart.flow);
  // Never interrupt a payment under way: out of service applies from the next customer on.
  const oos = reasons.length > 0 && !inPayment && flow.s !== 'done' && flow.s !== 'attention' && cart.flow.s !== 'done' && cart.flow.s !== 'attention';

  const closeCart = cart.close;
  const home = useCallback(() => {
    setCamera(false);
    setManual(false);
    setBollo(false);
    setJob(null);
    setAddingMore(false);
    closeCart();
    dispatch({ t: 'reset' });
    void i18n.changeLanguage(info.language);
  }, [i18n, info.language, closeCart]);

  const lookup = useCallback(
    async (arg: { source: 'scan'; raw: string } | { source: 'manual'; noticeNumber: string; fiscalCode: string }) => {
      setCamera(false);
      setManual(false);
      lookupArg.current = arg;
      dispatch({ t: 'scan', raw: arg.source === 'scan' ? arg.raw : arg.noticeNumber });
      try {
        const r = await call('notice/lookup', arg);
        if (r.kind === 'quote') dispatch({ t: 'quote', quote: r.quote });
        else dispatch({ t: 'refused', refusal: r.refusal, message: refusalMessage(t, r.refusal, 'citizen', i18n.language) });
      } catch (e) {
        dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'citizen', i18n.language) });
      }
    },
    [t, i18n.language],
  );

  // In a cart a notice is added to it; a notice scanned over a quote joins it in a cart; else it is looked up.
  const route = (arg: NoticeLookupArg) => {
    setCamera(false);
    setManual(false);
    setAddingMore(false);
    if (cart.flow.s === 'building') void cart.add(arg);
    else if (flow.s === 'quote' && lookupArg.current) {
      cart.start(lookupArg.current, flow.quote, arg);
      dispatch({ t: 'reset' });
    } else void lookup(arg);
  };
  const addAnother = () => {
    if (cart.flow.s === 'off' && flow.s === 'quote' && lookupArg.current) {
      cart.start(lookupArg.current, flow.quote);
      dispatch({ t: 'reset' });
    }
    setAddingMore(true);
  };
  useScanner((raw) => route({ source: 'scan', raw }), (cartActive(cart.flow) ? cart.flow.s === 'building' : acceptsScan(flow)) && !oos);
  useEvent('payment/progress', (p) => dispatch({ t: 'progress', paymentId: p.paymentId, stage: p.stage, message: p.message }));

  const pay = async (method: PaymentMethod) => {
    if (flow.s !== 'quote') return;
    dispatch({ t: 'begin', method });
    // Last self-check before money moves: a receipt must be printable (issue #6 §4).
    const devices = await refreshDevices();
    if (devices && (devices.printer.state === 'error' || devices.terminal.state === 'error')) {
      dispatch({ t: 'reset' });
      return;
    }
    try {
      const payment = await call('payment/begin', { quoteId: flow.quote.quoteId, method });
      dispatch({ t: 'begun', payment });
      const settled = await call('payment/collectCard', { paymentId: payment.id });
      dispatch({ t: 'settled', payment: settled, message: settled.state === 'failed' ? { tone: 'bad', title: t('card.failedCitizen'), detail: t('card.failedCitizenAction') } : undefined });
      if (settled.state === 'paid') {
        // The core prints as part of the collection; ask only if it did not (never retried).
        if (settled.receipt?.job) setJob(settled.receipt.job);
        else {
          try {
            setJob(await call('receipt/print', { paymentId: settled.id }));
          } catch {
            setJob(null);
          }
        }
      }
    } catch (e) {
      dispatch({ t: 'fail', message: errorMessage(t, toUiError(e), 'citizen', i18n.language) });
    }
  };

  const cancelCart = cart.cancel;
  const cartOn = cartActive(cart.flow);
  const cancelPayment = useCallback(async () => {
    // A cart is cancelled as a whole (KO for every activated notice), never left open.
    if (cartOn) return cancelCart('kiosk idle timeout');
    const f = flowRef.current;
    if (f.s === 'card' || f.s === 'cash') {
      if (f.s === 'card') dispatch({ t: 'cancelling' });
      try {
        // The core cancels on the terminal and sends the KO outcome if the notice was activated.
        const p = await call('payment/cancel', { paymentId: f.payment.id, reason: 'kiosk' });
        dispatch({ t: 'settled', payment: p });
        return p.state !== 'paid';
      } catch {
        return false;
      }
    }
    return true;
  }, [cartOn, cancelCart]);

  const idleEnabled = flow.s !== 'idle' || flow.message !== null || camera || manual || bollo || cartOn;
  const idle = useIdleTimeout({
    enabled: idleEnabled && flow.s !== 'begin' && cart.flow.s !== 'begin',
    idleMs: info.kioskIdleSeconds * 1000,
    warningMs: info.kioskIdleWarningSeconds * 1000,
    onExpire: () => {
      const wasCart = cart.flow.s;
      void cancelPayment().then((cancelled) => {
        const f = flowRef.current;
        if ((cancelled || wasCart === 'done') && f.s !== 'attention' && wasCart !== 'attention') home();
      });
    },
  });

  // Self-check while waiting for the next citizen: the printer's paper and the terminal are probed
  // every few seconds, so the out-of-service screen shows before anyone tries to pay.
  useEffect(() => {
    // (A cart on screen leaves the flow idle: never probe the terminal while it may be charging.)
    if (flow.s !== 'idle' || cartOn) return;
    void refreshDevices();
    const id = window.setInterval(() => void refreshDevices(), 4000);
    return () => window.clearInterval(id);
  }, [flow.s, cartOn, refreshDevices]);

  // After a receipt the kiosk thanks the citizen and goes back to the start by itself, unless the receipt did
  // not print (receipt-state.ts: the citizen needs time for the reference and its QR).
  const returnMs = thankYouReturnMs([flow.s === 'done' ? job : null, cart.flow.s === 'done' ? (cart.flow.cart.receipt?.job ?? null) : null]);
  useEffect(() => {
    if ((flow.s !== 'done' && cart.flow.s !== 'done') || returnMs === null) return;
    const id = window.setTimeout(home, returnMs);
    return () => window.clearTimeout(id);
  }, [flow.s, cart.flow.s, home, returnMs]);

  // One card for the whole cart, after the same self-check as for one notice.
  const payCart = async () => {
    const devices = await refreshDevices();
    if (devices && (devices.printer.state === 'error' || devices.terminal.state === 'error')) {
      await cart.cancel('kiosk out of service');
      return;
    }
    await cart.begin('card');
  };

  const methods = flow.s === 'quote' ? flow.quote.methods.filter((m) => m.available) : [];

  return (
    <div className="screen kiosk" data-testid="kiosk" data-flow={flow.s}>
      <header className="kiosk-top">
        <button type="button" className="kiosk-brand" {...gesture}>
          <span className="brand-mark" aria-hidden="true">
            pA
          </span>
          <span>{t('kiosk.title')}</span>
        </button>
        <div className="spacer" />
        <LanguageSwitch large />
      </header>
      <main className="kiosk-main" id="main">
        {status === null ? (
          <section className="kiosk-panel" aria-busy="true">
            <span className="spinner big" aria-hidden="true" />
            <h1>{t('kiosk.starting')}</h1>
          </section>
        ) : oos ? (
          <section className="kiosk-panel oos" role="alert" data-testid="out-of-service">
            <div className="oos-icon" aria-hidden="true">
              !
            </div>
            <h1>{t('kiosk.oos.title')}</h1>
            <p className="lead">{t('kiosk.oos.body')}</p>
            <p className="small muted" data-testid="oos-reasons">
              {reasons.map((r) => t(`kiosk.oos.reason.${r}`)).join(' · ')}
            </p>
          </section>
        ) : cartOn ? (
          <KioskCart
            cart={cart}
            addingMore={addingMore}
            camera={camera}
            onAddMore={addAnother}
            onBack={() => {
              setAddingMore(false);
              setCamera(false);
            }}
            onCamera={setCamera}
            onManual={() => setManual(true)}
            onScan={(raw) => route({ source: 'scan', raw })}
            onPay={() => void payCart()}
            onHome={home}
          />
        ) : flow.s === 'idle' || flow.s === 'lookup' ? (
          <section className="kiosk-panel attract" data-testid="attract">
            <h1 className="attract-title">{flow.s === 'lookup' ? t('kiosk.looking') : t('kiosk.attract.title')}</h1>
            {flow.s === 'idle' && (
              <>
                {!bollo && (
                  <>
                    <p className="lead">{t('kiosk.attract.body')}</p>
                    <div className="attract-art" aria-hidden="true">
                      <div className="qr-art" />
                      <div className="beam" />
                    </div>
                  </>
                )}
                {flow.message && <MessageBox m={flow.message} testId="kiosk-message" />}
                {bollo ? (
                  <div className="kiosk-bollo" data-testid="kiosk-bollo">
                    <h2>{t('spontaneous.kioskButton')}</h2>
                    <p className="lead">{t('spontaneous.kioskHint')}</p>
                    <SpontaneousForm
                      formId={BOLLO_AUTO_FORM}
                      audience="citizen"
                      onCancel={() => setBollo(false)}
                      onQuote={(q, service) => {
                        setBollo(false);
                        // Paid on its own: a demanded notice is never re-verified into a cart.
                        lookupArg.current = null;
                        dispatch({ t: 'scan', raw: service.summary });
                        dispatch({ t: 'quote', quote: q });
                      }}
                    />
                  </div>
                ) : camera ? (
                  <CameraScanner onCode={(raw) => void lookup({ source: 'scan', raw })} onClose={() => setCamera(false)} />
                ) : (
                  <div className="row center kiosk-actions">
                    <button type="button" className="btn primary huge" onClick={() => setCamera(true)} data-testid="use-camera">
                      {t('kiosk.attract.camera')}
                    </button>
                    <button type="button" className="btn huge" onClick={() => setManual(true)} data-testid="kiosk-manual">
                      {t('kiosk.attract.manual')}
                    </button>
                    <button type="button" className="btn huge" onClick={() => setBollo(true)} data-testid="kiosk-bollo-open">
                      {t('spontaneous.kioskButton')}
                    </button>
                  </div>
                )}
              </>
            )}
            {flow.s === 'lookup' && <span className="spinner big" aria-hidden="true" />}
          </section>
        ) : flow.s === 'quote' ? (
          <section className="kiosk-panel" data-testid="kiosk-quote">
            <NoticeCard data={flow.quote} large />
            {/* Issue #12 §6: only when this kiosk is configured to ask (payer.kioskAsks). */}
            {flow.quote.payerOffered === true && <PayerSection key={flow.quote.quoteId} paymentId={flow.quote.quoteId} />}
            {flow.message && <MessageBox m={flow.message} />}
            <div className="row center kiosk-actions">
              {methods.map((m) => (
                <button key={m.method} type="button" className="btn primary huge" onClick={() => void pay(m.method)} data-testid={`kiosk-pay-${m.method}`}>
                  {t(`kiosk.pay.${m.method}`)} · <Money cents={m.totalCents} />
                </button>
              ))}
              {methods.length === 0 && <MessageBox m={{ tone: 'bad', title: t('kiosk.noMethod') }} />}
              {lookupArg.current && (
                <button type="button" className="btn huge" onClick={addAnother} data-testid="kiosk-add-another">
                  {t('cart.add')}
                </button>
              )}
              <button type="button" className="btn huge" onClick={home} data-testid="kiosk-cancel">
                {t('common.cancel')}
              </button>
            </div>
          </section>
        ) : flow.s === 'begin' ? (
          <section className="kiosk-panel" role="status">
            <span className="spinner big" aria-hidden="true" />
            <h1>{t('kiosk.preparing')}</h1>
          </section>
        ) : flow.s === 'card' ? (
          <section className="kiosk-panel">
            <CardPanel payment={flow.payment} stage={flow.stage} stageMessage={flow.stageMessage ?? null} cancelling={flow.cancelling} onCancel={() => void cancelPayment()} audience="citizen" />
          </section>
        ) : flow.s === 'done' ? (
          <section className="kiosk-panel done" data-testid="kiosk-done">
            <div className="ok-icon" aria-hidden="true">
              ✓
            </div>
            <h1>{t('kiosk.done.title')}</h1>
            <p className="lead">
              <Money cents={flow.payment.totalCents} /> · <span data-i18n="data">{flow.payment.creditorName}</span>
            </p>
            <div className="lead" data-testid="kiosk-receipt-state" data-state={job?.state ?? 'none'}>
              {job && receiptFailed(job) ? <ReceiptProblem job={job} reference={flow.payment.id} /> : t('kiosk.done.takeReceipt')}
            </div>
            <button type="button" className="btn primary huge" onClick={home} data-testid="kiosk-finish">
              {t('kiosk.done.finish')}
            </button>
          </section>
        ) : flow.s === 'attention' ? (
          <section className="kiosk-panel" role="alert" data-testid="kiosk-attention">
            <h1>{t('kiosk.attention.title')}</h1>
            <p className="lead">{t('kiosk.attention.body')}</p>
            <p className="code" data-i18n="data">
              {flow.payment.id}
            </p>
            <button type="button" className="btn huge" onClick={home}>
              {t('kiosk.done.finish')}
            </button>
          </section>
        ) : null}
      </main>
      {manual && <ManualEntry touch onClose={() => setManual(false)} onSubmit={(noticeNumber, fiscalCode) => route({ source: 'manual', noticeNumber, fiscalCode })} />}
      {idle.state.phase === 'warning' && <IdleWarning secondsLeft={idle.state.secondsLeft} onContinue={idle.extend} />}
    </div>
  );
}
