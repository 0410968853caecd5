// Operator login with PIN on a numeric keypad before the counter screen (issue #6 §3).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator, SessionState } from '../../common/ipc/session';
import type { TFunction } from 'i18next';
import { formatTime } from '../../common/terminal-time';
import { call, toUiError, type UiCallError } from '../bridge/bridge';
import { Keypad } from '../components/keypad';
import { LanguageSwitch } from '../components/language-switch';
import { errorMessage, MessageBox } from '../components/messages';
import type { FlowMessage } from './flow';
import { Brand } from '../components/brand';

/** A refused login in the UI language: how many tries are left before the lockout, or until when it is locked. */
export function loginRefusal(t: TFunction, err: UiCallError, language: string, wrongPinTitle = 'login.wrongPin'): FlowMessage {
  if (err.kind !== 'forbidden') return errorMessage(t, err, 'clerk', language);
  if (err.code === 'must-change-pin') return { tone: 'bad', title: t('tech.mustChangePin'), detail: t('tech.mustChangePinHow'), code: err.code };
  if (err.code === 'locked') {
    const until = err.params?.lockedUntil;
    return { tone: 'bad', title: t('login.locked'), detail: typeof until === 'string' ? t('login.lockedUntil', { time: formatTime(until, language) }) : t('login.lockedLater') };
  }
  const left = err.params?.attemptsLeft;
  return { tone: 'bad', title: t(wrongPinTitle), detail: typeof left === 'number' ? t('login.attemptsLeft', { count: left }) : t('login.wrongPinAgain') };
}

export function LoginScreen({ onLogin, onTechnician }: { onLogin: (s: SessionState) => void; onTechnician: () => void }) {
  const { t, i18n } = useTranslation();
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [selected, setSelected] = useState<Operator | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FlowMessage | null>(null);

  useEffect(() => {
    call('session/operators')
      .then((ops) => {
        const clerks = ops.filter((o) => o.role !== 'technician');
        setOperators(clerks);
        if (clerks.length === 1) setSelected(clerks[0] ?? null);
      })
      .catch((e: unknown) => setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language)));
  }, [t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!selected || busy) return;
      if (/^\d$/.test(e.key)) setPin((p) => (p.length < 12 ? p + e.key : p));
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Enter') void submitRef.current();
      else if (e.key === 'Escape') {
        setPin('');
        setSelected(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, busy]);

  const submitRef = useRef<() => Promise<void>>(async () => undefined);
  const submit = async () => {
    if (!selected || pin === '') return;
    setBusy(true);
    setMessage(null);
    try {
      onLogin(await call('session/login', { operatorId: selected.id, pin }));
    } catch (e) {
      setMessage(loginRefusal(t, toUiError(e), i18n.language));
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  submitRef.current = submit;

  return (
    <div className="screen login">
      <header className="topbar">
        <Brand />
        <div className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="login-main" id="main">
        <section className="card login-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          {operators === null && !message && <p className="muted">{t('common.loading')}</p>}
          {operators && (
            <div className="operator-list" role="group" aria-label={t('login.chooseOperator')}>
              {operators.map((o) => (
                <button
                  key={o.id}
                  type="button"
                  className={selected?.id === o.id ? 'btn operator-btn selected' : 'btn operator-btn'}
                  aria-pressed={selected?.id === o.id}
                  onClick={() => {
                    setSelected(o);
                    setPin('');
                  }}
                  data-testid={`operator-${o.id}`}
                >
                  <span className="avatar" aria-hidden="true">
                    {o.name.slice(0, 1)}
                  </span>
                  <span>{o.name}</span>
                  <span className="small muted">{t(`role.${o.role}`)}</span>
                </button>
              ))}
            </div>
          )}
          {selected && (
            <>
              <p className="muted">{t('login.enterPin', { name: selected.name })}</p>
              <Keypad value={pin} maxLength={12} onChange={setPin} onSubmit={() => void submit()} disabled={busy} label={t('login.pin')} />
            </>
          )}
          {message && <MessageBox m={message} />}
        </section>
        <button type="button" className="btn link-btn" onClick={onTechnician} data-testid="open-technician">
          {t('shortcuts.technician')}
        </button>
      </main>
    </div>
  );
}
