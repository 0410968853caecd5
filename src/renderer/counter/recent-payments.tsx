// Recent payments with reprint (COPIA) — the "ticket screen" counters expect (pos-practice.md §1.1) —
// and the lookup of the reference a citizen shows when a receipt could not be printed (issue #11 §6:
// the kiosk shows it with a QR; a scanner types it into the search field).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/terminal-time';
import type { Payment } from '../../common/ipc/payment';
import type { PrintJob } from '../../common/ipc/receipt';
import { groupNoticeNumber } from '../components/notice-card';
import { PrintProblem } from './receipt-panel';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import type { FlowMessage } from './flow';

/** The outcome of a reprint in words: printing, printed, or why not (paper out…). */
function ReprintState({ job }: { job: PrintJob | 'busy' | 'error' }) {
  const { t } = useTranslation();
  const done = typeof job === 'object' && job.state === 'printed';
  const problem = job === 'error' || (typeof job === 'object' && (job.state === 'held' || job.state === 'failed' || job.reason !== null));
  return (
    <div className={`small reprint-state ${done ? 'ok' : problem ? 'bad' : ''}`} role="status" data-testid="recent-print-state" data-state={typeof job === 'object' ? job.state : job}>
      {job === 'busy' ? t('print.copyPrinting') : done ? t('print.copyPrinted') : problem ? t('print.copyFailed') : t('print.reprintQueued')}
      {typeof job === 'object' && problem && job.reason && (
        <>
          {': '}
          <PrintProblem reason={job.reason} />
        </>
      )}
    </div>
  );
}

export function RecentPayments() {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Payment[] | null>(null);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [query, setQuery] = useState('');
  // The reference searched for (null = the latest payments).
  const [searched, setSearched] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    call('payment/recent', searched === null ? { limit: 30 } : { reference: searched })
      .then(setRows)
      .catch((e: unknown) => setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language)));
  }, [t, searched]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    setSearched(query.trim() === '' ? null : query.trim());
  };
  // What the last reprint did, shown in its own row (the list can be longer than the dialog).
  const [printed, setPrinted] = useState<{ id: string; job: PrintJob | 'busy' | 'error' } | null>(null);
  const reprint = async (p: Payment) => {
    setMessage(null);
    setPrinted({ id: p.id, job: 'busy' });
    try {
      let job: PrintJob;
      try {
        job = await call('receipt/reprint', { paymentId: p.id, reason: 'customer request' });
      } catch (e) {
        // Refused by the printer before any byte was sent: nothing to copy, the original is still due.
        if (toUiError(e).code !== 'nothing-printed') throw e;
        job = await call('receipt/print', { paymentId: p.id });
      }
      setPrinted({ id: p.id, job });
    } catch (e) {
      setPrinted({ id: p.id, job: 'error' });
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  return (
    <div data-testid="recent-payments">
      <form className="row" onSubmit={search} role="search">
        <label htmlFor="recent-search">{t('recent.search')}</label>
        <input
          id="recent-search"
          className="input recent-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('recent.searchHint')}
          autoComplete="off"
          data-testid="recent-search"
        />
        <button type="submit" className="btn" data-testid="recent-search-go">
          {t('recent.find')}
        </button>
      </form>
      {message && <MessageBox m={message} />}
      {rows === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="recent-none">
          {searched === null ? t('recent.none') : t('recent.notFound', { reference: searched })}
        </p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('recent.time')}</th>
              <th>{t('recent.reference')}</th>
              <th>{t('notice.creditor')}</th>
              <th>{t('recent.method')}</th>
              <th className="num">{t('notice.total')}</th>
              <th>{t('recent.state')}</th>
              <th>
                <span className="sr-only">{t('recent.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-testid="recent-row" data-ref={p.id}>
                <td>{formatTime(p.createdAt, i18n.language)}</td>
                <td className="code">{p.id}</td>
                <td>
                  {/* Offline the node never named the creditor: its fiscal code, said so. */}
                  {p.creditorName ? <span data-i18n="data">{p.creditorName}</span> : <span title={t('notice.creditorOffline')}>{t('notice.creditorUnknown', { fiscalCode: p.fiscalCode })}</span>}
                  <div className="small muted code" data-testid="recent-notice" data-i18n="data">
                    {groupNoticeNumber(p.noticeNumber)}
                  </div>
                </td>
                <td>{t(`method.${p.method}`)}</td>
                <td className="num">
                  <Money cents={p.totalCents} />
                </td>
                <td>
                  {t(`payment.state.${p.state}`)}
                  {p.offline && <span className="badge warn">{t('done.offline')}</span>}
                </td>
                <td>
                  {p.state === 'paid' && (
                    <button type="button" className="btn" onClick={() => void reprint(p)} disabled={printed?.id === p.id && printed.job === 'busy'} data-testid="recent-reprint">
                      {t('print.reprint')}
                    </button>
                  )}
                  {printed?.id === p.id && <ReprintState job={printed.job} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
