// Notice card (issue #6 §3): creditor, description, amount due now (and the printed amount when
// different, pagopa-psp.md §1.1: the node's amount wins), due date, fee, total.
import { useTranslation } from 'react-i18next';
import { Money } from './money';

export type NoticeCardData = {
  creditorName: string;
  description: string;
  noticeNumber: string;
  fiscalCode: string;
  amountCents: number;
  printedAmountCents: number | null;
  dueDate: string | null;
  feeCents: number;
  totalCents: number;
  verifiedOnline?: boolean;
  /** Issue #12 §5: the node answered in Stand-In. */
  standin?: boolean;
  /** Issue #12 §4: false = the fee shown is provisional (pagoPA's fee comes with activation). */
  feeFinal?: boolean;
};

/** "300715700000000032" → "3007 1570 0000 0000 32", the grouping printed on the notice (§1.1). */
export function groupNoticeNumber(n: string): string {
  return n.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function formatDate(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return language === 'en' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

export function NoticeCard({ data, large }: { data: NoticeCardData; large?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section className={large ? 'card notice-card large' : 'card notice-card'} aria-labelledby="notice-card-title" data-testid="notice-card">
      <div className="notice-head">
        <div>
          <div className="eyebrow">{t('notice.creditor')}</div>
          {/* The creditor's name and the notice's purpose are the creditor's words (data-i18n="data"), not the UI's. */}
          <h2 id="notice-card-title" data-testid="notice-creditor" data-i18n={data.creditorName ? 'data' : undefined}>
            {data.creditorName || t('notice.creditorUnknown', { fiscalCode: data.fiscalCode })}
          </h2>
          {/* Offline the node could not name the creditor: say so instead of an empty heading. */}
          {!data.creditorName && (
            <p className="small muted" data-testid="notice-creditor-offline">
              {t('notice.creditorOffline')}
            </p>
          )}
          <p className="notice-desc" data-testid="notice-description" data-i18n="data">
            {data.description}
          </p>
        </div>
        {data.verifiedOnline === false && <span className="badge warn">{t('notice.notVerified')}</span>}
        {data.standin === true && (
          <span className="badge warn" title={t('notice.standinHint')} data-testid="notice-standin">
            {t('notice.standin')}
          </span>
        )}
      </div>
      <dl className="notice-facts">
        <div>
          <dt>{t('notice.number')}</dt>
          <dd className="code num" data-testid="notice-number">
            {groupNoticeNumber(data.noticeNumber)}
          </dd>
        </div>
        <div>
          <dt>{t('notice.fiscalCode')}</dt>
          <dd className="code num">{data.fiscalCode}</dd>
        </div>
        <div>
          <dt>{t('notice.dueDate')}</dt>
          <dd>{data.dueDate ? formatDate(data.dueDate, i18n.language) : t('notice.noDueDate')}</dd>
        </div>
      </dl>
      <div className="notice-amounts">
        <div className="amount-line">
          <span>{t('notice.amountDue')}</span>
          <Money cents={data.amountCents} className="amount-due" />
        </div>
        {data.printedAmountCents !== null && data.printedAmountCents !== data.amountCents && (
          <div className="amount-line printed" data-testid="notice-printed-amount">
            {/* The note goes with the label: the amount stays at the row's end, under the others. */}
            <span>
              {t('notice.printedAmount')} <span className="small">{t('notice.amountUpdated')}</span>
            </span>
            <Money cents={data.printedAmountCents} />
          </div>
        )}
        <div className="amount-line">
          <span>
            {t('notice.fee')}{' '}
            {data.feeFinal === false && (
              <span className="small" data-testid="notice-fee-provisional">
                {t('notice.feeProvisional')}
              </span>
            )}
          </span>
          <Money cents={data.feeCents} />
        </div>
        <div className="amount-line total">
          <span>{t('notice.total')}</span>
          <Money cents={data.totalCents} className="amount-total" />
        </div>
      </div>
    </section>
  );
}
