// Exceptions inbox with the resolution flow (issue #6 §3): each exception lists the actions the core
// accepts; resolving asks for a note (and a supervisor PIN where the core requires it) and is audited.
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/terminal-time';
import type { PaymentException } from '../../common/ipc/queue';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, machineCode, MessageBox } from './messages';
import type { FlowMessage } from '../counter/flow';
import { groupNoticeNumber } from './notice-card';
import { Money } from './money';

/** 'refund: <the clerk's note>' → the action in the UI language and the note as written. */
function resolutionText(t: TFunction, resolution: string | null): React.ReactNode {
  if (!resolution) return '';
  const i = resolution.indexOf(': ');
  const action = i < 0 ? resolution : resolution.slice(0, i);
  const note = i < 0 ? '' : resolution.slice(i + 2);
  return (
    <>
      {t(`exceptions.action.${action}`, { defaultValue: action })}
      {note && <span data-i18n="data"> · {note}</span>}
    </>
  );
}

/** Who, what and how much: everything a person needs to refund or explain, before the technical code. */
function ExceptionFacts({ x }: { x: PaymentException }) {
  const { t, i18n } = useTranslation();
  const when = x.collectedAt ?? x.createdAt;
  return (
    <dl className="facts small" data-testid="exception-facts">
      {x.collectedCents !== null && x.collectedCents !== undefined && (
        <>
          <dt>{t('exceptions.field.paid')}</dt>
          <dd data-testid="exception-amount">
            <Money cents={x.collectedCents} />
            {x.method ? ` · ${t(`done.method.${x.method}`)}` : ''}
            {x.offline ? ` · ${t('exceptions.field.offline')}` : ''}
          </dd>
        </>
      )}
      {(x.creditorName || x.fiscalCode) && (
        <>
          <dt>{t('exceptions.field.creditor')}</dt>
          <dd data-testid="exception-creditor" data-i18n="data">
            {x.creditorName ? `${x.creditorName}${x.fiscalCode ? ` (${x.fiscalCode})` : ''}` : x.fiscalCode}
          </dd>
        </>
      )}
      {x.description && (
        <>
          <dt>{t('exceptions.field.description')}</dt>
          <dd data-i18n="data">{x.description}</dd>
        </>
      )}
      {x.noticeNumber && (
        <>
          <dt>{t('exceptions.field.notice')}</dt>
          <dd className="code">{groupNoticeNumber(x.noticeNumber)}</dd>
        </>
      )}
      {x.localReference && (
        <>
          <dt>{t('exceptions.field.reference')}</dt>
          <dd className="code" data-testid="exception-reference">
            {x.localReference}
          </dd>
        </>
      )}
      <dt>{t('exceptions.field.date')}</dt>
      <dd>{formatDateTime(when, i18n.language)}</dd>
    </dl>
  );
}

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
                <span className="small muted">{formatDateTime(x.createdAt, i18n.language)}</span>
              </div>
              <p data-testid="exception-explain">{t(`exceptions.payer.${x.kind}`, { defaultValue: t('exceptions.payer.generic') })}</p>
              <ExceptionFacts x={x} />
              {machineCode(x.message) && (
                <p className="small muted code msg-code" data-i18n="data">
                  {machineCode(x.message)}
                </p>
              )}
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
                  {t('exceptions.resolvedWith')}: {resolutionText(t, x.resolution)}
                </p>
              )}
              {open?.id === x.id && (
                <div className="resolve-form">
                  {open.action === 'refund' && x.collectedCents ? (
                    <div className="change-row big-change refund" data-testid="refund-amount">
                      <span>{t(x.method === 'card' ? 'void.handBackCard' : 'void.handBack')}</span>
                      <Money cents={x.collectedCents} className="amount-change" />
                    </div>
                  ) : null}
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
