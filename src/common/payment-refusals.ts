// Why the payment engine refuses a payment → message, for clerks and citizens, in Italian and English.
// Node faults keep the wording of node-faults.ts (MIL grouping, pagopa-psp.md §3.10); the engine's own
// refusals are the offline policy (pagopa-psp.md §4, pos-practice.md §7), the local store and the
// one-payment-per-notice guard. Say what happened and what to do (issue #6 design notes).
import { FAULT_CATEGORIES, faultMessage, type FaultCategory } from './node-faults';

export type RefusalLanguage = 'it' | 'en';
export type RefusalAudience = 'clerk' | 'citizen';

/** Refusals decided by the engine itself, not by the node. */
export type EngineRefusalCategory =
  | 'offline-disabled'
  | 'offline-limit'
  | 'amount-required'
  | 'store-unavailable'
  | 'duplicate-in-flight'
  | 'node-answer-mismatch'
  | 'amount-out-of-range'
  /** Issue #12 §7: cash above the configured ceiling per transaction. */
  | 'cash-ceiling'
  /** Issue #12 §7: the notice needs a digital revenue stamp (richiestaMarcaDaBollo), which this terminal does not issue. */
  | 'revenue-stamp'
  /** Issue #12 §7, pagopa-extra.md §g: several payment options (or a non-EQ one) that SANP does not let a PSP pay by verify. */
  | 'payment-options';

/** Every category the payment engine returns in a refusal. */
export type PaymentRefusalCategory = FaultCategory | EngineRefusalCategory;

export const ENGINE_REFUSAL_CATEGORIES = [
  'offline-disabled',
  'offline-limit',
  'amount-required',
  'store-unavailable',
  'duplicate-in-flight',
  'node-answer-mismatch',
  'amount-out-of-range',
  'cash-ceiling',
  'revenue-stamp',
  'payment-options',
] as const satisfies readonly EngineRefusalCategory[];

/** All of them, as a non-empty tuple (zod enums in src/common/ipc need one). */
export const PAYMENT_REFUSAL_CATEGORIES = [...FAULT_CATEGORIES, ...ENGINE_REFUSAL_CATEGORIES] as const satisfies readonly PaymentRefusalCategory[];

type Texts = { clerk: string; citizen: string };
const ENGINE_MESSAGES: Record<RefusalLanguage, Record<EngineRefusalCategory, Texts>> = {
  it: {
    'offline-disabled': {
      clerk: 'pagoPA non è raggiungibile e su questo terminale il pagamento offline non è ammesso: servizio sospeso finché il collegamento non torna.',
      citizen: 'Servizio momentaneamente non disponibile: pagoPA non è raggiungibile. Riprova più tardi.',
    },
    'offline-limit': {
      clerk: 'pagoPA non è raggiungibile e questo pagamento supera i limiti del pagamento offline (importo, totale o attesa in coda): attendi il ritorno del collegamento.',
      citizen: 'Il pagamento non può essere accettato in questo momento. Riprova più tardi.',
    },
    'amount-required': {
      clerk: "pagoPA non è raggiungibile: digita l'importo stampato sull'avviso.",
      citizen: "Serve l'importo stampato sull'avviso: rivolgiti al personale.",
    },
    'store-unavailable': {
      clerk: 'Il pagamento non può essere registrato su questo terminale: non è stato addebitato nulla. Chiama il tecnico.',
      citizen: 'Il pagamento non può essere registrato in questo momento: non è stato addebitato nulla. Riprova più tardi.',
    },
    'duplicate-in-flight': {
      clerk: 'Un pagamento di questo avviso è già in corso su questo terminale: completalo o annullalo prima di ripartire.',
      citizen: 'Il pagamento di questo avviso è già in corso. Rivolgiti al personale.',
    },
    'node-answer-mismatch': {
      clerk: "La risposta di pagoPA non corrisponde all'avviso letto (ente creditore diverso): pagamento rifiutato, non è stato incassato nulla. Segnala l'avviso al tecnico.",
      citizen: 'Questo avviso non può essere pagato qui in questo momento: non è stato addebitato nulla. Rivolgiti al personale.',
    },
    'amount-out-of-range': {
      clerk: "L'importo comunicato da pagoPA è zero o supera il massimo ammesso su questo terminale: pagamento rifiutato, non è stato incassato nulla. Verifica l'avviso con l'ente.",
      citizen: 'Questo avviso non può essere pagato qui: non è stato addebitato nulla. Rivolgiti al personale.',
    },
    'cash-ceiling': {
      clerk: 'Il totale supera il limite per i pagamenti in contanti su questo terminale: incassa con carta, oppure dividi gli avvisi in più pagamenti.',
      citizen: 'Questo importo non può essere pagato in contanti: paga con carta.',
    },
    'revenue-stamp': {
      clerk: "Questo avviso richiede una marca da bollo digitale, che questo sportello non può emettere: non è stato incassato nulla. Il cittadino può pagarlo con l'app IO o sul sito dell'ente.",
      citizen: "Questo avviso richiede una marca da bollo digitale e non può essere pagato qui: non è stato addebitato nulla. Puoi pagarlo con l'app IO o sul sito dell'ente.",
    },
    'payment-options': {
      clerk:
        "L'avviso offre più opzioni di pagamento (per esempio rate o importo libero): pagoPA consente al PSP di incassare solo un importo unico. Paga ogni rata con il proprio codice avviso, oppure verifica con l'ente.",
      citizen: "Questo avviso prevede più opzioni di pagamento e non può essere pagato qui così: usa il codice avviso della singola rata o rivolgiti all'ente.",
    },
  },
  en: {
    'offline-disabled': {
      clerk: 'pagoPA cannot be reached and offline payments are not allowed on this terminal: out of service until the connection returns.',
      citizen: 'This service is temporarily unavailable: pagoPA cannot be reached. Please try again later.',
    },
    'offline-limit': {
      clerk: 'pagoPA cannot be reached and this payment exceeds the offline limits (amount, total or queue age): wait for the connection to return.',
      citizen: 'The payment cannot be accepted right now. Please try again later.',
    },
    'amount-required': {
      clerk: 'pagoPA cannot be reached: type the amount printed on the notice.',
      citizen: 'The amount printed on the notice is needed: please ask the staff.',
    },
    'store-unavailable': {
      clerk: 'The payment cannot be recorded on this terminal: nothing was charged. Call the technician.',
      citizen: 'The payment cannot be recorded right now: nothing was charged. Please try again later.',
    },
    'duplicate-in-flight': {
      clerk: 'A payment of this notice is already in progress on this terminal: finish or cancel it first.',
      citizen: 'A payment of this notice is already in progress. Please ask the staff.',
    },
    'node-answer-mismatch': {
      clerk: "pagoPA's answer does not match the notice read (a different creditor): payment refused, nothing was collected. Report the notice to the technician.",
      citizen: 'This notice cannot be paid here right now: nothing was charged. Please ask the staff.',
    },
    'amount-out-of-range': {
      clerk: 'The amount pagoPA gave is zero or above the maximum this terminal accepts: payment refused, nothing was collected. Check the notice with the creditor.',
      citizen: 'This notice cannot be paid here: nothing was charged. Please ask the staff.',
    },
    'cash-ceiling': {
      clerk: 'The total is above the cash limit of this terminal: take it by card, or split the notices into several payments.',
      citizen: 'This amount cannot be paid in cash: please pay by card.',
    },
    'revenue-stamp': {
      clerk: 'This notice needs a digital revenue stamp (marca da bollo), which this counter cannot issue: nothing was collected. The citizen can pay it in the IO app or on the creditor’s website.',
      citizen: 'This notice needs a digital revenue stamp and cannot be paid here: nothing was charged. You can pay it in the IO app or on the creditor’s website.',
    },
    'payment-options': {
      clerk:
        'The notice offers several payment options (e.g. instalments or a free amount): pagoPA lets a PSP collect only a single amount. Pay each instalment with its own notice code, or check with the creditor.',
      citizen: 'This notice has several payment options and cannot be paid here as it is: use the notice code of the single instalment or ask the creditor.',
    },
  },
};

export function isPaymentRefusalCategory(value: unknown): value is PaymentRefusalCategory {
  return typeof value === 'string' && (PAYMENT_REFUSAL_CATEGORIES as readonly string[]).includes(value);
}

function isFaultCategory(c: PaymentRefusalCategory): c is FaultCategory {
  return (FAULT_CATEGORIES as readonly string[]).includes(c);
}

export function paymentRefusalMessage(category: PaymentRefusalCategory, lang: RefusalLanguage, audience: RefusalAudience): string {
  if (isFaultCategory(category)) return faultMessage(category, lang, audience);
  return ENGINE_MESSAGES[lang][category][audience];
}
