// Shift open/close with X and Z reports, printable (issue #6 §3; pos-practice.md §1.8 "Session").
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../../common/terminal-time';
import type { Shift, ShiftReport } from '../../common/ipc/shift';
import { parseEuroInput } from '../../common/money';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import type { FlowMessage } from './flow';
import type { PrintJob } from '../../common/ipc/receipt';
import { PrintProblem } from './receipt-panel';

/** A signed amount: negative with a real minus sign. */
function Signed({ cents }: { cents: number }) {
  return cents < 0 ? (
    <>
      −<Money cents={-cents} />
    </>
  ) : (
    <Money cents={cents} />
  );
}

export function ReportView({ report }: { report: ShiftReport }) {
  const { t, i18n } = useTranslation();
  // Every line that makes up the expected cash, so the sum can be checked on screen:
  // float + cash − cash refunds + cash in − cash out = expected (shift-service.ts).
  const cashRows: [string, number | null | undefined, string?][] = [
    ['report.openingFloat', report.openingFloatCents],
    ['report.cash', report.cashCents],
    ['report.cashRefunds', report.cashRefundCents ? -report.cashRefundCents : null, 'report-cash-refunds'],
    ['report.cashIn', report.cashInCents || null],
    ['report.cashOut', report.cashOutCents ? -report.cashOutCents : null],
  ];
  const otherRows: [string, number | null | undefined, string?][] = [
    ['report.amount', report.amountCents],
    ['report.fees', report.feeCents],
    ['report.nodeFees', report.nodeFeeCents || null, 'report-node-fees'],
    ['report.standin', report.standinCount ? report.standinCents : null, 'report-standin'],
    ['report.card', report.cardCents],
    ['report.cardRefunds', report.cardRefundCents ? -report.cardRefundCents : null, 'report-card-refunds'],
  ];
  const row = ([k, v, testId]: [string, number | null | undefined, string?], strong?: boolean) =>
    v === null || v === undefined ? null : (
      <tr key={k} className={strong ? 'strong' : undefined} data-testid={testId}>
        <th>{t(k)}</th>
        <td className="num">
          <Signed cents={v} />
        </td>
      </tr>
    );
  return (
    <div className="report" data-testid={`report-${report.kind}`}>
      <h3>{report.kind === 'z' ? t('report.zTitle', { number: report.number ?? '' }) : t('report.xTitle')}</h3>
      <p className="small muted">
        {formatDateTime(report.openedAt, i18n.language)} → {report.closedAt ? formatDateTime(report.closedAt, i18n.language) : t('report.stillOpen')}
      </p>
      <table className="data">
        <tbody>
          <tr>
            <th>{t('report.count')}</th>
            <td className="num">{report.count ?? '—'}</td>
          </tr>
          <tr data-testid="report-offline-count">
            <th>{t('report.offlineCount')}</th>
            <td className="num">{report.offlineCount ?? '—'}</td>
          </tr>
          {report.offlinePendingCount ? (
            <tr>
              <th>{t('report.offlinePending')}</th>
              <td className="num">{report.offlinePendingCount}</td>
            </tr>
          ) : null}
          <tr>
            <th>{t('report.voids')}</th>
            <td className="num">{report.voidCount ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('report.reprints')}</th>
            <td className="num">{report.reprintCount ?? '—'}</td>
          </tr>
          {otherRows.map((r) => row(r))}
          {cashRows.map((r) => row(r))}
          {row(['report.expectedCash', report.expectedCashCents, 'report-expected'], true)}
          {row(['report.countedCash', report.countedCashCents])}
          {row(['report.difference', report.differenceCents, 'report-difference'], true)}
        </tbody>
      </table>
      {report.notices && report.notices.length > 0 && (
        <details className="report-notices" data-testid="report-notices">
          <summary>{t('report.notices', { count: report.notices.length })}</summary>
          <table className="data">
            <tbody>
              {report.notices.map((n) => (
                <tr key={n.paymentId}>
                  <th className="code">
                    {n.noticeNumber}
                    {n.standin ? ` · ${t('notice.standin')}` : ''}
                  </th>
                  <td className="num">
                    <Signed cents={n.amountCents} />
                  </td>
                  <td className="num" title={n.feeSource === 'node' ? t('report.nodeFees') : t('report.fees')}>
                    + <Signed cents={n.feeCents} />
                    {n.feeSource === 'node' ? ' (pagoPA)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

/** The outcome of "Stampa rapporto": printing, printed, or the printer's reason (paper out…). */
function ReportPrintState({ job }: { job: PrintJob | 'busy' }) {
  const { t } = useTranslation();
  if (job === 'busy')
    return (
      <div className="alert info" role="status" data-testid="report-print-state" data-state="busy">
        <span className="spinner" aria-hidden="true" /> {t('print.reportPrinting')}
      </div>
    );
  const ok = job.state === 'printed';
  const problem = job.state === 'held' || job.state === 'failed' || job.reason !== null;
  return (
    <div className={`alert ${ok ? 'ok' : problem ? 'bad' : 'info'}`} role="status" data-testid="report-print-state" data-state={job.state}>
      <strong>{ok ? t('print.reportPrinted') : problem ? t('print.reportFailed') : t(`print.state.${job.state}`)}</strong>
      {!ok && job.reason && (
        <>
          {' '}
          <PrintProblem reason={job.reason} />
        </>
      )}
    </div>
  );
}

type CloseStep = { counted: number; x: ShiftReport };

export function ShiftPanel({ onChanged }: { onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [confirm, setConfirm] = useState<CloseStep | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmHead = useRef<HTMLHeadingElement>(null);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const amountField = useRef<HTMLInputElement>(null);
  // The field gets the focus once, when the panel has loaded (the dialog opened on "Caricamento…").
  const focused = useRef(false);
  useEffect(() => {
    if (shift === undefined || focused.current) return;
    focused.current = true;
    amountField.current?.focus();
  }, [shift]);
  // What "Stampa rapporto" did: printing, printed, or why not.
  const [printJob, setPrintJob] = useState<PrintJob | 'busy' | null>(null);
  useEffect(() => setPrintJob(null), [report]);
  const load = useCallback(async () => {
    try {
      setShift(await call('shift/current'));
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);
  // The confirmation takes focus on its heading, not on a button: Enter pressed again does nothing.
  useEffect(() => {
    if (confirm) confirmHead.current?.focus();
  }, [confirm]);
  const guard = async (fn: () => Promise<void>) => {
    setMessage(null);
    setBusy(true);
    try {
      await fn();
      onChanged?.();
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    } finally {
      setBusy(false);
    }
  };
  // The float may be left empty (€ 0,00); the counted cash of a Z must be typed: empty is not zero.
  let cents: number | null = null;
  try {
    cents = amount.trim() === '' ? (shift ? null : 0) : parseEuroInput(amount);
  } catch {
    cents = null;
  }
  const invalid = amount.trim() !== '' && cents === null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (cents === null || busy) return;
    const c = cents;
    if (shift) {
      // Step 1 of 2: show expected, counted and difference before anything is issued.
      void guard(async () => setConfirm({ counted: c, x: await call('shift/x') }));
      return;
    }
    void guard(async () => {
      await call('shift/open', { openingFloatCents: c });
      setAmount('');
      setMessage({ tone: 'ok', title: t('shift.opened') });
      await load();
      // Focus leaves the amount field: a second Enter must not act on the close form that replaces it.
      stateLine.current?.focus();
    });
  };
  const closeNow = () => {
    if (!confirm || busy) return;
    const c = confirm.counted;
    void guard(async () => {
      setReport(await call('shift/close', { countedCashCents: c }));
      setConfirm(null);
      setAmount('');
      await load();
    });
  };
  if (shift === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (shift && confirm) {
    const diff = confirm.counted - confirm.x.expectedCashCents;
    return (
      <div className="shift-panel" data-testid="shift-confirm">
        <h3 ref={confirmHead} tabIndex={-1} data-testid="shift-confirm-title">
          {t('shift.confirmTitle')}
        </h3>
        <p>{t('shift.confirmExplain')}</p>
        <table className="data">
          <tbody>
            <tr>
              <th>{t('report.expectedCash')}</th>
              <td className="num" data-testid="confirm-expected">
                <Money cents={confirm.x.expectedCashCents} />
              </td>
            </tr>
            <tr>
              <th>{t('report.countedCash')}</th>
              <td className="num" data-testid="confirm-counted">
                <Money cents={confirm.counted} />
              </td>
            </tr>
            <tr className="strong">
              <th>{t('report.difference')}</th>
              <td className="num" data-testid="confirm-difference">
                <Signed cents={diff} />
              </td>
            </tr>
          </tbody>
        </table>
        {diff !== 0 && <div className="alert warn">{t(diff < 0 ? 'shift.short' : 'shift.over')}</div>}
        {message && <MessageBox m={message} />}
        <ReportView report={confirm.x} />
        <div className="row dialog-actions">
          <button type="button" className="btn" onClick={() => setConfirm(null)} disabled={busy} data-testid="shift-confirm-back">
            {t('shift.back')}
          </button>
          <div className="spacer" />
          <button type="button" className="btn danger" onClick={closeNow} disabled={busy} data-testid="shift-close-confirm">
            {t('shift.confirmClose')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="shift-panel" data-testid="shift-panel">
      {message && <MessageBox m={message} />}
      <p data-testid="shift-state" ref={stateLine} tabIndex={-1}>
        {shift ? t('shift.openSince', { time: formatTime(shift.openedAt, i18n.language) }) : t('shift.closed')}
      </p>
      <form onSubmit={submit} className="row">
        <div className="field grow">
          <label htmlFor="shift-amount">{shift ? t('shift.counted') : t('shift.float')}</label>
          <input
            id="shift-amount"
            ref={amountField}
            key={shift ? 'counted' : 'float'}
            // Opening: ready to type the float. Closing: focused when F9 opens the panel (an empty count
            // cannot be submitted, and the Z has its own confirmation step), not after a shift was opened.
            autoFocus={!shift}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={shift ? 'shift-counted-hint' : undefined}
            required={!!shift}
          />
          {shift && (
            <span id="shift-counted-hint" className="small muted">
              {t('shift.countedRequired')}
            </span>
          )}
        </div>
        <button type="submit" className={shift ? 'btn danger' : 'btn primary'} disabled={cents === null || busy} data-testid={shift ? 'shift-close' : 'shift-open'}>
          {shift ? t('shift.close') : t('shift.open')}
        </button>
      </form>
      <div className="row">
        <button type="button" className="btn" disabled={!shift} onClick={() => void guard(async () => setReport(await call('shift/x')))} data-testid="report-x-button">
          {t('shift.xReport')}
        </button>
        <button type="button" className="btn" onClick={() => void guard(async () => setReport(await call('shift/z')))}>
          {t('shift.lastZ')}
        </button>
        {report && (
          <button
            type="button"
            className="btn"
            disabled={printJob === 'busy'}
            data-testid="report-print"
            onClick={() => {
              setPrintJob('busy');
              void guard(async () => {
                try {
                  setPrintJob(await call('shift/print', report.kind === 'z' ? { kind: 'z', ...(report.number ? { number: report.number } : {}) } : { kind: 'x' }));
                } catch (e) {
                  setPrintJob(null);
                  throw e;
                }
              });
            }}
          >
            {t('shift.print')}
          </button>
        )}
      </div>
      {report && printJob && <ReportPrintState job={printJob} />}
      {report && <ReportView report={report} />}
    </div>
  );
}
