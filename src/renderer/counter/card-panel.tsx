// Card collection with live terminal status and cancel (issue #6 §3). The cancel button asks the
// core; only the terminal's answer ends the payment (pos-practice.md §2 D17: no optimistic cancel).
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../common/ipc/payment';
import { Money } from '../components/money';

export const CARD_STAGES = ['connecting', 'insert-card', 'pin', 'authorizing', 'approved', 'declined', 'printing'] as const;

/** Protocollo 17 terminals report their display text; the usual ones map to a translated stage. */
const TERMINAL_TEXT: [RegExp, string][] = [
  [/INSERIRE|AVVICINARE|STRISCIARE|CARTA/i, 'insert-card'],
  [/PIN/i, 'pin'],
  [/ATTENDERE|AUTORIZZ|ELABORAZ/i, 'authorizing'],
  [/RIFIUTAT|NEGAT/i, 'declined'],
  [/APPROVAT|ESEGUIT/i, 'approved'],
];

export function stageKey(stage: string | null, message: string | null): string {
  if (stage && (CARD_STAGES as readonly string[]).includes(stage)) return stage;
  if (message) for (const [re, key] of TERMINAL_TEXT) if (re.test(message)) return key;
  return 'waiting';
}

export function CardPanel({
  payment,
  stage,
  stageMessage = null,
  cancelling,
  onCancel,
  audience = 'clerk',
}: {
  /** Only the total is read: a single notice's payment, or a cart. */
  payment: Pick<Payment, 'totalCents'>;
  stage: string | null;
  stageMessage?: string | null;
  cancelling: boolean;
  onCancel: () => void;
  audience?: 'clerk' | 'citizen';
}) {
  const { t } = useTranslation();
  const key = stageKey(stage, stageMessage);
  return (
    <section className="card pay-panel card-pay" aria-labelledby="card-title" data-testid="card-panel">
      <h2 id="card-title">{t(`card.title.${audience}`)}</h2>
      <div className="due-row">
        <span>{t('cash.toPay')}</span>
        <Money cents={payment.totalCents} className="amount-total" />
      </div>
      <div className="terminal-stage" role="status" aria-live="polite" data-testid="card-stage" data-stage={key}>
        <span className="spinner" aria-hidden="true" />
        <span>{t(`card.stage.${key}`)}</span>
        {/* The terminal's own display text, as it shows it. */}
        {audience === 'clerk' && stageMessage && (
          <span className="code small terminal-text" data-i18n="data">
            {stageMessage}
          </span>
        )}
      </div>
      {cancelling && (
        <p className="alert info" role="status" data-testid="card-cancel-hint">
          {t('card.cancelHint')}
        </p>
      )}
      <div className="row actions">
        <button type="button" className="btn danger big" onClick={onCancel} disabled={cancelling} data-testid="card-cancel">
          {cancelling ? t('card.cancelling') : t('common.cancel')} {audience === 'clerk' && <span className="kbd">Esc</span>}
        </button>
      </div>
    </section>
  );
}
