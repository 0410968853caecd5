// Void (storno) of a paid payment: reason required, supervisor PIN, audited by the core.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../common/ipc/payment';
import { call, toUiError } from '../bridge/bridge';
import { Dialog } from '../components/dialog';
import { errorMessage, MessageBox } from '../components/messages';
import { Money } from '../components/money';
import { groupNoticeNumber } from '../components/notice-card';
import type { FlowMessage } from './flow';

export function VoidDialog({ payment, onClose, onVoided }: { payment: Payment; onClose: () => void; onVoided: (p: Payment) => void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      onVoided(await call('payment/void', { paymentId: payment.id, reason: reason.trim(), ...(pin ? { supervisorPin: pin } : {}) }));
    } catch (err) {
      setMessage(errorMessage(t, toUiError(err), 'clerk', i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('void.title')} onClose={onClose} testId="void-dialog">
      <form onSubmit={(e) => void submit(e)}>
        {/* Which payment is voided: creditor (its fiscal code offline, when the node never named it), notice, amount. */}
        <p data-testid="void-summary">
          <strong data-i18n={payment.creditorName ? 'data' : undefined}>{payment.creditorName || t('notice.creditorUnknown', { fiscalCode: payment.fiscalCode })}</strong>
          {' · '}
          <span className="code">{groupNoticeNumber(payment.noticeNumber)}</span>
          {' · '}
          <Money cents={payment.totalCents} />
        </p>
        <p className="small muted">{t('void.explain')}</p>
        <div className="field">
          <label htmlFor="void-reason">{t('void.reason')}</label>
          <input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="void-pin">{t('exceptions.supervisorPin')}</label>
          <input id="void-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </div>
        {message && <MessageBox m={message} />}
        <div className="row dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <div className="spacer" />
          <button type="submit" className="btn danger" disabled={busy || reason.trim() === ''} data-testid="void-confirm">
            {t('void.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
