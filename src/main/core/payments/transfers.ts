// Normalises the activate response's transfer list (field names of the node client may vary) into the
// compact form stored on the payment and printed on the receipt.
import type { Transfer } from './types';

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function normaliseTransfers(list: readonly unknown[] | undefined): Transfer[] | null {
  if (!list || list.length === 0) return null;
  return list.map((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const companyName = str(t.companyName);
    const remittanceInformation = str(t.remittanceInformation);
    const iban = str(t.iban);
    return {
      idTransfer: num(t.idTransfer) ?? i + 1,
      amountCents: num(t.amountCents) ?? num(t.transferAmountCents) ?? 0,
      fiscalCodePA: str(t.fiscalCodePA) ?? '',
      ...(companyName ? { companyName } : {}),
      ...(remittanceInformation ? { remittanceInformation } : {}),
      ...(iban ? { iban } : {}),
    };
  });
}
