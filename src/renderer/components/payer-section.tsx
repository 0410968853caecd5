// Optional payer data (issue #12 §6): a collapsed "Pagatore" section on the payment screen. Never required;
// the core validates and records it (payment/setPayer → SaleService.setPayer) before the money is taken,
// and sends it in sendPaymentOutcome details.payer. The same check (src/common/payer.ts) gives live feedback.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../common/ipc/payment';
import { checkPayer, payerProblemMessage } from '../../common/payer';
import { call, toUiError } from '../bridge/bridge';

type Saved = NonNullable<Payment['payer']>;

export function PayerSection({ paymentId, initial }: { paymentId: string; initial?: Saved | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const [id, setId] = useState(initial?.id ?? '');
  const [fullName, setFullName] = useState(initial?.fullName ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [saved, setSaved] = useState<Saved | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const touched = id.trim() !== '' || fullName.trim() !== '' || email.trim() !== '';
  const check = touched ? checkPayer({ id, fullName, email }) : null;
  const problem = check && !check.ok ? check : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const p = await call('payment/setPayer', { paymentId, payer: touched ? { id, fullName, email: email.trim() === '' ? null : email } : null });
      setSaved(p.payer ?? null);
    } catch (err) {
      const u = toUiError(err);
      setError(
        u.code?.startsWith('payer-') && u.code !== 'payer-too-late' && u.code !== 'payer-not-offered'
          ? t('payer.invalid')
          : t(`payer.error.${u.code ?? 'other'}`, { defaultValue: t('payer.error.other') }),
      );
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: 'id' | 'fullName' | 'email') => (problem && problem.field === field ? payerProblemMessage(problem.problem, lang) : null);
  return (
    <details className="card payer-section" data-testid="payer-section">
      <summary>
        {t('payer.title')} <span className="small">{saved ? `${saved.fullName} · ${saved.id}` : t('payer.optional')}</span>
      </summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="small">{t('payer.hint')}</p>
        {(
          [
            ['id', id, setId, 'payer.id', 'RSSMRA85T10A562S / 01199250158'],
            ['fullName', fullName, setFullName, 'payer.fullName', ''],
            ['email', email, setEmail, 'payer.email', 'nome@esempio.it'],
          ] as const
        ).map(([field, value, set, label, placeholder]) => {
          const err = fieldError(field);
          return (
            <div className="field" key={field}>
              <label htmlFor={`payer-${field}`}>{t(label)}</label>
              <input
                id={`payer-${field}`}
                autoComplete="off"
                value={value}
                onChange={(e) => set(e.target.value)}
                aria-invalid={err ? 'true' : 'false'}
                aria-describedby={`payer-${field}-hint`}
                placeholder={placeholder}
                className={field === 'id' ? 'code' : undefined}
                data-testid={`payer-${field}`}
              />
              <span id={`payer-${field}-hint`} className={err ? 'error' : 'hint'} aria-live="polite">
                {err ?? ''}
              </span>
            </div>
          );
        })}
        {error && (
          <div className="alert bad" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button type="submit" className="btn" disabled={busy || problem !== null || (!touched && saved === null)} data-testid="payer-save">
            {touched ? t('payer.save') : t('payer.clear')}
          </button>
          {saved && (
            <span className="small" role="status" data-testid="payer-saved">
              {t('payer.saved')}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
