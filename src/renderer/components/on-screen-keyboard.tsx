// On-screen keyboard for the kiosk (issue #13: the plate typed on the touch screen): digits and the
// letters in QWERTY order, delete and clear. Every key is a real button, so it works by touch, mouse and
// keyboard focus, and screen readers announce what it types.
import { useTranslation } from 'react-i18next';

const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'] as const;

export function OnScreenKeyboard({ value, onChange, maxLength, digitsOnly, label }: { value: string; onChange: (v: string) => void; maxLength: number; digitsOnly?: boolean; label: string }) {
  const { t } = useTranslation();
  const rows = digitsOnly ? [ROWS[0]] : ROWS;
  const press = (k: string) => {
    if (value.length < maxLength) onChange(value + k);
  };
  return (
    <div className="osk" role="group" aria-label={label} data-testid="on-screen-keyboard">
      {rows.map((row) => (
        <div key={row} className="osk-row">
          {[...row].map((k) => (
            <button key={k} type="button" className="btn osk-key" onClick={() => press(k)} data-key={k}>
              {k}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="btn osk-key wide" onClick={() => onChange(value.slice(0, -1))} aria-label={t('spontaneous.keyboard.delete')} data-key="Backspace">
          ⌫
        </button>
        <button type="button" className="btn osk-key wide" onClick={() => onChange('')} data-key="Clear">
          {t('spontaneous.keyboard.clear')}
        </button>
      </div>
    </div>
  );
}
