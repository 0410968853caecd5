// The technician opens DevTools (Electron only, issue #10 §5): the technician PIN is asked again on the
// keypad, whatever the screen's unlock, and the core checks it (tech/devtools); a wrong PIN is refused there.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toUiError } from '../bridge/bridge';
import { Dialog } from '../components/dialog';
import { Keypad } from '../components/keypad';
import { errorMessage, MessageBox } from '../components/messages';
import { loginRefusal } from '../counter/login-screen';
import type { FlowMessage } from '../counter/flow';

export function DevToolsButton() {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FlowMessage | null>(null);

  const close = () => {
    setAsking(false);
    setPin('');
  };
  const open = async () => {
    if (busy || pin === '') return;
    setBusy(true);
    setMessage(null);
    try {
      await call('tech/devtools', { pin });
      close();
      setMessage({ tone: 'ok', title: t('tech.info.devtoolsOpened') });
    } catch (e) {
      const u = toUiError(e);
      setMessage(u.kind === 'forbidden' ? loginRefusal(t, u, i18n.language, 'tech.wrongPin') : errorMessage(t, u, 'clerk', i18n.language));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions stack">
      <button
        type="button"
        className="btn"
        onClick={() => {
          setMessage(null);
          setAsking(true);
        }}
        data-testid="open-devtools"
      >
        {t('tech.info.devtools')}
      </button>
      {!asking && message && <MessageBox m={message} />}
      {asking && (
        <Dialog title={t('tech.info.devtools')} onClose={close} testId="devtools-dialog">
          <p className="muted">{t('tech.info.devtoolsPin')}</p>
          <Keypad value={pin} maxLength={12} onChange={setPin} onSubmit={() => void open()} disabled={busy} label={t('tech.pin')} />
          {message && <MessageBox m={message} />}
        </Dialog>
      )}
    </div>
  );
}
