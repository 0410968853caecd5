// Numeric keypad for PIN entry (touch or mouse) that also accepts the physical keyboard's digits.
import { useTranslation } from 'react-i18next';

export type KeypadProps = {
  value: string;
  maxLength: number;
  onChange: (next: string) => void;
  onSubmit: () => void;
  disabled?: boolean;
  label: string;
};

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function Keypad({ value, maxLength, onChange, onSubmit, disabled, label }: KeypadProps) {
  const { t } = useTranslation();
  const press = (d: string) => {
    if (!disabled && value.length < maxLength) onChange(value + d);
  };
  return (
    <div className="keypad" role="group" aria-label={label}>
      <span className="sr-only" aria-live="polite">
        {t('keypad.digitsEntered', { count: value.length })}
      </span>
      <div className="keypad-display" aria-hidden="true">
        {Array.from({ length: Math.max(4, value.length) }, (_, i) => (
          <span key={i} className={i < value.length ? 'pin-dot filled' : 'pin-dot'} aria-hidden="true" />
        ))}
      </div>
      <div className="keypad-grid">
        {KEYS.map((k) => (
          <button key={k} type="button" className="btn keypad-key" onClick={() => press(k)} disabled={disabled}>
            {k}
          </button>
        ))}
        <button type="button" className="btn keypad-key" onClick={() => onChange(value.slice(0, -1))} disabled={disabled} aria-label={t('keypad.delete')}>
          ⌫
        </button>
        <button type="button" className="btn keypad-key" onClick={() => press('0')} disabled={disabled}>
          0
        </button>
        <button type="button" className="btn keypad-key primary" onClick={onSubmit} disabled={disabled || value.length === 0} aria-label={`OK, ${t('keypad.confirm')}`}>
          OK
        </button>
      </div>
    </div>
  );
}
