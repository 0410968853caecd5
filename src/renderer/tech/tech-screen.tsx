// Technician screen (issue #6 §5), behind the technician PIN: devices and diagnostics, node check,
// queue counters, exceptions, configuration, logs, version info.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../common/ipc/system';
import { call, toUiError } from '../bridge/bridge';
import { Keypad } from '../components/keypad';
import { LanguageSwitch } from '../components/language-switch';
import { MessageBox } from '../components/messages';
import { loginRefusal } from '../counter/login-screen';
import { ExceptionsInbox } from '../components/exceptions-inbox';
import { StatusBar } from '../components/status-bar';
import { useStatus } from '../hooks/use-status';
import { useShortcuts } from '../hooks/use-shortcuts';
import type { FlowMessage } from '../counter/flow';
import { DevicesTab } from './devices-tab';
import { NodeQueueTab } from './node-queue-tab';
import { ConfigTab } from './config-tab';
import { LogsTab } from './logs-tab';
import { InfoTab } from './info-tab';
import { CatalogueTab } from './catalogue-tab';
import { TransfersTab } from './transfers-tab';
import { RecentPayments } from '../counter/recent-payments';

// 'payments': staff find the reference a kiosk showed for a receipt it could not print, and reprint it.
const TABS = ['devices', 'node', 'payments', 'catalogue', 'transfers', 'exceptions', 'config', 'logs', 'info'] as const;
type Tab = (typeof TABS)[number];

export function TechScreen({ info, onExit }: { info: AppInfo; onExit: () => void }) {
  const { t, i18n } = useTranslation();
  const { status } = useStatus();
  const [unlocked, setUnlocked] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [tab, setTab] = useState<Tab>('devices');

  const exit = () => {
    if (unlocked) void call('tech/lock').catch(() => undefined);
    onExit();
  };
  useShortcuts({ Escape: exit });

  const unlock = async () => {
    setMessage(null);
    try {
      await call('tech/unlock', { pin });
      setUnlocked(true);
    } catch (e) {
      setMessage(loginRefusal(t, toUiError(e), i18n.language, 'tech.wrongPin'));
      setPin('');
    }
  };

  // The PIN from the physical keyboard too (issue #11 §8), as on the operator login: digits, Backspace, Enter.
  const submitRef = useRef<() => void>(() => undefined);
  submitRef.current = () => {
    if (pin !== '') void unlock();
  };
  useEffect(() => {
    if (unlocked) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^\d$/.test(e.key)) setPin((p) => (p.length < 12 ? p + e.key : p));
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Enter') submitRef.current();
      else return;
      // Enter on a focused keypad key must not also press that key.
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [unlocked]);

  return (
    <div className="screen tech">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark tech" aria-hidden="true">
            ⚙
          </span>
          <span className="brand-name">{t('tech.title')}</span>
        </div>
        <StatusBar status={status}>
          <LanguageSwitch />
          <button type="button" className="btn" onClick={exit} data-testid="tech-exit">
            {t('tech.exit')} <span className="kbd">Esc</span>
          </button>
        </StatusBar>
      </header>
      {!unlocked ? (
        <main className="login-main" id="main">
          <section className="card login-card" aria-labelledby="tech-lock-title">
            <h1 id="tech-lock-title">{t('tech.locked')}</h1>
            <p className="muted">{t('tech.enterPin')}</p>
            <Keypad value={pin} maxLength={12} onChange={setPin} onSubmit={() => void unlock()} label={t('tech.pin')} />
            {message && <MessageBox m={message} />}
          </section>
        </main>
      ) : (
        <main className="tech-main" id="main">
          <nav className="tabs" role="tablist" aria-label={t('tech.sections')}>
            {TABS.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`tab-${k}`}
                aria-selected={tab === k}
                aria-controls={`panel-${k}`}
                className={tab === k ? 'tab active' : 'tab'}
                onClick={() => setTab(k)}
                data-testid={`tab-${k}`}
              >
                {t(`tech.tab.${k}`)}
              </button>
            ))}
          </nav>
          <section className="tab-panel card" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'devices' && <DevicesTab status={status} />}
            {tab === 'node' && <NodeQueueTab />}
            {tab === 'payments' && <RecentPayments />}
            {tab === 'transfers' && <TransfersTab />}
            {tab === 'catalogue' && <CatalogueTab />}
            {tab === 'exceptions' && <ExceptionsInbox />}
            {tab === 'config' && <ConfigTab />}
            {tab === 'logs' && <LogsTab />}
            {tab === 'info' && <InfoTab info={info} />}
          </section>
        </main>
      )}
    </div>
  );
}
