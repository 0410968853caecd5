// Simulator data types (issue #3 interface; re-exported by simulator.ts).
import type { NodeIdentity } from '../core/node/types';

export type SimTransfer = { fiscalCode: string; amountCents: number; iban: string; remittanceInformation: string; companyName?: string; transferCategory?: string };

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
