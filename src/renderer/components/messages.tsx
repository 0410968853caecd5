// Turn core answers into plain-language messages (issue #6 design notes: say what happened and what
// to do; the code is shown small, for technicians). Wording per audience: clerk or citizen.
import type { TFunction } from 'i18next';
import type { Refusal } from '../../common/ipc/notice';
import { faultCategory, faultCodeMessage, faultMessage } from '../../common/node-faults';
import { isPaymentRefusalCategory, paymentRefusalMessage, type RefusalLanguage } from '../../common/payment-refusals';
import type { UiCallError } from '../bridge/bridge';
import { formatMoney } from './money';
import type { FlowMessage } from '../counter/flow';

export type Audience = 'clerk' | 'citizen';

/** The shared wordings exist in Italian and English only; other languages keep the locale's text. */
function refusalLanguage(lang: string): RefusalLanguage | null {
  return lang === 'it' || lang === 'en' ? lang : null;
}

export function refusalMessage(t: TFunction, r: Refusal, audience: Audience, lang: string): FlowMessage {
  const tone = r.category === 'already-paid' ? 'warn' : 'bad';
  const rl = refusalLanguage(lang);
  // The engine's category first: it has already read through wrapped faults (PPT_ERRORE_EMESSO_DA_PAA
  // carrying PAA_PAGAMENTO_DUPLICATO is "already paid", pagopa-psp.md §3.10), which the bare faultCode cannot.
  const fromEngine = r.reason && rl ? paymentRefusalMessage(r.reason, rl, audience) : null;
  // Some fault codes say more than their category: an unknown creditor means "check the creditor's fiscal
  // code", an unknown station "the notice number is wrong" (node-faults.ts faultCodeMessage).
  const fromCode = r.faultCode && rl ? (faultCodeMessage(r.faultCode, rl, audience) ?? null) : null;
  // A node fault has the shared wording of node-faults.ts (pagopa-psp.md §3.10); other refusals ours.
  const fromNode = r.faultCode && /^(PPT|PAA)_/.test(r.faultCode) && rl ? faultMessage(faultCategory({ faultCode: r.faultCode }), rl, audience) : null;
  // Issue #12 §7: a notice with several payment options lists them all (none is paid here).
  const options = r.paymentOptions?.length
    ? ` ${t('notice.options')}: ${r.paymentOptions.map((o) => [formatMoney(o.amountCents, lang), o.dueDate, o.paymentNote].filter(Boolean).join(' ')).join(' · ')}`
    : '';
  return {
    tone,
    title: t(`refusal.${audience}.${r.category}.title`),
    detail: (fromCode ?? fromEngine ?? fromNode ?? t(`refusal.${audience}.${r.category}.action`)) + options,
    // Only the machine code, never the engine's English prose (issue #11 §11): the detail above says it.
    code: r.faultCode,
  };
}

export function errorMessage(t: TFunction, e: UiCallError, audience: Audience, lang: string): FlowMessage {
  const rl = refusalLanguage(lang);
  // payment/begin refusals carry the engine's category as the code (src/main/app/payment-handlers.ts).
  const fromEngine = rl && isPaymentRefusalCategory(e.code) ? paymentRefusalMessage(e.code, rl, audience) : e.code === 'no-open-shift' ? t('shift.required') : null;
  // A node refusal leads its message with the node's fault code (SaleService.begin): the codes that say
  // more than their category (unknown creditor, unknown station) get their own wording, as at lookup.
  const faultCode = /^((?:PPT|PAA)_[A-Z_]+):/.exec(e.message)?.[1];
  const fromCode = faultCode && rl ? (faultCodeMessage(faultCode, rl, audience) ?? null) : null;
  return {
    tone: 'bad',
    title: t(`ipcError.${audience}.${e.kind}.title`, { defaultValue: t(`ipcError.${audience}.internal.title`) }),
    detail: fromCode ?? fromEngine ?? t(`ipcError.${audience}.${e.kind}.action`, { defaultValue: t(`ipcError.${audience}.internal.action`) }),
    // Machine codes only: the node's fault code when the refusal carries one (what a technician looks up),
    // then the engine's category.
    code: [faultCode, e.code].filter((c, i, all) => c && all.indexOf(c) === i).join(' · ') || undefined,
  };
}

/**
 * The stable code in the engine's detail (a node fault code, or a one-word code), for technicians; the
 * engine's English sentence is not shown (issue #11 §11): the translated text says it in the UI language.
 */
export function machineCode(message: string | null | undefined): string | null {
  const m = (message ?? '').trim();
  const fault = /^((?:PPT|PAA)_[A-Z0-9_]+)/.exec(m);
  if (fault) return fault[1] ?? null;
  return /^[A-Za-z0-9_.-]+$/.test(m) && /[-_]/.test(m) ? m : null;
}

export function MessageBox({ m, testId }: { m: FlowMessage; testId?: string }) {
  return (
    <div className={`alert ${m.tone}`} role={m.tone === 'bad' ? 'alert' : 'status'} data-testid={testId ?? 'flow-message'}>
      <strong>{m.title}</strong>
      {m.detail && <span>{m.detail}</span>}
      {m.code && (
        <div className="code small msg-code" data-i18n="data">
          {m.code}
        </div>
      )}
    </div>
  );
}
