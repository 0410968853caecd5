// Root: reads app/info once (mode counter|kiosk, language, kiosk timeouts), then shows the counter
// (after operator login), the kiosk, or the technician screen (#tech, F12, or the kiosk's hidden corner).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { AppInfo } from '../common/ipc/system';
import type { SessionState } from '../common/ipc/session';
import { call, toUiError } from './bridge/bridge';
import { createI18n, isLanguage } from './i18n/setup';
import { CounterScreen } from './counter/counter-screen';
import { ChangePinScreen } from './counter/change-pin-screen';
import { FirstRunScreen } from './counter/first-run-screen';
import { LoginScreen } from './counter/login-screen';
import { KioskScreen } from './kiosk/kiosk-screen';
import { TechScreen } from './tech/tech-screen';

function useHashRoute(): [string, (h: string) => void] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((h: string) => {
    window.location.hash = h;
  }, []);
  return [hash, go];
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionState | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [hash, go] = useHashRoute();

  useEffect(() => {
    void (async () => {
      try {
        const [i, s] = await Promise.all([call('app/info'), call('session/state')]);
        setInfo(i);
        setSession(s);
      } catch (e) {
        setFatal(toUiError(e).message);
      }
    })();
  }, []);

  const i18n = useMemo(() => (info ? createI18n(isLanguage(info.language) ? info.language : 'it') : null), [info]);

  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>Sportello</h1>
        {/* Before the service answers, the language is unknown: both, each marked with its own. */}
        <p>
          <span lang="it">Il terminale non riesce a collegarsi al servizio.</span> / <span lang="en">The terminal cannot reach its service.</span>
        </p>
        <p className="code small" data-i18n="data">
          {fatal}
        </p>
      </main>
    );
  }
  if (!info || !session || !i18n) {
    return (
      <main className="fatal" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <span className="sr-only">
          <span lang="it">Caricamento…</span> / <span lang="en">Loading…</span>
        </span>
      </main>
    );
  }

  const tech = hash === '#tech';
  const logout = () => {
    void call('session/logout').then(setSession, () => setSession({ ...session, operator: null }));
  };
  return (
    <I18nextProvider i18n={i18n}>
      {session.operator && session.mustChangePin ? (
        // A PIN someone else chose is changed before any screen (issue #10 §2); the core refuses the rest meanwhile.
        <ChangePinScreen operator={session.operator} onDone={setSession} onLogout={logout} />
      ) : tech ? (
        <TechScreen info={info} onExit={() => go('')} />
      ) : info.mode === 'kiosk' ? (
        <KioskScreen info={info} onTechnician={() => go('tech')} />
      ) : session.operator ? (
        <CounterScreen operator={session.operator} verifyTimeoutSeconds={info.verifyTimeoutSeconds ?? 12} onTechnician={() => go('tech')} onLogout={logout} />
      ) : session.firstRun ? (
        // Production first run: no operator yet, so no login until the first supervisor exists.
        <FirstRunScreen onDone={setSession} />
      ) : (
        <LoginScreen onLogin={setSession} onTechnician={() => go('tech')} />
      )}
    </I18nextProvider>
  );
}
