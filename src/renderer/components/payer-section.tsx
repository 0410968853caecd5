// Optional payer data (issue #12 §6): a collapsed "Pagatore" section on the payment screen. Never required;
// the core validates and records it (payment/setPayer → SaleService.setPayer) before the money is taken,
// and sends it in sendPaymentOutcome details.payer. The same check (src/common/payer.ts) gives live feedback.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../common/ipc/payment';
import { checkPayer, payerProblemMessage } from '../../common/payer';
import { call, toUiError } from '../bridge/bridge';

type Saved = NonNullable<Payment['payer']>;

/** What is typed in the fields, saved or not: it follows the quote on screen into the cart it becomes. */
export type PayerDraft = { readonly id: string; readonly fullName: string; readonly email: string };

/**
 * For one payment (`paymentId`, payment/setPayer) or for a whole cart (`cartId`, cart/setPayer: every
 * notice of it). `draft` fills the fields with text typed elsewhere; `onDraft` reports every keystroke.
 */
export function PayerSection({
  paymentId,
  cartId,
  initial,
  draft,
  onDraft,
}: {
  paymentId?: string;
  cartId?: string;
  initial?: Saved | null;
  draft?: PayerDraft | null;
  onDraft?: (d: PayerDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const [id, setIdState] = useState(draft?.id ?? initial?.id ?? '');
  const [fullName, setFullNameState] = useState(draft?.fullName ?? initial?.fullName ?? '');
  const [email, setEmailState] = useState(draft?.email ?? initial?.email ?? '');
  const setId = (v: string) => {
    setIdState(v);
    onDraft?.({ id: v, fullName, email });
  };
  const setFullName = (v: string) => {
    setFullNameState(v);
    onDraft?.({ id, fullName: v, email });
  };
  const setEmail = (v: string) => {
    setEmailState(v);
    onDraft?.({ id, fullName, email: v });
  };
  const [saved, setSaved] = useState<Saved | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const touched = id.trim() !== '' || fullName.trim() !== '' || email.trim() !== '';
  const check = touched ? checkPayer({ id, fullName, email }) : null;
  const problem = check && !check.ok ? check : null;
  // Collapsed as a rule; open when it arrives with typed text not saved yet, so it is not forgotten.
  const [startOpen] = useState(() => {
    if (!draft || !touched) return false;
    const c = checkPayer({ id, fullName, email });
    return !c.ok || c.payer.id !== initial?.id || c.payer.fullName !== initial.fullName || (c.payer.email ?? '') !== (initial.email ?? '');
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const payer = touched ? { id, fullName, email: email.trim() === '' ? null : email } : null;
      const p = cartId ? await call('cart/setPayer', { cartId, payer }) : await call('payment/setPayer', { paymentId: paymentId!, payer });
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
    <details className="card payer-section" data-testid="payer-section" open={startOpen || undefined}>
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
