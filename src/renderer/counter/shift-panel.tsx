// Shift open/close with X and Z reports, printable (issue #6 §3; pos-practice.md §1.8 "Session").
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift, ShiftReport } from '../../common/ipc/shift';
import { parseEuroInput } from '../../common/money';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import type { FlowMessage } from './flow';

export function ReportView({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const rows: [string, number | null, boolean?][] = [
    ['report.openingFloat', report.openingFloatCents],
    ['report.amount', report.amountCents],
    ['report.fees', report.feeCents],
    ['report.cash', report.cashCents],
    ['report.card', report.cardCents],
    ['report.expectedCash', report.expectedCashCents, true],
    ['report.countedCash', report.countedCashCents],
    ['report.difference', report.differenceCents, true],
  ];
  return (
    <div className="report" data-testid={`report-${report.kind}`}>
      <h3>
        {report.kind === 'z' ? t('report.zTitle', { number: report.number ?? '' }) : t('report.xTitle')}
      </h3>
      <p className="small muted">
        {new Date(report.openedAt).toLocaleString()} → {report.closedAt ? new Date(report.closedAt).toLocaleString() : t('report.stillOpen')}
      </p>
      <table className="data">
        <tbody>
          <tr>
            <th>{t('report.count')}</th>
            <td className="num">{report.count ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('report.offlineCount')}</th>
            <td className="num">{report.offlineCount ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('report.voids')}</th>
            <td className="num">{report.voidCount ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('report.reprints')}</th>
            <td className="num">{report.reprintCount ?? '—'}</td>
          </tr>
          {rows.map(([k, v, strong]) =>
            v === null || v === undefined ? null : (
              <tr key={k} className={strong ? 'strong' : undefined}>
                <th>{t(k)}</th>
                <td className="num">{v < 0 ? <>−<Money cents={-v} /></> : <Money cents={v} />}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ShiftPanel({ onChanged }: { onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState<FlowMessage | null>(null);
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
  const guard = async (fn: () => Promise<void>) => {
    setMessage(null);
    try {
      await fn();
      onChanged?.();
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  let cents: number | null = null;
  try {
    cents = amount.trim() === '' ? 0 : parseEuroInput(amount);
  } catch {
    cents = null;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (cents === null) return;
    const c = cents;
    void guard(async () => {
      if (shift) {
        setReport(await call('shift/close', { countedCashCents: c }));
      } else {
        await call('shift/open', { openingFloatCents: c });
      }
      setAmount('');
      await load();
    });
  };
  if (shift === undefined) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="shift-panel" data-testid="shift-panel">
      {message && <MessageBox m={message} />}
      <p data-testid="shift-state">
        {shift ? t('shift.openSince', { time: new Date(shift.openedAt).toLocaleTimeString() }) : t('shift.closed')}
      </p>
      <form onSubmit={submit} className="row">
        <div className="field grow">
          <label htmlFor="shift-amount">{shift ? t('shift.counted') : t('shift.float')}</label>
          <input id="shift-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={cents === null ? 'true' : 'false'} />
        </div>
        <button type="submit" className={shift ? 'btn danger' : 'btn primary'} disabled={cents === null} data-testid={shift ? 'shift-close' : 'shift-open'}>
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
            onClick={() => void guard(async () => void (await call('shift/print', report.kind === 'z' ? { kind: 'z', ...(report.number ? { number: report.number } : {}) } : { kind: 'x' })))}
          >
            {t('shift.print')}
          </button>
        )}
      </div>
      {report && <ReportView report={report} />}
    </div>
  );
}
