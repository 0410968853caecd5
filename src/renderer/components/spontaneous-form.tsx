// A spontaneous payment's form (issue #13): the service (the region's, preselected from configuration),
// then the fields the core's form definition lists (bollo auto: vehicle type and plate), generic so a new
// catalogue service needs no screen change. Every check is the core's: its answer is a quote (paid through
// the normal flow), one message per mistake (shown under its field), or a refusal in the screen's language.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Quote } from '../../common/ipc/notice';
import type { DemandResult, FieldErrorView, LocalText, SpontaneousServices } from '../../common/ipc/spontaneous';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox, type Audience } from './messages';
import { OnScreenKeyboard } from './on-screen-keyboard';
import type { FlowMessage } from '../counter/flow';

export type DemandedService = Extract<DemandResult, { kind: 'quote' }>['service'];

export const BOLLO_AUTO_FORM = 'TassaAutomobilistica_1_1_0';

const local = (x: LocalText, lang: string) => (lang.startsWith('en') ? x.en : x.it);

export function SpontaneousForm({
  formId,
  audience,
  onQuote,
  onCancel,
  cartId,
}: {
  formId: string;
  audience: Audience;
  /** `joinedCart`: the cart the notice joined (when `cartId` was given), else null. */
  onQuote: (quote: Quote, service: DemandedService, joinedCart: string | null) => void;
  onCancel: () => void;
  /** A cart being built: the demanded notice joins it (issue #12/#13) instead of being paid alone. */
  cartId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [data, setData] = useState<SpontaneousServices | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrorView[]>([]);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusField, setFocusField] = useState<string | null>(null);
  const kiosk = audience === 'citizen';

  useEffect(() => {
    let live = true;
    call('spontaneous/services')
      .then((d) => {
        if (!live) return;
        setData(d);
        setServiceId(d.defaults[formId] ?? d.services.find((s) => s.xsdRiferimento === formId)?.serviceId ?? d.services[0]?.serviceId ?? '');
      })
      .catch((e: unknown) => live && setMessage(errorMessage(t, toUiError(e), audience, lang)));
    return () => {
      live = false;
    };
  }, [formId, audience, lang, t]);

  // Every collectable service is offered (grouped by form); the one asked for (bollo auto) comes first and is
  // preselected for the terminal's region. The fields are those of the chosen service's form.
  const services = [...(data?.services ?? [])].sort((a, b) => Number(b.xsdRiferimento === formId) - Number(a.xsdRiferimento === formId));
  const selected = services.find((s) => s.serviceId === serviceId) ?? null;
  const form = data?.forms.find((f) => f.xsdRiferimento === selected?.xsdRiferimento) ?? null;
  const formKey = form?.xsdRiferimento ?? null;
  // A new form starts from its first options, with the keyboard on its first text field (only when the form
  // changes, not on each render: formKey is the dependency).
  useEffect(() => {
    if (!form) return;
    const first: Record<string, string> = {};
    for (const f of form.fields) if (f.kind === 'choice' && f.options[0]) first[f.id] = f.options[0].value;
    setValues(first);
    setErrors([]);
    setFocusField(form.fields.find((f) => f.kind === 'text')?.id ?? null);
  }, [formKey]);
  const groups = (data?.forms ?? []).map((f) => ({ form: f, services: services.filter((s) => s.xsdRiferimento === f.xsdRiferimento) })).filter((g) => g.services.length > 0);
  groups.sort((a, b) => Number(b.form.xsdRiferimento === formId) - Number(a.form.xsdRiferimento === formId));
  const errorFor = (field: string) => errors.find((e) => e.field === field);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!serviceId || busy) return;
    setBusy(true);
    setErrors([]);
    setMessage(null);
    try {
      const r = await call('spontaneous/demand', { serviceId, values, ...(cartId ? { cartId } : {}) });
      if (r.kind === 'quote') onQuote(r.quote, r.service, r.cartId ?? null);
      else if (r.kind === 'invalid') setErrors(r.errors);
      else
        setMessage({
          tone: r.code === 'nothing-due' ? 'warn' : 'bad',
          title: t(`spontaneous.refusal.${r.code}`, { defaultValue: t('spontaneous.refusal.other') }),
          detail: local(r.message, lang),
          ...(audience === 'clerk' && r.faultCode ? { code: r.faultCode } : {}),
        });
    } catch (err) {
      setMessage(errorMessage(t, toUiError(err), audience, lang));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return message ? <MessageBox m={message} testId="spontaneous-message" /> : <p role="status">{t('common.loading')}</p>;
  if (!data.enabled || !form || services.length === 0)
    return (
      <div className="spontaneous-form">
        <MessageBox
          m={{ tone: 'warn', title: t('spontaneous.unavailable.title'), detail: t(data.fetchedAt ? 'spontaneous.unavailable.noService' : 'spontaneous.unavailable.noCatalogue') }}
          testId="spontaneous-message"
        />
        <button type="button" className="btn big" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    );

  return (
    <form className={kiosk ? 'spontaneous-form kiosk' : 'spontaneous-form'} onSubmit={(e) => void submit(e)} noValidate data-testid="spontaneous-form">
      <div className="field">
        <label htmlFor="spontaneous-service">{t('spontaneous.service')}</label>
        <select id="spontaneous-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="spontaneous-service">
          {groups.map((g) => (
            <optgroup key={g.form.xsdRiferimento} label={local(g.form.title, lang)}>
              {g.services.map((s) => (
                <option key={s.serviceId} value={s.serviceId} data-i18n="data">
                  {s.creditorName} — {s.description}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {form.fields.map((f) => {
        const err = errorFor(f.id);
        const id = `spontaneous-${f.id}`;
        if (f.kind === 'choice')
          return (
            <fieldset key={f.id} className="field choice" aria-describedby={err ? `${id}-error` : undefined}>
              <legend>{local(f.label, lang)}</legend>
              <div className="choice-options">
                {f.options.map((o) => (
                  <label key={o.value} className={values[f.id] === o.value ? 'choice-option selected' : 'choice-option'}>
                    <input type="radio" name={id} value={o.value} checked={values[f.id] === o.value} onChange={() => setValues({ ...values, [f.id]: o.value })} data-testid={`${id}-${o.value}`} />
                    <span>{local(o.label, lang)}</span>
                  </label>
                ))}
              </div>
              {err && (
                <span id={`${id}-error`} className="error" role="alert" data-testid={`field-error-${f.id}`} data-code={err.code}>
                  {local(err.message, lang)}
                </span>
              )}
            </fieldset>
          );
        return (
          <div key={f.id} className="field">
            <label htmlFor={id}>{local(f.label, lang)}</label>
            <input
              id={id}
              className="code big-input"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              inputMode={f.keyboard === 'digits' ? 'numeric' : 'text'}
              maxLength={f.maxLength ?? undefined}
              value={values[f.id] ?? ''}
              readOnly={kiosk}
              onFocus={() => setFocusField(f.id)}
              onChange={(e) => setValues({ ...values, [f.id]: e.target.value.toUpperCase() })}
              aria-invalid={err ? 'true' : 'false'}
              aria-describedby={`${id}-hint`}
              data-testid={id}
              // The clerk types the plate at once (the dialog opened before the services arrived).
              autoFocus={!kiosk && focusField === f.id}
            />
            <span id={`${id}-hint`} className={err ? 'error' : 'hint'} aria-live="polite" {...(err ? { 'data-testid': `field-error-${f.id}`, 'data-code': err.code } : {})}>
              {err ? local(err.message, lang) : f.hint ? local(f.hint, lang) : ''}
            </span>
            {kiosk && focusField === f.id && (
              <OnScreenKeyboard
                value={values[f.id] ?? ''}
                maxLength={f.maxLength ?? 16}
                digitsOnly={f.keyboard === 'digits'}
                label={t('spontaneous.keyboard.label', { field: local(f.label, lang) })}
                onChange={(v) => setValues({ ...values, [f.id]: v })}
              />
            )}
          </div>
        );
      })}
      {message && <MessageBox m={message} testId="spontaneous-message" />}
      <div className="row dialog-actions">
        <button type="button" className="btn big" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <div className="spacer" />
        <button type="submit" className="btn primary big" disabled={busy || !serviceId} data-testid="spontaneous-submit">
          {busy ? t('spontaneous.searching') : t('spontaneous.search')} {!kiosk && <span className="kbd">↵</span>}
        </button>
      </div>
    </form>
  );
}
