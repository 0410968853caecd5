// Offline banner with the offline policy's remaining limits (issue #6 §3).
import { useTranslation } from 'react-i18next';
import type { Status } from '../../common/ipc/events';
import { useMoney } from './money';

export function OfflineBanner({ status }: { status: Status | null }) {
  const { t } = useTranslation();
  const fmt = useMoney();
  if (!status || status.node.online) return null;
  const o = status.offline;
  return (
    <div className={o.allowed ? 'banner warn' : 'banner bad'} role="alert" data-testid="offline-banner">
      <strong>{t('offline.title')}</strong>
      {o.allowed ? (
        <span>
          {t('offline.allowed', {
            methods: o.methods.map((m) => t(`method.${m}`)).join(', '),
            max: fmt(o.maxAmountCents),
            remaining: fmt(o.remainingTotalCents),
          })}
        </span>
      ) : (
        <span>{t('offline.notAllowed')}</span>
      )}
      {status.queue.pending > 0 && <span className="badge warn">{t('offline.queued', { count: status.queue.pending })}</span>}
    </div>
  );
}
