// Per-transfer settlement export (issue #12 §8), as `sportello export transfers`: one row per transfer of
// every payment the node confirmed, totals per creditor and IBAN; offered as a file to download.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { formatMoney } from '../components/money';
import type { FlowMessage } from '../counter/flow';

const today = () => new Date().toISOString().slice(0, 10);

export function TransfersTab() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const run = async () => {
    setMessage(null);
    try {
      const r = await call('transfers/export', { from, to, format });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.content], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
      a.download = r.fileName;
      a.click();
      URL.revokeObjectURL(a.href);
      setMessage({ tone: 'ok', title: t('tech.transfers.done', { count: r.count, total: formatMoney(r.amountCents, i18n.language) }), code: r.fileName });
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  return (
    <div className="transfers-tab">
      <p className="small">{t('tech.transfers.hint')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor="transfers-from">{t('tech.transfers.from')}</label>
          <input id="transfers-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="transfers-from" />
        </div>
        <div className="field">
          <label htmlFor="transfers-to">{t('tech.transfers.to')}</label>
          <input id="transfers-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="transfers-to" />
        </div>
        <div className="field">
          <label htmlFor="transfers-format">{t('tech.transfers.format')}</label>
          <select id="transfers-format" value={format} onChange={(e) => setFormat(e.target.value === 'json' ? 'json' : 'csv')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <button type="button" className="btn primary" onClick={() => void run()} data-testid="transfers-export">
          {t('tech.transfers.export')}
        </button>
      </div>
      {message && <MessageBox m={message} testId="transfers-message" />}
    </div>
  );
}
