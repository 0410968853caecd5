// The pagoPA services catalogue (issue #13 §1) for the technician: when it was fetched, whether it is
// stale, the last refresh error, and every entry with its validity dates; those this terminal collects
// today are listed first. "Aggiorna ora" fetches it from the node (the stored copy stays if that fails).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/terminal-time';
import type { CatalogueView } from '../../common/ipc/spontaneous';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, machineCode, MessageBox } from '../components/messages';
import type { FlowMessage } from '../counter/flow';

export function CatalogueTab() {
  const { t, i18n } = useTranslation();
  const [c, setC] = useState<CatalogueView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const load = useCallback(
    async (refresh: boolean) => {
      setBusy(true);
      setMessage(null);
      try {
        setC(await call('spontaneous/catalogue', refresh ? { refresh: true } : {}));
      } catch (e) {
        setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
      } finally {
        setBusy(false);
      }
    },
    [t, i18n.language],
  );
  useEffect(() => {
    void load(false);
  }, [load]);
  if (!c) return message ? <MessageBox m={message} /> : <p role="status">{t('common.loading')}</p>;
  const collectable = c.entries.filter((e) => e.collectable && e.active);
  const others = c.entries.filter((e) => !(e.collectable && e.active));
  const row = (e: CatalogueView['entries'][number]) => (
    <tr key={e.serviceId} data-testid="catalogue-entry" data-service={e.serviceId} data-collectable={e.collectable && e.active ? 'true' : 'false'}>
      <td className="code">{e.serviceId}</td>
      <td data-i18n="data">{e.description}</td>
      <td data-i18n="data">{e.creditorName}</td>
      <td className="code">
        {e.validFrom} – {e.validTo ?? '…'}
      </td>
      <td>{t(e.collectable ? (e.active ? 'spontaneous.tech.state.active' : 'spontaneous.tech.state.inactive') : 'spontaneous.tech.state.notCollectable')}</td>
    </tr>
  );
  // The collectable services and the others, in the same columns.
  const table = (entries: CatalogueView['entries']) => (
    <table className="data">
      <thead>
        <tr>
          <th>{t('spontaneous.tech.col.id')}</th>
          <th>{t('spontaneous.tech.col.service')}</th>
          <th>{t('spontaneous.tech.col.creditor')}</th>
          <th>{t('spontaneous.tech.col.validity')}</th>
          <th>{t('spontaneous.tech.col.state')}</th>
        </tr>
      </thead>
      <tbody>{entries.map(row)}</tbody>
    </table>
  );
  return (
    <div className="catalogue-tab" data-testid="catalogue-tab">
      <div className="row">
        <p data-testid="catalogue-date" data-stale={c.stale ? 'true' : 'false'}>
          <strong>{t('spontaneous.tech.fetchedAt')}:</strong> {c.fetchedAt ? formatDateTime(c.fetchedAt, i18n.language) : t('spontaneous.tech.never')}
          {c.stale && c.fetchedAt && <span className="badge warn">{t('spontaneous.tech.stale')}</span>}
        </p>
        <div className="spacer" />
        <button type="button" className="btn" onClick={() => void load(true)} disabled={busy} data-testid="catalogue-refresh">
          {busy ? t('common.running') : t('spontaneous.tech.refresh')}
        </button>
      </div>
      {!c.enabled && <div className="alert warn">{t('spontaneous.unavailable.title')}</div>}
      {c.lastError && (
        <MessageBox m={{ tone: 'warn', title: t('spontaneous.tech.lastError'), detail: t('spontaneous.tech.lastErrorAction'), code: machineCode(c.lastError) ?? undefined }} testId="catalogue-error" />
      )}
      {message && <MessageBox m={message} />}
      <h3>{t('spontaneous.tech.collectable', { count: collectable.length })}</h3>
      {table(collectable)}
      {others.length > 0 && (
        <>
          <h3>{t('spontaneous.tech.others', { count: others.length })}</h3>
          {table(others)}
        </>
      )}
    </div>
  );
}
