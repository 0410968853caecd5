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
};

export type Transfer = {
  idTransfer: number;
  amountCents: number;
  fiscalCodePA: string;
  companyName?: string;
  iban?: string;
  remittanceInformation: string;
  transferCategory?: string;
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
  payer?: { type: 'F' | 'G'; id: string; fullName: string };
  /** YYYY-MM-DD */
  applicationDate: string;
  /** YYYY-MM-DD */
  transferDate: string;
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

export interface NodeClient {
  verifyPaymentNotice(req: VerifyRequest): Promise<VerifyOk | KO>;
  /** V2 by default, V1 when configured. */
  activatePaymentNotice(req: ActivateRequest): Promise<ActivateOk | KO>;
  /** V2 by default, V1 when configured (V1 takes exactly one token). */
  sendPaymentOutcome(req: OutcomeRequest): Promise<OutcomeOk | KO>;
  verificaBollettino(req: BollettinoRequest): Promise<VerifyOk | KO>;
  close(): Promise<void>;
}

/** The SOAP operations this client emits (SOAPAction values from nodeForPsp.wsdl). */
export type NodeOperation = 'verifyPaymentNotice' | 'activatePaymentNotice' | 'activatePaymentNoticeV2' | 'sendPaymentOutcome' | 'sendPaymentOutcomeV2' | 'verificaBollettino';
