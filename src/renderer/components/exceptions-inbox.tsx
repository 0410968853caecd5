// Exceptions inbox with the resolution flow (issue #6 §3): each exception lists the actions the core
// accepts; resolving asks for a note (and a supervisor PIN where the core requires it) and is audited.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentException } from '../../common/ipc/queue';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from './messages';
import type { FlowMessage } from '../counter/flow';
import { groupNoticeNumber } from './notice-card';

export function ExceptionsInbox({ paymentId, onResolved, refreshKey }: { paymentId?: string; onResolved?: (x: PaymentException) => void; refreshKey?: unknown }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<PaymentException[] | null>(null);
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const [open, setOpen] = useState<{ id: string; action: string } | null>(null);
  const [note, setNote] = useState('');
  const [pin, setPin] = useState('');
  const load = useCallback(async () => {
    try {
      const all = await call('exceptions/list', { status: paymentId ? 'all' : 'open' });
      setItems(paymentId ? all.filter((x) => x.paymentId === paymentId) : all);
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  }, [paymentId, t]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const resolve = async () => {
    if (!open) return;
    setMessage(null);
    try {
      const x = await call('exceptions/resolve', { id: open.id, action: open.action, ...(note ? { note } : {}), ...(pin ? { supervisorPin: pin } : {}) });
      setOpen(null);
      setNote('');
      setPin('');
      onResolved?.(x);
      await load();
    } catch (e) {
      setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language));
    }
  };

  return (
    <div className="exceptions" data-testid="exceptions-inbox">
      {message && <MessageBox m={message} />}
      {items === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('exceptions.none')}</p>
      ) : (
        <ul className="exception-list">
          {items.map((x) => (
            <li key={x.id} className="exception" data-testid="exception-item">
              <div className="row">
                <strong>{t(`exceptions.kind.${x.kind}`, { defaultValue: x.kind })}</strong>
                <span className={`badge ${x.status === 'open' ? 'bad' : 'ok'}`}>{t(`exceptions.status.${x.status}`)}</span>
                <div className="spacer" />
                <span className="small muted">{new Date(x.createdAt).toLocaleString()}</span>
              </div>
              {x.noticeNumber && <div className="code small">{groupNoticeNumber(x.noticeNumber)}</div>}
              <p className="small">{x.message}</p>
              {x.status === 'open' ? (
                <div className="row">
                  {x.actions.map((a) => (
                    <button key={a} type="button" className="btn" onClick={() => setOpen({ id: x.id, action: a })} data-testid={`resolve-${a}`}>
                      {t(`exceptions.action.${a}`, { defaultValue: a })}
                    </button>
                  ))}
                </div>
              ) : (
                <p className="small muted">
                  {t('exceptions.resolvedWith')}: {x.resolution}
                </p>
              )}
              {open?.id === x.id && (
                <div className="resolve-form">
                  <p className="small">{t(`exceptions.explain.${open.action}`, { defaultValue: t('exceptions.explain.generic') })}</p>
                  <div className="field">
                    <label htmlFor={`note-${x.id}`}>{t('exceptions.note')}</label>
                    <input id={`note-${x.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
                  </div>
                  <div className="field">
                    <label htmlFor={`pin-${x.id}`}>{t('exceptions.supervisorPin')}</label>
                    <input id={`pin-${x.id}`} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
                  </div>
                  <div className="row">
                    <button type="button" className="btn" onClick={() => setOpen(null)}>
                      {t('common.cancel')}
                    </button>
                    <button type="button" className="btn primary" onClick={() => void resolve()} data-testid="resolve-confirm">
                      {t('exceptions.confirm')}
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
