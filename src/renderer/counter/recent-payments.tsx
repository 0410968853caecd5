// Recent payments with reprint (COPIA) — the "ticket screen" counters expect (pos-practice.md §1.1).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/terminal-time';
import type { Payment } from '../../common/ipc/payment';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import type { FlowMessage } from './flow';

export function RecentPayments() {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Payment[] | null>(null);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  useEffect(() => {
    call('payment/recent', { limit: 30 })
      .then(setRows)
      .catch((e: unknown) => setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language)));
  }, [t]);
  const reprint = async (p: Payment) => {
    setMessage(null);
    try {
      await call('receipt/reprint', { paymentId: p.id, reason: 'customer request' });
      setMessage({ tone: 'ok', title: t('print.reprintQueued') });
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  return (
    <div data-testid="recent-payments">
      {message && <MessageBox m={message} />}
      {rows === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('recent.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('recent.time')}</th>
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
              <tr key={p.id}>
                <td>{formatTime(p.createdAt, i18n.language)}</td>
                <td>{p.creditorName}</td>
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
                    <button type="button" className="btn" onClick={() => void reprint(p)}>
                      {t('print.reprint')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
