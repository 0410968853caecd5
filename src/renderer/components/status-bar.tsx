// Always-visible status bar (issue #6 §3): node, queue, exceptions, printer/terminal/scanner.
// Colour is never the only signal: every badge has a word and an accessible label.
import { useTranslation } from 'react-i18next';
import type { Status } from '../../common/ipc/events';
import type { DeviceStatus } from '../../common/ipc/devices';

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

function deviceTone(d: DeviceStatus): Tone {
  switch (d.state) {
    case 'ok':
      return 'ok';
    case 'warning':
      return 'warn';
    case 'error':
      return 'bad';
    default:
      return 'neutral';
  }
}

function Badge({ tone, label, value, testId }: { tone: Tone; label: string; value: string; testId: string }) {
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-tone={tone} aria-label={`${label}: ${value}`}>
      <span className="dot" aria-hidden="true" />
      <span className="badge-label">{label}</span>
      <span className="badge-value">{value}</span>
    </span>
  );
}

export function StatusBar({ status, children }: { status: Status | null; children?: React.ReactNode }) {
  const { t } = useTranslation();
  // A known status code ('paper-out') says more than the state ('error').
  const dev = (d: DeviceStatus) => (d.code ? t(`device.code.${d.code}`, { defaultValue: t(`device.state.${d.state}`) }) : t(`device.state.${d.state}`));
  if (!status) {
    return (
      <>
        <div className="status-bar" role="status" aria-live="polite">
          <Badge tone="neutral" label={t('status.node')} value={t('status.unknown')} testId="status-node" />
        </div>
        {children && <div className="topbar-right">{children}</div>}
      </>
    );
  }
  const scanners = status.devices.scanners;
  const scannerTone: Tone = scanners.length === 0 ? 'neutral' : scanners.some((s) => s.state === 'error') ? 'bad' : scanners.some((s) => s.state === 'warning') ? 'warn' : 'ok';
  return (
    <>
      <div className="status-bar" role="status" aria-live="polite">
        <Badge tone={status.node.online ? 'ok' : 'bad'} label={t('status.node')} value={status.node.online ? t('status.online') : t('status.offline')} testId="status-node" />
        <Badge
          tone={status.queue.failed > 0 ? 'bad' : status.queue.pending > 0 ? 'warn' : 'ok'}
          label={t('status.queue')}
          value={String(status.queue.pending + status.queue.failed)}
          testId="status-queue"
        />
        <Badge tone={status.exceptions.open > 0 ? 'bad' : 'ok'} label={t('status.exceptions')} value={String(status.exceptions.open)} testId="status-exceptions" />
        <Badge tone={deviceTone(status.devices.printer)} label={t('status.printer')} value={dev(status.devices.printer)} testId="status-printer" />
        <Badge tone={deviceTone(status.devices.terminal)} label={t('status.terminal')} value={dev(status.devices.terminal)} testId="status-terminal" />
        <Badge
          tone={scannerTone}
          label={t('status.scanner')}
          value={scanners.length === 0 ? t('device.state.disabled') : t(`device.state.${scanners[0]?.state ?? 'unknown'}`)}
          testId="status-scanner"
        />
      </div>
      {children && <div className="topbar-right">{children}</div>}
    </>
  );
}
