// Terminal result message → CardResult. PAN is masked to the last 4 digits before it leaves the
// driver (PCI: the receipt and logs never need more); pos-practice.md §1.8 "protocol trace (PAN-masked)".
import type { CardResult } from '../interface';
import type { TxResult } from './messages';

export function maskPan(pan: string): string {
  const digits = pan.replace(/[^0-9*]/g, '');
  const last4 = digits.slice(-4);
  return last4.length === 4 && /^\d{4}$/.test(last4) ? `************${last4}` : '****************';
}

/** Brand from the IIN when the terminal left the first digit visible (ISO/IEC 7812). */
export function brandFromPan(pan: string): string | undefined {
  if (/^4/.test(pan)) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(pan)) return 'MASTERCARD';
  if (/^3[47]/.test(pan)) return 'AMEX';
  if (/^(50|5[6-9]|6)/.test(pan)) return 'MAESTRO';
  return undefined;
}

/** Identity of one terminal transaction, to tell "our" result from an older one returned by G. */
export function fingerprint(tx: TxResult): string {
  return [tx.resultCode, tx.stan, tx.onlineId, tx.hostDateTime, tx.authCode, tx.amountCents ?? '-', tx.errorDescription].join('|');
}

/** G with nothing saved: the virtual terminal (and, by assumption, real ones) answer KO with STAN 000000. */
export function isEmptyLastResult(tx: TxResult): boolean {
  return tx.resultCode !== '00' && /^0+$/.test(tx.stan);
}

export function toCardResult(tx: TxResult, reference: string, requestedCents: number | null, atIso: string): CardResult {
  switch (tx.resultCode) {
    case '00': {
      const amountCents = tx.amountCents ?? requestedCents;
      if (amountCents === null) return { kind: 'unknown', reference, reason: 'approved result without an amount' };
      const brand = brandFromPan(tx.pan);
      return {
        kind: 'approved',
        amountCents,
        reference,
        authCode: tx.authCode,
        stan: tx.stan,
        maskedPan: maskPan(tx.pan),
        ...(brand ? { cardBrand: brand } : {}),
        terminalId: tx.terminalId,
        at: atIso,
      };
    }
    case '01':
      // The cardholder/operator pressed ANNULLA on the terminal: no charge, not a bank decline.
      if (/ANNULL/i.test(tx.errorDescription)) return { kind: 'aborted', reference };
      return { kind: 'declined', reference, code: tx.actionCode && tx.actionCode !== '000' ? tx.actionCode : '01', message: tx.errorDescription || 'OPERAZIONE RIFIUTATA' };
    case '05':
      return { kind: 'declined', reference, code: '05', message: 'carta non presente' };
    case '09':
      return { kind: 'declined', reference, code: '09', message: 'tag sconosciuto' };
    default:
      return { kind: 'unknown', reference, reason: `unrecognised result code "${tx.resultCode}"` };
  }
}
