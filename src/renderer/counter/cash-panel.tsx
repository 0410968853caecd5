// Cash collection: amount tendered, change, commit (the core opens the drawer on commit).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseEuroInput, MoneyInputError } from '../../common/money';
import type { Payment } from '../../common/ipc/payment';
import { Money, useMoney } from '../components/money';
import { MessageBox } from '../components/messages';
import type { FlowMessage } from './flow';

/** Banknote suggestions above the total: exact, then the next round notes. */
export function quickTenders(total: number): number[] {
  const out = [total];
  for (const note of [500, 1000, 2000, 5000, 10_000, 20_000, 50_000]) {
    const up = Math.ceil(total / note) * note;
    if (up > total && !out.includes(up)) out.push(up);
    if (out.length >= 5) break;
  }
  return out;
}

export function CashPanel({
  payment,
  busy,
  message,
  onCollect,
  onCancel,
}: {
  /** Only the total is read: a single notice's payment, or a cart. */
  payment: Pick<Payment, 'totalCents'>;
  busy: boolean;
  message: FlowMessage | null;
  onCollect: (tenderedCents: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  let tendered: number | null = null;
  let error: string | null = null;
  if (text.trim() !== '') {
    try {
      tendered = parseEuroInput(text);
      if (tendered < payment.totalCents) error = t('cash.tooLittle', { total: fmt(payment.totalCents) });
    } catch (e) {
      error = t(`money.${e instanceof MoneyInputError ? e.kind : 'not-a-number'}`);
    }
  }
  const effective = text.trim() === '' ? payment.totalCents : tendered;
  const change = effective !== null && effective >= payment.totalCents ? effective - payment.totalCents : null;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!busy && !error && effective !== null && effective >= payment.totalCents) onCollect(effective);
  };
  return (
    <section className="card pay-panel" aria-labelledby="cash-title" data-testid="cash-panel">
      <h2 id="cash-title">{t('cash.title')}</h2>
      <div className="due-row">
        <span>{t('cash.toPay')}</span>
        <Money cents={payment.totalCents} className="amount-total" />
      </div>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="tendered">{t('cash.tendered')}</label>
          <input
            ref={input}
            id="tendered"
            inputMode="decimal"
            autoComplete="off"
            className="big-input amount"
            value={text}
            placeholder={fmt(payment.totalCents)}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby="tendered-hint"
            data-testid="cash-tendered"
          />
          <span id="tendered-hint" className={error ? 'error' : 'hint'} aria-live="polite">
            {error ?? t('cash.hint')}
          </span>
        </div>
        <div className="row quick-tenders" role="group" aria-label={t('cash.quick')}>
          {quickTenders(payment.totalCents).map((c) => (
            <button key={c} type="button" className="btn" onClick={() => setText((c / 100).toFixed(2).replace('.', ','))}>
              {fmt(c)}
            </button>
          ))}
        </div>
        <div className="change-row" aria-live="polite" data-testid="cash-change">
          <span>{t('cash.change')}</span>
          <span className="amount amount-change">{change !== null ? fmt(change) : '—'}</span>
        </div>
        {message && <MessageBox m={message} />}
        <div className="row actions">
          <button type="button" className="btn danger" onClick={onCancel} disabled={busy}>
            {t('common.cancel')} <span className="kbd">Esc</span>
          </button>
          <div className="spacer" />
          <button type="submit" className="btn ok big" disabled={busy || !!error} data-testid="cash-confirm">
            {busy ? t('cash.committing') : t('cash.confirm')} <span className="kbd">↵</span>
          </button>
        </div>
      </form>
    </section>
  );
}
