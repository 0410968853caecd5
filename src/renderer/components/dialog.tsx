// Modal dialog: labelled, focus moves in on open and back on close, Escape closes (a way back from
// every state, issue #6 design notes).
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `touch`: a touch screen (the kiosk) shows no keyboard hints (issue #11 §12). */
export function Dialog({ title, onClose, children, wide, testId, touch }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string; touch?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, so a parent re-render (status poll) never re-runs the focus move below: focus
  // moves in once, on open, and never jumps to a button the user did not choose.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button:not(.dialog-close)');
    (first ?? ref.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div ref={ref} className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby="dialog-title" tabIndex={-1} data-testid={testId}>
        <header className="dialog-head">
          <h2 id="dialog-title">{title}</h2>
          <button type="button" className="btn dialog-close" onClick={onClose}>
            {t('common.close')} {!touch && <span className="kbd">Esc</span>}
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}
