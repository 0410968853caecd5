// Receipt: preview rendered by the core from the very bytes sent to the printer; print, reprint
// (COPIA), void. Printing is never retried automatically (pos-practice.md §2 B8, §4 pipeline 3).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../common/ipc/payment';
import type { PrintJob, ReceiptPreview } from '../../common/ipc/receipt';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import { useShortcuts } from '../hooks/use-shortcuts';
import type { FlowMessage } from './flow';

export function ReceiptImage({ paymentId, copy, refreshKey, initial }: { paymentId: string; copy?: boolean; refreshKey?: unknown; initial?: ReceiptPreview | null }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ReceiptPreview | null>(initial ?? null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (initial) {
      // the core already sent the preview of the bytes it printed (a new one after a void: the annulment slip)
      setFailed(null);
      setPreview(initial);
      return;
    }
    let live = true;
    setFailed(null);
    call('receipt/preview', copy ? { paymentId, copy: true } : { paymentId })
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setFailed(toUiError(e).message));
    return () => {
      live = false;
    };
  }, [paymentId, copy, refreshKey, initial]);
  if (failed) return <p className="muted small">{t('receipt.previewUnavailable')}</p>;
  if (!preview) return <div className="receipt-paper loading" aria-busy="true" />;
  return (
    // Focusable so keyboard users can scroll a long receipt (WCAG 2.1.1).
    <div className="receipt-paper" tabIndex={0} role="region" aria-label={t('receipt.previewAlt')}>
      <img src={preview.pngDataUrl} width={preview.widthPx} height={preview.heightPx} alt={t('receipt.previewAlt')} data-testid="receipt-preview" />
    </div>
  );
}

/** The printer's reason ('paper-out' or 'paper-out: detail…') in words, then what to do. */
export function PrintProblem({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const code = /^[a-z-]+/.exec(reason)?.[0] ?? '';
  const words = code ? t(`device.code.${code}`, { defaultValue: '' }) : '';
  return (
    <span>
      {words || reason} — {t('print.fixThenResume')}
      {words && reason !== code && <span className="code small msg-code">{reason}</span>}
    </span>
  );
}

export function ReceiptPanel({ payment, job, onJob, onVoid, onNew }: { payment: Payment; job: PrintJob | null; onJob: (j: PrintJob) => void; onVoid: () => void; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(
    async (name: 'receipt/print' | 'receipt/reprint' | 'receipt/resume') => {
      setBusy(true);
      setMessage(null);
      try {
        const j = name === 'receipt/resume' && job ? await call(name, { jobId: job.id }) : await call(name as 'receipt/print', { paymentId: payment.id });
        onJob(j);
      } catch (e) {
        setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
      } finally {
        setBusy(false);
      }
    },
    [job, payment.id, onJob, t],
  );
  // Held mid-job, failed, or refused before printing (queued with a printer reason such as paper-out).
  const held = !!job && (job.state === 'held' || job.state === 'failed' || (job.state === 'queued' && job.reason !== null));
  const queued = payment.state === 'paid' && payment.offline && payment.outcome !== 'confirmed';
  useShortcuts({ F6: () => void act(held ? (job?.state === 'held' ? 'receipt/resume' : 'receipt/print') : job ? 'receipt/reprint' : 'receipt/print') });
  return (
    <section className="card done-panel" aria-labelledby="done-title" data-testid="done-panel">
      <div className="done-grid">
        <div className="done-info">
          <div className="done-head">
            {/* An offline payment is not paid at pagoPA yet: say so instead of "paid" until the node confirms. */}
            <h2 id="done-title">{payment.state === 'voided' ? t('done.voided') : queued ? t('done.titleQueued') : t('done.title')}</h2>
            <span className={`badge ${payment.state === 'voided' ? 'bad' : queued ? 'warn' : 'ok'}`} data-testid="payment-state">
              {queued ? t('done.queued') : t(`payment.state.${payment.state}`)}
            </span>
          </div>
          <p className="muted">
            {t(`done.method.${payment.method}`)} · <Money cents={payment.totalCents} />
            {payment.creditorName && <span data-i18n="data"> · {payment.creditorName}</span>}
          </p>
          {payment.state === 'voided' && payment.refundCents !== undefined && payment.refundCents > 0 && (
            <div className="change-row big-change refund" role="alert" data-testid="void-refund">
              <span>{t(payment.method === 'card' ? 'void.handBackCard' : 'void.handBack')}</span>
              <Money cents={payment.refundCents} className="amount-change" />
            </div>
          )}
          {payment.changeCents !== null && payment.method === 'cash' && payment.state !== 'voided' && (
            <div className="change-row big-change" data-testid="done-change">
              <span>{t('cash.change')}</span>
              <Money cents={payment.changeCents} className="amount-change" />
            </div>
          )}
          {/* The actions come before the notes below, so they stay on screen at 768 px high. */}
          <div className="done-actions">
            <button type="button" className="btn primary big" onClick={onNew} data-testid="new-payment">
              {t('done.next')} <span className="kbd">Esc</span>
            </button>
            {held ? (
              <button
                type="button"
                className="btn primary"
                disabled={busy}
                // Held mid-job: resume (the core marks what was already on paper). Refused before the
                // first byte (queued): nothing was printed yet, so this is the original print, not a copy.
                onClick={() => void act(job?.state === 'held' ? 'receipt/resume' : 'receipt/print')}
                data-testid="print-resume"
              >
                {t('print.resume')}
              </button>
            ) : (
              <button type="button" className="btn" disabled={busy} onClick={() => void act(job ? 'receipt/reprint' : 'receipt/print')} data-testid="print-button">
                {job ? t('print.reprint') : t('print.print')} <span className="kbd">F6</span>
              </button>
            )}
            {payment.voidable && (
              <button type="button" className="btn danger" onClick={onVoid} data-testid="void-button">
                {t('void.action')} <span className="kbd">F7</span>
              </button>
            )}
          </div>
          {payment.offline && payment.state !== 'voided' && <div className="alert warn">{t('done.offline')}</div>}
          {/* While a print runs, say so; a copy says it is the copy (else a reprint looked like nothing happened). */}
          {busy && (
            <div className="alert info" role="status" data-testid="print-busy">
              <span className="spinner" aria-hidden="true" /> {t(job ? 'print.copyPrinting' : 'print.state.printing')}
            </div>
          )}
          {job && (
            <div
              className={`alert ${held ? 'bad' : job.state === 'printed' ? 'ok' : 'info'}`}
              role={held ? 'alert' : 'status'}
              data-testid="print-job"
              data-state={job.state}
              data-kind={job.kind}
              data-problem={held}
            >
              <strong>{job.kind === 'reprint' && job.state === 'printed' ? t('print.copyPrinted') : t(`print.state.${held && job.state === 'queued' ? 'held' : job.state}`)}</strong>
              {held && job.reason && <PrintProblem reason={job.reason} />}
            </div>
          )}
          {message && <MessageBox m={message} />}
        </div>
        {/* After a reprint the preview is the copy, with its COPIA marks, as it came out of the printer. */}
        {job?.kind === 'reprint' ? (
          <ReceiptImage paymentId={payment.id} copy refreshKey={job.id} />
        ) : (
          <ReceiptImage paymentId={payment.id} refreshKey={payment.updatedAt} initial={payment.receipt?.preview ?? null} />
        )}
      </div>
    </section>
  );
}
