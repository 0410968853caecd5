// Node fault → category → message, for clerks and citizens, in Italian and English.
// Grouping follows pagoPA's MIL `node.error.map` (pagopa-psp.md §3.10): keys are faultCode or
// `faultCode-originalFaultCode`; PAA_* codes arrive wrapped in PPT_ERRORE_EMESSO_DA_PAA.
export const FAULT_CATEGORIES = [
  'already-paid',
  'expired',
  'revoked',
  'unknown-notice',
  'in-progress',
  'creditor-unreachable',
  'wrong-notice-data',
  'terminal-config',
  'node-error',
  'token-expired',
  'unexpected',
] as const;

export type FaultCategory = (typeof FAULT_CATEGORIES)[number];

// PAA_* (originalFaultCode) → category: MIL outcomes 4–8; other EC errors are MIL 3 (creditor problems),
// except PAA_SEMANTICA which MIL lists as NOTICE_GLITCH.
const BY_ORIGINAL: Record<string, FaultCategory> = {
  PAA_PAGAMENTO_DUPLICATO: 'already-paid',
  PAA_PAGAMENTO_SCADUTO: 'expired',
  PAA_PAGAMENTO_ANNULLATO: 'revoked',
  PAA_PAGAMENTO_SCONOSCIUTO: 'unknown-notice',
  PAA_PAGAMENTO_IN_CORSO: 'in-progress',
  PAA_SEMANTICA: 'node-error',
};

const BY_CODE: Record<string, FaultCategory> = {
  // MIL 7 NOTICE_ALREADY_PAID / 4 PAYMENT_ALREADY_IN_PROGRESS
  PPT_PAGAMENTO_DUPLICATO: 'already-paid',
  PPT_PAGAMENTO_IN_CORSO: 'in-progress',
  // MIL 2 WRONG_NOTICE_DATA
  PPT_DOMINIO_SCONOSCIUTO: 'wrong-notice-data',
  PPT_STAZIONE_INT_PA_SCONOSCIUTA: 'wrong-notice-data',
  PPT_SINTASSI_XSD: 'wrong-notice-data',
  PPT_SINTASSI_EXTRAXSD: 'wrong-notice-data',
  // MIL 3 CREDITOR_PROBLEMS
  PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE: 'creditor-unreachable',
  PPT_STAZIONE_INT_PA_TIMEOUT: 'creditor-unreachable',
  PPT_STAZIONE_INT_PA_ERRORE_RESPONSE: 'creditor-unreachable',
  PPT_STAZIONE_INT_PA_DISABILITATA: 'creditor-unreachable',
  PPT_INTERMEDIARIO_PA_DISABILITATO: 'creditor-unreachable',
  PPT_IBAN_NON_CENSITO: 'creditor-unreachable',
  PPT_ERRORE_EMESSO_DA_PAA: 'creditor-unreachable',
  // MIL 1 NOTICE_GLITCH, identity/authorisation part: the terminal's node settings are wrong
  PPT_AUTENTICAZIONE: 'terminal-config',
  PPT_AUTORIZZAZIONE: 'terminal-config',
  PPT_PSP_SCONOSCIUTO: 'terminal-config',
  PPT_PSP_DISABILITATO: 'terminal-config',
  PPT_INTERMEDIARIO_PSP_SCONOSCIUTO: 'terminal-config',
  PPT_INTERMEDIARIO_PSP_DISABILITATO: 'terminal-config',
  PPT_CANALE_SCONOSCIUTO: 'terminal-config',
  PPT_CANALE_DISABILITATO: 'terminal-config',
  // MIL 1 NOTICE_GLITCH, the rest: a node-side problem
  PPT_SYSTEM_ERROR: 'node-error',
  PPT_SEMANTICA: 'node-error',
  PPT_DOMINIO_DISABILITATO: 'node-error',
  // SANP Best practice: outcome after token expiry (pagopa-psp.md §3.11)
  PPT_TOKEN_SCADUTO: 'token-expired',
  PPT_TOKEN_SCADUTO_KO: 'token-expired',
  // MIL 0 UNEXPECTED_ERROR, and protocol errors a correct terminal never provokes
  PPT_ERRORE_IDEMPOTENZA: 'unexpected',
  PPT_INTERMEDIARIO_PA_SCONOSCIUTO: 'unexpected',
  PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO: 'unexpected',
  PPT_SOAPACTION_ERRATA: 'unexpected',
  PPT_TOKEN_SCONOSCIUTO: 'unexpected',
  PPT_PAGAMENTO_SCONOSCIUTO: 'unexpected',
  PPT_ESITO_GIA_ACQUISITO: 'unexpected',
};

export function faultCategory(fault: { faultCode: string; originalFaultCode?: string }): FaultCategory {
  if (fault.faultCode === 'PPT_ERRORE_EMESSO_DA_PAA' && fault.originalFaultCode) {
    return BY_ORIGINAL[fault.originalFaultCode] ?? 'creditor-unreachable';
  }
  return BY_CODE[fault.faultCode] ?? 'unexpected';
}

type Texts = { clerk: string; citizen: string };
const MESSAGES: Record<'it' | 'en', Record<FaultCategory, Texts>> = {
  it: {
    'already-paid': { clerk: "L'avviso risulta già pagato. Non incassare.", citizen: 'Questo avviso risulta già pagato.' },
    expired: { clerk: "L'avviso è scaduto: l'ente creditore non accetta più il pagamento.", citizen: "Questo avviso è scaduto. Contatta l'ente che lo ha emesso." },
    revoked: { clerk: "L'avviso è stato annullato dall'ente creditore.", citizen: "Questo avviso è stato annullato dall'ente che lo ha emesso." },
    'unknown-notice': { clerk: "Avviso sconosciuto all'ente creditore: controlla codice avviso e codice fiscale ente.", citizen: 'Avviso non trovato. Controlla i dati inseriti.' },
    'in-progress': { clerk: 'Pagamento già in corso su un altro canale: riprova tra qualche minuto.', citizen: 'Il pagamento di questo avviso è già in corso. Riprova tra qualche minuto.' },
    'creditor-unreachable': {
      clerk: "L'ente creditore non risponde o ha restituito un errore: riprova più tardi.",
      citizen: "L'ente creditore non è raggiungibile in questo momento. Riprova più tardi.",
    },
    'wrong-notice-data': { clerk: 'Dati avviso non validi (codice avviso o codice fiscale ente errati).', citizen: "I dati dell'avviso non sono validi. Controlla e riprova." },
    'terminal-config': {
      clerk: 'Errore di configurazione del terminale verso pagoPA (PSP, intermediario, canale o password): chiama il tecnico.',
      citizen: 'Servizio momentaneamente non disponibile su questo terminale.',
    },
    'node-error': { clerk: 'Errore del sistema pagoPA: riprova più tardi.', citizen: 'Il sistema pagoPA non è disponibile in questo momento. Riprova più tardi.' },
    'token-expired': {
      clerk: 'Sessione di pagamento scaduta presso pagoPA: verifica lo stato del pagamento prima di incassare di nuovo.',
      citizen: 'La sessione di pagamento è scaduta. Rivolgiti al personale.',
    },
    unexpected: { clerk: 'Errore imprevisto dal nodo pagoPA: annota il codice e chiama il tecnico.', citizen: 'Si è verificato un errore imprevisto. Riprova più tardi.' },
  },
  en: {
    'already-paid': { clerk: 'The notice is already paid. Do not collect.', citizen: 'This notice has already been paid.' },
    expired: { clerk: 'The notice has expired: the creditor no longer accepts payment.', citizen: 'This notice has expired. Please contact the body that issued it.' },
    revoked: { clerk: 'The notice was cancelled by the creditor.', citizen: 'This notice was cancelled by the body that issued it.' },
    'unknown-notice': { clerk: "The creditor does not know this notice: check the notice number and the creditor's fiscal code.", citizen: 'Notice not found. Please check the details you entered.' },
    'in-progress': {
      clerk: 'A payment for this notice is already in progress elsewhere: try again in a few minutes.',
      citizen: 'A payment for this notice is already in progress. Please try again in a few minutes.',
    },
    'creditor-unreachable': { clerk: 'The creditor is not answering or returned an error: try again later.', citizen: 'The creditor cannot be reached right now. Please try again later.' },
    'wrong-notice-data': { clerk: "Invalid notice data (wrong notice number or creditor's fiscal code).", citizen: 'The notice details are not valid. Please check and try again.' },
    'terminal-config': {
      clerk: "The terminal's pagoPA settings are wrong (PSP, broker, channel or password): call the technician.",
      citizen: 'This service is temporarily unavailable on this terminal.',
    },
    'node-error': { clerk: 'pagoPA system error: try again later.', citizen: 'The pagoPA system is not available right now. Please try again later.' },
    'token-expired': { clerk: 'The payment session expired at pagoPA: check the payment status before collecting again.', citizen: 'The payment session has expired. Please ask the staff.' },
    unexpected: { clerk: 'Unexpected error from the pagoPA node: note the code and call the technician.', citizen: 'An unexpected error occurred. Please try again later.' },
  },
};

export function faultMessage(category: FaultCategory, lang: 'it' | 'en', audience: 'clerk' | 'citizen'): string {
  return MESSAGES[lang][category][audience];
}

// Faults whose category is right but too coarse for the clerk to act on: the node's registry checks
// before it asks the creditor (pagopa-psp.md §3.10: PPT_DOMINIO_* "unknown or disabled EC fiscal code",
// PPT_STAZIONE_INT_PA_SCONOSCIUTA "no EC station for the aux digit/segregation code", §2.1 aux digit).
const BY_FAULT_CODE: Record<'it' | 'en', Record<string, Texts>> = {
  it: {
    PPT_DOMINIO_SCONOSCIUTO: {
      clerk: "pagoPA non conosce l'ente creditore: controlla il codice fiscale dell'ente creditore (11 cifre sull'avviso).",
      citizen: "Ente creditore non trovato. Controlla il codice fiscale dell'ente sull'avviso.",
    },
    PPT_STAZIONE_INT_PA_SCONOSCIUTA: {
      clerk: 'Codice avviso errato: nessun ente lo gestisce con queste prime cifre. Ricontrolla il codice avviso (18 cifre).',
      citizen: 'Il codice avviso non è valido. Controlla il codice avviso e riprova.',
    },
    PPT_DOMINIO_DISABILITATO: {
      clerk: "L'ente creditore non è abilitato su pagoPA: l'avviso non si può pagare ora. Riprova più tardi.",
      citizen: "L'ente creditore non accetta pagamenti in questo momento. Riprova più tardi.",
    },
    PPT_STAZIONE_INT_PA_DISABILITATA: {
      clerk: "Il collegamento dell'ente creditore a pagoPA è disabilitato: riprova più tardi.",
      citizen: "L'ente creditore non è raggiungibile in questo momento. Riprova più tardi.",
    },
  },
  en: {
    PPT_DOMINIO_SCONOSCIUTO: {
      clerk: "pagoPA does not know this creditor: check the creditor's fiscal code (11 digits on the notice).",
      citizen: "Creditor not found. Please check the creditor's fiscal code on the notice.",
    },
    PPT_STAZIONE_INT_PA_SCONOSCIUTA: {
      clerk: 'Wrong notice number: no creditor handles notices starting with these digits. Check the notice number (18 digits).',
      citizen: 'The notice number is not valid. Please check it and try again.',
    },
    PPT_DOMINIO_DISABILITATO: {
      clerk: 'The creditor is not enabled on pagoPA: this notice cannot be paid now. Try again later.',
      citizen: 'The creditor does not accept payments right now. Please try again later.',
    },
    PPT_STAZIONE_INT_PA_DISABILITATA: {
      clerk: "The creditor's connection to pagoPA is disabled: try again later.",
      citizen: 'The creditor cannot be reached right now. Please try again later.',
    },
  },
};

/** The wording for one fault code when it says more than its category, else undefined. */
export function faultCodeMessage(faultCode: string, lang: 'it' | 'en', audience: 'clerk' | 'citizen'): string | undefined {
  return BY_FAULT_CODE[lang][faultCode]?.[audience];
}

/** The message for a node fault: the fault code's own wording when it has one, else its category's. */
export function nodeFaultMessage(fault: { faultCode: string; originalFaultCode?: string }, lang: 'it' | 'en', audience: 'clerk' | 'citizen'): string {
  return faultCodeMessage(fault.faultCode, lang, audience) ?? faultMessage(faultCategory(fault), lang, audience);
}
