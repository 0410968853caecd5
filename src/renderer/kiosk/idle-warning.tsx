// "Are you still there?" — WCAG 2.2.1: warn before a time limit and let the user extend it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function IdleWarning({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const btn = useRef<HTMLButtonElement>(null);
  useEffect(() => btn.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-warning">
        <h2 id="idle-title">{t('kiosk.idle.title')}</h2>
        <p id="idle-body" className="lead" aria-live="assertive">
          {t('kiosk.idle.body', { count: secondsLeft })}
        </p>
        <button ref={btn} type="button" className="btn primary huge" onClick={onContinue} data-testid="idle-continue">
          {t('kiosk.idle.continue')}
        </button>
      </div>
    </div>
  );
}
