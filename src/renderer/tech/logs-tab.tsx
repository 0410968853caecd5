// Log viewer and export (issue #6 §5). Records were redacted by the core when written.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/terminal-time';
import type { LogRecordView } from '../../common/ipc/system';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import type { FlowMessage } from '../counter/flow';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** A record's data as one compact line (long values cut: the export has them whole). */
function logData(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export function LogsTab() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<Level>('info');
  const [rows, setRows] = useState<LogRecordView[]>([]);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const load = useCallback(async () => {
    try {
      setRows((await call('logs/list', { level, limit: 300 })).reverse());
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  }, [level, t]);
  useEffect(() => {
    void load();
  }, [load]);
  const exportLogs = async () => {
    setMessage(null);
    try {
      const r = await call('logs/export');
      // Offer the file to the browser too; the core already wrote it under the data dir.
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.content], { type: 'application/x-ndjson' }));
      a.download = r.fileName;
      a.click();
      URL.revokeObjectURL(a.href);
      setMessage({ tone: 'ok', title: t('tech.logs.exported'), code: r.path ?? r.fileName });
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  return (
    <div className="logs-tab">
      <div className="row">
        <div className="field">
          <label htmlFor="log-level">{t('tech.logs.level')}</label>
          <select id="log-level" value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {(['debug', 'info', 'warn', 'error'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`tech.logs.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={() => void load()}>
          {t('tech.logs.refresh')}
        </button>
        <button type="button" className="btn primary" onClick={() => void exportLogs()} data-testid="logs-export">
          {t('tech.logs.export')}
        </button>
      </div>
      {message && <MessageBox m={message} />}
      <div className="log-view" role="log" aria-label={t('tech.tab.logs')} tabIndex={0}>
        {rows.map((r, i) => (
          <div key={i} className={`log-line ${r.level}`}>
            <span className="log-time">{formatTime(r.time, i18n.language)}</span> {/* A log line is what the program wrote, for the technician: shown as it is. */}
            <span data-i18n="data">
              <span className="log-level">{r.level}</span> <span className="log-ns">{r.ns}</span> {r.msg}
              {/* The record's fields too (operation, host, code…): a message alone may not say what failed. */}
              {r.data !== undefined && <span className="log-data muted"> {logData(r.data)}</span>}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
