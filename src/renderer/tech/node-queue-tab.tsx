// Node connectivity check and the outcome queue with retry counters and reset (issue #6 §5).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeCheck } from '../../common/ipc/devices';
import type { QueueSnapshot } from '../../common/ipc/queue';
import { formatDateTime } from '../../common/terminal-time';
import { call, getBridge, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import type { FlowMessage } from '../counter/flow';

const QUEUE_REFRESH_MS = 3_000;

export function NodeQueueTab() {
  const { t, i18n } = useTranslation();
  const [check, setCheck] = useState<NodeCheck | null>(null);
  const [queue, setQueue] = useState<QueueSnapshot | null>(null);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const guard = async (fn: () => Promise<void>) => {
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };
  useEffect(() => {
    void guard(async () => setQueue(await call('queue/snapshot')));
  }, []);
  // The queue changes while the technician looks at it (issue #11 §8): reload on every status push (a
  // payment queued or delivered) and every few seconds (attempts and errors change without a push).
  useEffect(() => {
    let alive = true;
    const reload = () => {
      call('queue/snapshot')
        .then((q) => alive && setQueue(q))
        .catch(() => undefined);
    };
    const off = getBridge().listen('status/changed', reload);
    const timer = window.setInterval(reload, QUEUE_REFRESH_MS);
    return () => {
      alive = false;
      off();
      window.clearInterval(timer);
    };
  }, []);
  const [syncing, setSyncing] = useState(false);
  const [syncMessage, setSyncMessage] = useState<FlowMessage | null>(null);
  // "Sincronizza ora" always answers: what the pass sent, or that the node could not be reached.
  const syncNow = async () => {
    setSyncing(true);
    setSyncMessage(null);
    try {
      const r = await call('queue/syncNow');
      setQueue(r);
      setSyncMessage(
        r.run.online
          ? { tone: r.pending > 0 ? 'warn' : 'ok', title: t('tech.queue.syncDone', { confirmed: r.run.confirmed, pending: r.pending }) }
          : { tone: 'bad', title: t('tech.queue.syncOffline'), detail: t('tech.queue.syncOfflineDetail', { pending: r.pending }), ...(r.run.lastError ? { code: r.run.lastError } : {}) },
      );
    } catch (e) {
      setSyncMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    } finally {
      setSyncing(false);
    }
  };
  return (
    <div className="node-tab">
      {message && <MessageBox m={message} />}
      <h3>{t('tech.node.title')}</h3>
      <div className="row">
        <button type="button" className="btn primary" onClick={() => void guard(async () => setCheck(await call('node/check')))} data-testid="node-check">
          {t('tech.node.check')}
        </button>
        {check && (
          <span className={`badge ${check.online ? 'ok' : 'bad'}`} data-testid="node-check-result" data-online={check.online}>
            {check.online ? t('status.online') : t('status.offline')}
            {check.latencyMs !== null && ` · ${Math.round(check.latencyMs)} ms`}
          </span>
        )}
        {/* The core names its own simulator in English; a configured node is its URL (data). */}
        {check &&
          (check.endpoint === 'embedded simulator' ? (
            <span className="small muted">{t('tech.node.embedded')}</span>
          ) : (
            <span className="small muted" data-i18n="data">
              {check.endpoint}
            </span>
          ))}
      </div>
      {/* What the node or the network answered, as it came: for the technician. */}
      {check?.error && (
        <p className="code small" data-i18n="data">
          {check.error}
        </p>
      )}
      {check?.mil && (
        <div data-testid="mil-link">
          <p className="small">
            {t('tech.node.milToken')}: {check.mil.tokenExpiresAt ? formatDateTime(check.mil.tokenExpiresAt, i18n.language) : t('tech.node.milNoToken')}
            {check.mil.tokenError && (
              <span className="code" data-i18n="data">
                {' '}
                · {check.mil.tokenError}
              </span>
            )}
          </p>
          <table className="data">
            <thead>
              <tr>
                <th>{t('tech.node.milTransaction')}</th>
                <th>{t('tech.queue.state')}</th>
                <th className="num">{t('tech.node.milTotal')}</th>
                <th>{t('tech.node.milInserted')}</th>
              </tr>
            </thead>
            <tbody>
              {check.mil.transactions.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('tech.node.milNone')}
                  </td>
                </tr>
              )}
              {check.mil.transactions.map((x) => (
                <tr key={x.transactionId}>
                  <td className="code small">{x.transactionId}</td>
                  <td className="code small" data-i18n="data">
                    {x.status}
                  </td>
                  <td className="num">
                    <Money cents={x.totalAmountCents} />
                  </td>
                  <td className="small">{x.insertedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('tech.queue.title')}</h3>
      {queue && (
        <>
          <div className="row">
            <span className="badge neutral">
              {t('tech.queue.worker')}: {t(`tech.queue.workers.${queue.worker}`)}
            </span>
            <span className={`badge ${queue.pending ? 'warn' : 'ok'}`} data-testid="queue-pending">
              {t('tech.queue.pending')}: {queue.pending}
            </span>
            <span className={`badge ${queue.failed ? 'bad' : 'ok'}`}>
              {t('tech.queue.failed')}: {queue.failed}
            </span>
            <div className="spacer" />
            <button type="button" className="btn" onClick={() => void syncNow()} disabled={syncing} data-testid="queue-sync">
              {syncing ? t('tech.queue.syncing') : t('tech.queue.sync')}
            </button>
            <button type="button" className="btn" onClick={() => void guard(async () => setQueue(await call('queue/resetAttempts')))}>
              {t('tech.queue.reset')}
            </button>
          </div>
          {syncMessage && <MessageBox m={syncMessage} testId="queue-sync-result" />}
          <table className="data">
            <thead>
              <tr>
                <th>{t('tech.queue.kind')}</th>
                <th>{t('notice.number')}</th>
                <th>{t('tech.queue.state')}</th>
                <th className="num">{t('tech.queue.attempts')}</th>
                <th>{t('tech.queue.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.entries.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('tech.queue.empty')}
                  </td>
                </tr>
              )}
              {queue.entries.map((e) => (
                <tr key={e.id}>
                  <td data-testid="queue-kind" data-kind={e.kind}>
                    {t(`tech.queue.kinds.${e.kind}`, { defaultValue: t('tech.queue.kinds.other') })}
                  </td>
                  <td className="code" data-i18n="data">
                    {e.noticeNumber ?? '—'}
                  </td>
                  <td>{t(`tech.queue.states.${e.state}`)}</td>
                  <td className="num">{e.attempts}</td>
                  {/* The last error as the node or the network reported it, for the technician. */}
                  <td className="small code" data-i18n="data">
                    {e.lastError ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
