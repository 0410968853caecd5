// Production first run (issue #10 §2): no operator exists, so instead of the login the counter asks for
// the first supervisor — id, name, PIN twice. The core creates them (the same rule as
// `sportello operators init`) and refuses once any operator exists; then the normal login follows.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../common/ipc/session';
import { call, toUiError } from '../bridge/bridge';
import { LanguageSwitch } from '../components/language-switch';
import { errorMessage, MessageBox } from '../components/messages';
import type { FlowMessage } from './flow';
import { Brand } from '../components/brand';

export function FirstRunScreen({ onDone }: { onDone: (s: SessionState) => void }) {
  const { t, i18n } = useTranslation();
  const [operatorId, setOperatorId] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [exists, setExists] = useState(false);
  const mismatch = confirm !== '' && pin !== confirm;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (pin !== confirm) {
      setMessage({ tone: 'bad', title: t('firstRun.mismatch') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      onDone(await call('session/initFirstSupervisor', { operatorId: operatorId.trim(), name: name.trim(), pin }));
    } catch (err) {
      const u = toUiError(err);
      // 'duplicate': someone (the CLI, another window) created an operator meanwhile — offer the login.
      if (u.code === 'duplicate') {
        setMessage({ tone: 'warn', title: t('firstRun.exists'), code: u.message });
        setExists(true);
      } else setMessage(u.kind === 'invalid-argument' ? { tone: 'bad', title: t('firstRun.invalid'), detail: u.message } : errorMessage(t, u, 'clerk', i18n.language));
      setPin('');
      setConfirm('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="screen login">
      <header className="topbar">
        <Brand />
        <div className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="login-main" id="main">
        <form className="card login-card first-run" aria-labelledby="first-run-title" onSubmit={(e) => void submit(e)} data-testid="first-run">
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <p className="muted">{t('firstRun.intro')}</p>
          <div className="field">
            <label htmlFor="first-run-id">{t('firstRun.id')}</label>
            <input
              id="first-run-id"
              value={operatorId}
              onChange={(e) => setOperatorId(e.target.value.toLowerCase())}
              autoComplete="off"
              required
              maxLength={32}
              pattern="[a-z0-9]{1,32}"
              aria-describedby="first-run-id-hint"
            />
            <span id="first-run-id-hint" className="hint">
              {t('firstRun.idHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="first-run-name">{t('firstRun.name')}</label>
            <input id="first-run-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="first-run-pin">{t('firstRun.pin')}</label>
            <input
              id="first-run-pin"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
              required
              aria-describedby="first-run-pin-hint"
            />
            <span id="first-run-pin-hint" className="hint">
              {t('firstRun.pinHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="first-run-confirm">{t('firstRun.confirm')}</label>
            <input
              id="first-run-confirm"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value.replace(/\D/g, '').slice(0, 12))}
              required
              aria-invalid={mismatch ? 'true' : 'false'}
              aria-describedby={mismatch ? 'first-run-confirm-error' : undefined}
            />
            {mismatch && (
              <span id="first-run-confirm-error" className="error">
                {t('firstRun.mismatch')}
              </span>
            )}
          </div>
          {message && <MessageBox m={message} />}
          {exists ? (
            <button type="button" className="btn primary" onClick={() => void call('session/state').then(onDone, () => undefined)} data-testid="first-run-to-login">
              {t('firstRun.toLogin')}
            </button>
          ) : (
            <button type="submit" className="btn primary" disabled={busy} data-testid="first-run-create">
              {t('firstRun.create')}
            </button>
          )}
        </form>
      </main>
    </div>
  );
}
