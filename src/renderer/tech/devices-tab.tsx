// Devices with live status and the diagnostic actions (issue #6 §5; pos-practice.md §6 maintenance).
import { diagnosticLine } from './diagnostic-lines';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, DiagnosticAction, DiagnosticResult } from '../../common/ipc/devices';
import type { Status } from '../../common/ipc/events';
import { call, toUiError } from '../bridge/bridge';
import { DeviceDetail } from '../components/device-detail';
import { errorMessage } from '../components/messages';
import { useScanner } from '../hooks/use-scanner';
import { ECHO_SECONDS, echoResult, echoTimeout, secondsLeft } from './scanner-echo';

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
  const { t, i18n } = useTranslation();
  const [results, setResults] = useState<DiagnosticResult[]>([]);
  const [running, setRunning] = useState<DiagnosticAction | null>(null);
  // Scanner echo: listens here, where wedge keystrokes and core scan events both arrive (scanner-echo.ts).
  const [echoUntil, setEchoUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const endEcho = (r: DiagnosticResult) => {
    setEchoUntil(null);
    setRunning(null);
    setResults((rs) => [r, ...rs].slice(0, 20));
  };
  useScanner((raw, source) => endEcho(echoResult(raw, source)), echoUntil !== null);
  useEffect(() => {
    if (echoUntil === null) return;
    const tick = window.setInterval(() => setNow(Date.now()), 200);
    return () => window.clearInterval(tick);
  }, [echoUntil]);
  useEffect(() => {
    if (echoUntil !== null && now >= echoUntil) endEcho(echoTimeout());
  }, [now, echoUntil]);
  const run = async (action: DiagnosticAction) => {
    if (action === 'scanner-echo') {
      setRunning(action);
      setNow(Date.now());
      setEchoUntil(Date.now() + ECHO_SECONDS * 1000);
      return;
    }
    setRunning(action);
    try {
      const r = await call('devices/diagnostic', { action });
      setResults((rs) => [r, ...rs].slice(0, 20));
    } catch (e) {
      // The failure in the language on screen, with its machine code (never the core's English message).
      const m = errorMessage(t, toUiError(e), 'clerk', i18n.language);
      setResults((rs) => [{ action, ok: false, lines: [m.title, m.detail ?? '', m.code ?? ''].filter(Boolean) }, ...rs].slice(0, 20));
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
                {/* The configured name is an identifier, not a word of the UI. */}
                <span className="small muted code" data-i18n="data">
                  {d.name}
                </span>
                {d.detail && <DeviceDetail detail={d.detail} />}
              </div>
            ))}
            <div className="row">
              {g.actions.map((a) => (
                <button key={a} type="button" className="btn" disabled={running !== null} onClick={() => void run(a)} data-testid={`diag-${a}`}>
                  {running === a ? t('common.running') : t(`tech.diag.${a}`)}
                </button>
              ))}
            </div>
            {g.device === 'scanners' && echoUntil !== null && (
              <p className="alert" role="status" data-testid="scanner-echo-countdown">
                {t('tech.echo.countdown', { count: secondsLeft(echoUntil, now) })}
              </p>
            )}
          </article>
        ))}
      </div>
      <h3>{t('tech.results')}</h3>
      <ol className="diag-results" aria-live="polite" data-testid="diag-results">
        {results.map((r, i) => (
          <li key={i} className={r.ok ? 'ok' : 'bad'} data-testid="diag-result" data-ok={r.ok} data-action={r.action}>
            <strong>
              {r.ok ? '✓' : '✗'} {t(`tech.diag.${r.action}`)}
            </strong>
            {/* The device's transcript: labels and fixed phrases translated, the device's own words as data. */}
            <pre className="code" data-i18n="data">
              {r.lines.map((l) => diagnosticLine(t, l)).join('\n')}
            </pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
