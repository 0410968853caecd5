// Simulator data types (issue #3 interface; re-exported by simulator.ts).
import type { NodeIdentity } from '../core/node/types';

export type SimTransfer = {
  fiscalCode: string;
  amountCents: number;
  /** Always given (V1's ctTransferPSP needs one); a V2 answer sends richiestaMarcaDaBollo instead when set. */
  iban: string;
  remittanceInformation: string;
  companyName?: string;
  transferCategory?: string;
  /** ctRichiestaMarcaDaBollo (issue #12 §7): the transfer is a digital revenue stamp the PSP must issue. */
  richiestaMarcaDaBollo?: { hashDocumento: string; tipoBollo: string; provinciaResidenza: string };
};

/** One paymentOptionDescription a verify answers (pagopa-extra.md §g; default: one EQ option of the amount). */
export type SimPaymentOption = { amountCents: number; options: 'EQ' | 'LS' | 'GT' | 'ANY'; dueDate?: string; paymentNote?: string };

/**
 * A GEC bundle (pagopa-extra.md §c): with one for the calling PSP, activatePaymentNoticeV2 answers
 * suggestedUserFee (fee − the creditor's share), suggestedPaFee, suggestedIdBundle and suggestedIdCiBundle.
 * touchPoint / paymentMethod 'ANY' match every request (a request without them is matched as ANY/PSP).
 */
export type SimBundle = {
  idPSP: string;
  idBundle: string;
  feeCents: number;
  touchPoint?: string;
  paymentMethod?: string;
  /** The creditor's share for one EC (an "idCiBundle": attributes the EC added to the bundle). */
  ciBundles?: { fiscalCode: string; idCiBundle: string; paFeeCents: number }[];
};

export type SimPosition = {
  fiscalCode: string;
  noticeNumber: string;
  /** The amount due now (verify/activate answer this). */
  amountCents: number;
  /** The amount printed on the notice / in its QR code, when it differs (amount updated since printing). */
  printedAmountCents?: number;
  companyName: string;
  officeName?: string;
  description: string;
  status: 'open' | 'paid' | 'expired' | 'revoked';
  dueDate?: string;
  /** 2..5 transfers to possibly different ECs; default: one transfer of the whole amount to the position's EC. */
  transfers?: SimTransfer[];
  /** Poste "bollettino" notices: the 12-digit postal account verificaBollettino is called with. */
  ccPost?: string;
  behaviour?: 'normal' | 'ec-unreachable' | 'ec-timeout';
  /** Answered in Stand-In (issue #12 §5): standin true, one transfer of the total to the primary EC. */
  standin?: boolean;
  /** Several options (instalments) or a non-EQ one (issue #12 §7); default one EQ option of amountCents. */
  paymentOptions?: SimPaymentOption[];
};

export type SimFaultKind =
  | 'latency'
  | 'hang'
  | 'reset'
  | 'http500'
  | 'http503'
  | 'malformed'
  | 'fault'
  /** The node processes the request (state changes), then resets the connection: "maybe processed". */
  | 'process-then-reset'
  /** The node processes the request, then never answers (the client times out). */
  | 'process-then-hang';

export type SimFault = {
  /** 'verifyPaymentNotice' | 'activatePaymentNotice' (V1 and V2) | 'activatePaymentNoticeV2' | 'sendPaymentOutcome' (V1 and V2) | 'sendPaymentOutcomeV2' | 'verificaBollettino' | '*' */
  operation: string;
  kind: SimFaultKind;
  latencyMs?: number;
  /** kind 'fault': the fault code to answer (with originalFaultCode, wrapped in PPT_ERRORE_EMESSO_DA_PAA). */
  faultCode?: string;
  originalFaultCode?: string;
  /** Apply to the next N matching calls only (default: until cleared). */
  count?: number;
  /** Apply to this fraction of matching calls (0..1, drawn from the injected random). */
  probability?: number;
};

export type LedgerEntry = { fiscalCode: string; noticeNumber: string; paymentToken: string; outcome: 'OK' | 'KO'; amountCents: number; receivedAt: string };

export type SimIdentity = NodeIdentity;
