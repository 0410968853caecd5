// Language switch shown on every screen (issue #6 §4). Buttons rather than a select: one touch.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/setup';

export function LanguageSwitch({ large }: { large?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={large ? 'lang-switch large' : 'lang-switch'} role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className={i18n.language === l.code ? 'btn lang active' : 'btn lang'}
          aria-pressed={i18n.language === l.code}
          onClick={() => void i18n.changeLanguage(l.code)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
