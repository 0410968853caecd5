// Devices with live status and the diagnostic actions (issue #6 §5; pos-practice.md §6 maintenance).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, DiagnosticAction, DiagnosticResult } from '../../common/ipc/devices';
import type { Status } from '../../common/ipc/events';
import { call, toUiError } from '../bridge/bridge';

const GROUPS: { device: 'printer' | 'terminal' | 'drawer' | 'scanners'; actions: DiagnosticAction[] }[] = [
  { device: 'printer', actions: ['printer-status', 'printer-test', 'printer-codepage', 'printer-qr'] },
  { device: 'terminal', actions: ['terminal-status', 'terminal-totals'] },
  { device: 'drawer', actions: ['drawer-open'] },
  { device: 'scanners', actions: ['scanner-echo'] },
];

function tone(d: DeviceStatus): string {
  return d.state === 'ok' ? 'ok' : d.state === 'warning' ? 'warn' : d.state === 'error' ? 'bad' : 'neutral';
}

export function DevicesTab({ status }: { status: Status | null }) {
  const { t } = useTranslation();
  const [results, setResults] = useState<DiagnosticResult[]>([]);
  const [running, setRunning] = useState<DiagnosticAction | null>(null);
  const run = async (action: DiagnosticAction) => {
    setRunning(action);
    try {
      const r = await call('devices/diagnostic', { action });
      setResults((rs) => [r, ...rs].slice(0, 20));
    } catch (e) {
      setResults((rs) => [{ action, ok: false, lines: [toUiError(e).message] }, ...rs].slice(0, 20));
    } finally {
      setRunning(null);
    }
  };
  const devicesOf = (g: (typeof GROUPS)[number]['device']): DeviceStatus[] => {
    if (!status) return [];
    return g === 'scanners' ? status.devices.scanners : [status.devices[g]];
  };
  return (
    <div className="devices-tab">
      <div className="device-grid">
        {GROUPS.map((g) => (
          <article key={g.device} className="device-card" data-testid={`device-${g.device}`}>
            <h3>{t(`tech.device.${g.device}`)}</h3>
            {devicesOf(g.device).map((d) => (
              <div key={d.name} className="row">
                <span className={`badge ${tone(d)}`}>
                  <span className="dot" aria-hidden="true" />
                  {d.code ? t(`device.code.${d.code}`, { defaultValue: t(`device.state.${d.state}`) }) : t(`device.state.${d.state}`)}
                </span>
                <span className="small muted">{d.name}</span>
                {d.detail && <span className="small muted">{d.detail}</span>}
              </div>
            ))}
            <div className="row">
              {g.actions.map((a) => (
                <button key={a} type="button" className="btn" disabled={running !== null} onClick={() => void run(a)} data-testid={`diag-${a}`}>
                  {running === a ? t('common.running') : t(`tech.diag.${a}`)}
                </button>
              ))}
            </div>
          </article>
        ))}
      </div>
      <h3>{t('tech.results')}</h3>
      <ol className="diag-results" aria-live="polite" data-testid="diag-results">
        {results.map((r, i) => (
          <li key={i} className={r.ok ? 'ok' : 'bad'} data-testid="diag-result" data-ok={r.ok}>
            <strong>
              {r.ok ? '✓' : '✗'} {t(`tech.diag.${r.action}`)}
            </strong>
            <pre className="code">{r.lines.join('\n')}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
