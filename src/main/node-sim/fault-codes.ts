// Fault beans as the Nodo sends them. faultString texts are the Nodo's DigitPaErrorCodes descriptions
// (pagopa-psp.md §3.10 [S26b]); EC errors are wrapped in PPT_ERRORE_EMESSO_DA_PAA with id = EC fiscal code.
import type { NodeFault } from '../core/node/types';

export const NODE_ID = 'NodoDeiPagamentiSPC';

export const FAULT_STRINGS: Readonly<Record<string, string>> = {
  PPT_SINTASSI_XSD: 'Errore di sintassi XSD.',
  PPT_SINTASSI_EXTRAXSD: 'Errore di sintassi extra XSD.',
  PPT_SEMANTICA: 'Errore semantico.',
  PPT_AUTENTICAZIONE: 'Errore di autenticazione.',
  PPT_AUTORIZZAZIONE: "Il richiedente non ha i diritti per l'operazione.",
  PPT_PSP_SCONOSCIUTO: 'PSP sconosciuto.',
  PPT_PSP_DISABILITATO: 'PSP conosciuto ma disabilitato da configurazione.',
  PPT_INTERMEDIARIO_PSP_SCONOSCIUTO: 'Identificativo intermediario psp sconosciuto.',
  PPT_INTERMEDIARIO_PSP_DISABILITATO: 'Intermediario psp disabilitato.',
  PPT_CANALE_SCONOSCIUTO: 'Canale sconosciuto.',
  PPT_CANALE_DISABILITATO: 'Canale conosciuto ma disabilitato da configurazione.',
  PPT_DOMINIO_SCONOSCIUTO: 'Identificativo Dominio sconosciuto.',
  PPT_DOMINIO_DISABILITATO: 'Dominio disabilitato.',
  PPT_STAZIONE_INT_PA_SCONOSCIUTA: 'IdentificativoStazioneRichiedente sconosciuto.',
  PPT_STAZIONE_INT_PA_DISABILITATA: 'Stazione disabilitata.',
  PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE: 'Errore di connessione verso la Stazione.',
  PPT_STAZIONE_INT_PA_TIMEOUT: 'Timeout risposta dalla Stazione.',
  PPT_STAZIONE_INT_PA_ERRORE_RESPONSE: 'Errore di risposta dalla stazione.',
  PPT_ERRORE_EMESSO_DA_PAA: 'Errore restituito dalla PAA.',
  PPT_IBAN_NON_CENSITO: 'Il codice IBAN indicato dal EC non è presente nella lista degli IBAN comunicati al sistema pagoPA.',
  PPT_PAGAMENTO_IN_CORSO: 'Pagamento in attesa risulta in corso al sistema pagoPA',
  PPT_PAGAMENTO_DUPLICATO: 'Pagamento in attesa risulta concluso al sistema pagoPA',
  PPT_PAGAMENTO_SCONOSCIUTO: 'Pagamento sconosciuto',
  PPT_TOKEN_SCONOSCIUTO: 'unknown token',
  PPT_TOKEN_SCADUTO: 'paymentToken is expired',
  PPT_TOKEN_SCADUTO_KO: 'paymentToken is expired on outcome KO',
  PPT_ESITO_GIA_ACQUISITO: "L'esito del pagamento risulta già acquisito dal sistema pagoPA.",
  PPT_ERRORE_IDEMPOTENZA: 'Errore idempotenza',
  PPT_SOAPACTION_ERRATA: 'SOAPAction errata.',
  PPT_SYSTEM_ERROR: 'Errore generico.',
  PPT_SERVIZIO_SCONOSCIUTO: 'Servizio sconosciuto.',
  PPT_SERVIZIO_NONATTIVO: 'Servizio non attivo.',
  PPT_VERSIONE_SERVIZIO: 'Versione del servizio non supportata.',
  PAA_PAGAMENTO_SCONOSCIUTO: 'Pagamento in attesa risulta sconosciuto alla PAA.',
  PAA_PAGAMENTO_SCADUTO: 'Pagamento in attesa risulta scaduto alla PAA.',
  PAA_PAGAMENTO_ANNULLATO: 'Pagamento in attesa risulta annullato alla PAA.',
  PAA_PAGAMENTO_DUPLICATO: 'Pagamento in attesa risulta concluso alla PAA.',
  PAA_PAGAMENTO_IN_CORSO: 'Pagamento in attesa risulta in corso alla PAA.',
  PAA_SEMANTICA: 'Errore semantico PAA.',
  PAA_SYSTEM_ERROR: 'Errore generico PAA.',
};

/** A node-raised fault (id NodoDeiPagamentiSPC). */
export function nodeFault(faultCode: string, description?: string): NodeFault {
  return { faultCode, faultString: FAULT_STRINGS[faultCode] ?? 'Errore generico.', id: NODE_ID, ...(description ? { description } : {}) };
}

/** An EC fault as the node forwards it: PPT_ERRORE_EMESSO_DA_PAA + original* (pagopa-psp.md §3.10). */
export function ecFault(ecFiscalCode: string, originalFaultCode: string, originalDescription?: string): NodeFault {
  const originalFaultString = FAULT_STRINGS[originalFaultCode] ?? 'Errore restituito dalla PAA.';
  return {
    faultCode: 'PPT_ERRORE_EMESSO_DA_PAA',
    faultString: FAULT_STRINGS.PPT_ERRORE_EMESSO_DA_PAA as string,
    id: ecFiscalCode,
    description: originalFaultString,
    originalFaultCode,
    originalFaultString,
    ...(originalDescription ? { originalDescription } : {}),
  };
}
