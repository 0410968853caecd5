// Manual entry, the fallback when a code cannot be scanned (issue #6 §3), validated while typing
// with the same codec the core uses (pagopa-psp.md §2.1 notice number, §2.2 EC fiscal code).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseManualNotice } from '../../common/notice/parse-notice-code';
import { decomposeNoticeNumber } from '../../common/notice/notice-number';
import { isValidEcFiscalCode } from '../../common/notice/check-digits';
import { NoticeCodecError } from '../../common/notice/notice-codec-error';
import { Dialog } from '../components/dialog';
import { OnScreenKeyboard } from '../components/on-screen-keyboard';

/** A warning as an i18n key with its values: the codec's own warnings are English, for logs. */
export type ManualWarning = { key: string; values?: Record<string, string> };
export type ManualCheck = { numberError: string | null; cfError: string | null; warnings: ManualWarning[]; ok: boolean };

/** Live check of the two fields; errors are i18n keys, so the clerk reads them in the UI language. */
export function checkManual(noticeNumber: string, fiscalCode: string): ManualCheck {
  const n = noticeNumber.replace(/[\s\u00a0.\-/]+/g, '');
  const cf = fiscalCode.replace(/\s+/g, '');
  // While a field is still short it is incomplete, not wrong: the hint counts digits instead.
  const numberError = n.length === 0 ? null : /\D/.test(n) ? 'manual.err.digitsOnly' : n.length > 18 ? 'manual.err.numberLength' : !/^[0-3]/.test(n) ? 'manual.err.auxDigit' : null;
  const cfError = cf.length === 0 ? null : /\D/.test(cf) ? 'manual.err.digitsOnly' : cf.length > 11 ? 'manual.err.cfLength' : null;
  if (numberError || cfError || n.length !== 18 || cf.length !== 11) return { numberError, cfError, warnings: [], ok: false };
  try {
    const p = parseManualNotice(n, cf);
    const warnings: ManualWarning[] = [];
    if (p.checkDigitOk === false) warnings.push({ key: 'manual.warn.checkDigits', values: { found: p.checkDigits ?? '', expected: decomposeNoticeNumber(p.noticeNumber).expectedCheckDigits ?? '' } });
    if (!isValidEcFiscalCode(p.fiscalCode)) warnings.push({ key: 'manual.warn.fiscalCode' });
    // Any other codec warning (none today for a typed pair) still warns, in the clerk's language.
    if (p.warnings.length > warnings.length) warnings.push({ key: 'manual.warn.other' });
    return { numberError: null, cfError: null, warnings, ok: true };
  } catch (e) {
    return { numberError: e instanceof NoticeCodecError ? `notice.codec.${e.kind}` : 'manual.err.invalid', cfError: null, warnings: [], ok: false };
  }
}

/**
 * `touch` (the kiosk, issue #11 §12): an on-screen number pad types into the field last chosen (the notice
 * number first, then the creditor's code once it is complete), and no keyboard hints are shown.
 */
export function ManualEntry({ onSubmit, onClose, touch = false }: { onSubmit: (noticeNumber: string, fiscalCode: string) => void; onClose: () => void; touch?: boolean }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [cf, setCf] = useState('');
  const [target, setTarget] = useState<'number' | 'cf'>('number');
  const typeNumber = (v: string) => {
    setNumber(v);
    // The notice number is complete: the pad moves on to the creditor's code.
    if (v.replace(/\D/g, '').length === 18) setTarget('cf');
  };
  const check = checkManual(number, cf);
  const digits = number.replace(/\D/g, '').length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (check.ok) onSubmit(number.replace(/\D/g, ''), cf.replace(/\D/g, ''));
  };
  return (
    <Dialog title={t('manual.title')} onClose={onClose} testId="manual-entry" touch={touch} wide={touch}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="manual-number">{t('manual.number')}</label>
          <input
            id="manual-number"
            inputMode="numeric"
            autoComplete="off"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            onFocus={() => setTarget('number')}
            aria-invalid={check.numberError ? 'true' : 'false'}
            aria-describedby="manual-number-hint"
            placeholder={t('manual.numberPlaceholder')}
            className={`code big-input${touch && target === 'number' ? ' osk-target' : ''}`}
            data-testid="manual-number"
          />
          <span id="manual-number-hint" className={check.numberError ? 'error' : 'hint'} aria-live="polite">
            {check.numberError ? t(check.numberError) : t('manual.numberHint', { count: digits })}
          </span>
        </div>
        <div className="field">
          <label htmlFor="manual-cf">{t('manual.fiscalCode')}</label>
          <input
            id="manual-cf"
            inputMode="numeric"
            autoComplete="off"
            value={cf}
            onChange={(e) => setCf(e.target.value)}
            onFocus={() => setTarget('cf')}
            aria-invalid={check.cfError ? 'true' : 'false'}
            aria-describedby="manual-cf-hint"
            placeholder={t('manual.cfPlaceholder')}
            className={`code big-input${touch && target === 'cf' ? ' osk-target' : ''}`}
            data-testid="manual-cf"
          />
          <span id="manual-cf-hint" className={check.cfError ? 'error' : 'hint'} aria-live="polite">
            {check.cfError ? t(check.cfError) : t('manual.cfHint')}
          </span>
        </div>
        {touch &&
          (target === 'number' ? (
            <OnScreenKeyboard value={number} onChange={typeNumber} maxLength={18} digitsOnly label={`${t('manual.keypad')}: ${t('manual.number')}`} />
          ) : (
            <OnScreenKeyboard value={cf} onChange={setCf} maxLength={11} digitsOnly label={`${t('manual.keypad')}: ${t('manual.fiscalCode')}`} />
          ))}
        {check.warnings.length > 0 && (
          <div className="alert warn" role="status">
            <strong>{t('manual.warnings')}</strong>
            {check.warnings.map((w) => (
              <div key={w.key} className="small">
                {t(w.key, w.values)}
              </div>
            ))}
          </div>
        )}
        <div className="row dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <div className="spacer" />
          <button type="submit" className="btn primary" disabled={!check.ok} data-testid="manual-submit">
            {t('manual.search')} {!touch && <span className="kbd">↵</span>}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
