// The nodeForPsp client's public types (issue #3 interface, agreed with the payment engine).
// Money is integer cents here; only the SOAP layer turns it into the XSD's `\d+\.\d{2}` (stAmount).
export type NodeIdentity = { idPSP: string; idBrokerPSP: string; idChannel: string; password: string };

/** ctFaultBean (sac-common-types-1.0.xsd); `original*` only for PPT_ERRORE_EMESSO_DA_PAA (pagopa-psp.md §3.10). */
export type NodeFault = {
  faultCode: string;
  faultString: string;
  id: string;
  description?: string;
  serial?: number;
  originalFaultCode?: string;
  originalFaultString?: string;
  originalDescription?: string;
};
export type KO = { outcome: 'KO'; fault: NodeFault };

export type VerifyOk = {
  outcome: 'OK';
  amountCents: number;
  dueDate?: string;
  paymentNote?: string;
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
  standin?: boolean;
  /** stAmountOptionPSP of the first paymentOptionDescription (SANP: "al momento è valorizzato con EQ"). */
  options?: string;
  /** verificaBollettino only: allCCP of the first option. */
  allCCP?: boolean;
  /** Every paymentOptionDescription, in the node's order (1..5; pagopa-extra.md §g). */
  paymentOptions?: PaymentOption[];
};

/** One ctPaymentOptionDescription of a verify answer (options: EQ | LS | GT | ANY). */
export type PaymentOption = { amountCents: number; options: string; dueDate?: string; paymentNote?: string };

export type Transfer = {
  idTransfer: number;
  amountCents: number;
  fiscalCodePA: string;
  companyName?: string;
  iban?: string;
  remittanceInformation: string;
  transferCategory?: string;
  /** ctTransferPSPV2 richiestaMarcaDaBollo (instead of IBAN): the transfer is a digital revenue stamp. */
  richiestaMarcaDaBollo?: boolean;
};

export type ActivateOk = {
  outcome: 'OK';
  totalAmountCents: number;
  paymentToken: string;
  creditorReferenceId?: string;
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
  transfers: Transfer[];
  standin?: boolean;
  suggestedUserFeeCents?: number;
  /** V2 only, GEC (pagopa-extra.md §c): the creditor's share of the fee and the bundle ids. */
  suggestedPaFeeCents?: number;
  suggestedIdBundle?: string;
  suggestedIdCiBundle?: string;
};

export type OutcomeOk = { outcome: 'OK' };

export type VerifyRequest = { fiscalCode: string; noticeNumber: string };

export type PaymentMethodFee = 'PO' | 'CP' | 'BBT' | 'BP' | 'AD' | 'OBEP' | 'JIF' | 'MYBK' | 'PPAL';
export type TouchPoint = 'TS' | 'ATM' | 'PSP' | 'POS' | 'BETTING' | 'IO' | 'WISP' | 'CHECKOUT' | 'HB';

export type ActivateRequest = {
  fiscalCode: string;
  noticeNumber: string;
  amountCents: number;
  idempotencyKey: string;
  expirationTimeMs?: number;
  dueDate?: string;
  paymentNote?: string;
  /** V2 only (ignored with apiVersion v1). */
  paymentMethod?: PaymentMethodFee;
  /** V2 only (ignored with apiVersion v1). */
  touchPoint?: TouchPoint;
};

export type OutcomeDetails = {
  paymentMethod: 'cash' | 'creditCard' | 'bancomat' | 'other';
  paymentChannel?: 'frontOffice' | 'atm' | 'onLine' | 'app' | 'other';
  feeCents: number;
  /** V2 only (ctOutcomeDetailsV2), GEC bundle applied (pagopa-extra.md §c): the creditor's share and the bundle ids. */
  primaryCiIncurredFeeCents?: number;
  idBundle?: string;
  idCiBundle?: string;
  /** ctSubject (pagopa-extra.md §f): F = persona fisica (codice fiscale), G = persona giuridica (partita IVA). */
  payer?: { type: 'F' | 'G'; id: string; fullName: string; email?: string };
  /** YYYY-MM-DD */
  applicationDate: string;
  /** YYYY-MM-DD */
  transferDate: string;
  /** MIL only (issue #14): the tokens' total amount in cents (preClose totalAmount); the SOAP body does not carry it. */
  totalAmountCents?: number;
  /** MIL only (issue #14): when the money was taken, ms since epoch (close paymentTimestamp). */
  paidAt?: number;
};

export type OutcomeRequest = {
  /** 1..5 tokens (stPaymentTokens); V1 takes exactly one. */
  paymentTokens: string[];
  outcome: 'OK' | 'KO';
  idempotencyKey: string;
  /** Mandatory for OK (SANP: "da inserire obbligatoriamente in caso di outcome OK"). */
  details?: OutcomeDetails;
};

export type BollettinoRequest = { ccPost: string; noticeNumber: string };

/** nodoChiediCatalogoServiziV2Request's optional filters (pagopa-extra.md §e). */
export type CatalogueRequest = { idDominio?: string; categoria?: string; commissione?: 'Y' | 'N' };
/** nodoChiediCatalogoServiziV2Response OK: xmlCatalogoServizi decoded from base64 (a CatalogoServizi_2_0_0 document). */
export type CatalogueOk = { outcome: 'OK'; catalogueXml: string };

/** demandPaymentNoticeRequest: the client base64-encodes `serviceXml` into datiSpecificiServizio. */
export type DemandRequest = { idSoggettoServizio: string; serviceXml: string };
/** demandPaymentNoticeResponse OK: the notice the creditor created, then paid like any other (SANP pagamento spontaneo). */
export type DemandOk = {
  outcome: 'OK';
  fiscalCode: string;
  noticeNumber: string;
  amountCents: number;
  options?: string;
  dueDate?: string;
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
};

export interface NodeClient {
  verifyPaymentNotice(req: VerifyRequest): Promise<VerifyOk | KO>;
  /** V2 by default, V1 when configured. */
  activatePaymentNotice(req: ActivateRequest): Promise<ActivateOk | KO>;
  /** V2 by default, V1 when configured (V1 takes exactly one token). */
  sendPaymentOutcome(req: OutcomeRequest): Promise<OutcomeOk | KO>;
  verificaBollettino(req: BollettinoRequest): Promise<VerifyOk | KO>;
  /** nodoChiediCatalogoServiziV2 (issue #13): the services catalogue. */
  chiediCatalogoServizi(req: CatalogueRequest): Promise<CatalogueOk | KO>;
  /** demandPaymentNotice (issue #13): asks the creditor for a notice of a spontaneous payment. */
  demandPaymentNotice(req: DemandRequest): Promise<DemandOk | KO>;
  close(): Promise<void>;
}

/** The SOAP operations this client emits (SOAPAction values from nodeForPsp.wsdl). */
export type NodeOperation =
  | 'verifyPaymentNotice'
  | 'activatePaymentNotice'
  | 'activatePaymentNoticeV2'
  | 'sendPaymentOutcome'
  | 'sendPaymentOutcomeV2'
  | 'verificaBollettino'
  | 'nodoChiediCatalogoServiziV2'
  | 'demandPaymentNotice';
