// First login with a PIN someone else chose (seeded by `operators add`, reset by a supervisor; issue #10 §2):
// the operator picks their own PIN on the login keypad — current, new, new again — before anything else.
// The core refuses every other action meanwhile (must-change-pin) and checks the new PIN's rules.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator, SessionState } from '../../common/ipc/session';
import { call, toUiError } from '../bridge/bridge';
import { Keypad } from '../components/keypad';
import { LanguageSwitch } from '../components/language-switch';
import { errorMessage, MessageBox } from '../components/messages';
import type { FlowMessage } from './flow';
import { Brand } from '../components/brand';

type Step = 'current' | 'next' | 'confirm';
const STEPS: readonly Step[] = ['current', 'next', 'confirm'];

export function ChangePinScreen({ operator, onDone, onLogout }: { operator: Operator; onDone: (s: SessionState) => void; onLogout: () => void }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>('current');
  const [pins, setPins] = useState<Record<Step, string>>({ current: '', next: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const value = pins[step];
  const setValue = (v: string) => setPins((p) => ({ ...p, [step]: v }));

  const submit = async () => {
    if (busy || value === '') return;
    if (step !== 'confirm') {
      setMessage(null);
      setStep(step === 'current' ? 'next' : 'confirm');
      return;
    }
    if (pins.next !== pins.confirm) {
      setMessage({ tone: 'bad', title: t('changePin.mismatch') });
      setPins((p) => ({ ...p, next: '', confirm: '' }));
      setStep('next');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      onDone(await call('session/changePin', { currentPin: pins.current, newPin: pins.next }));
    } catch (e) {
      const u = toUiError(e);
      // The core says why: a wrong current PIN (forbidden), or a new PIN it does not accept (invalid-argument).
      if (u.kind === 'forbidden') {
        setMessage({ tone: 'bad', title: t('changePin.wrongCurrent') });
        setPins({ current: '', next: '', confirm: '' });
        setStep('current');
      } else {
        setMessage(u.kind === 'invalid-argument' ? { tone: 'bad', title: t('changePin.invalid'), detail: t('changePin.rules'), code: u.message } : errorMessage(t, u, 'clerk', i18n.language));
        setPins((p) => ({ ...p, next: '', confirm: '' }));
        setStep('next');
      }
    } finally {
      setBusy(false);
    }
  };

  // The PIN from the physical keyboard too, as on the login: digits, Backspace, Enter.
  const submitRef = useRef<() => Promise<void>>(async () => undefined);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (busy || e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^\d$/.test(e.key)) setPins((p) => (p[step].length < 12 ? { ...p, [step]: p[step] + e.key } : p));
      else if (e.key === 'Backspace') setPins((p) => ({ ...p, [step]: p[step].slice(0, -1) }));
      else if (e.key === 'Enter') void submitRef.current();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, busy]);

  return (
    <div className="screen login">
      <header className="topbar">
        <Brand />
        <div className="spacer" />
        <LanguageSwitch />
        <button type="button" className="btn" onClick={onLogout} data-testid="change-pin-logout">
          {t('changePin.logout')}
        </button>
      </header>
      <main className="login-main" id="main">
        <section className="card login-card" aria-labelledby="change-pin-title" data-testid="change-pin">
          <h1 id="change-pin-title">{t('changePin.title')}</h1>
          <p className="muted">{t('changePin.intro', { name: operator.name })}</p>
          <p data-testid="change-pin-step">
            <strong>{t(`changePin.${step}`)}</strong> <span className="small muted">{t('changePin.step', { n: STEPS.indexOf(step) + 1, total: STEPS.length })}</span>
          </p>
          <Keypad value={value} maxLength={12} onChange={setValue} onSubmit={() => void submit()} disabled={busy} label={t(`changePin.${step}`)} />
          {message && <MessageBox m={message} />}
        </section>
      </main>
    </div>
  );
}
