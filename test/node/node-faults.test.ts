// Fault → category → message (pagopa-psp.md §3.10, MIL node.error.map grouping) and idempotency keys.
import { describe, expect, it } from 'vitest';
import { FAULT_CATEGORIES, faultCategory, faultMessage } from '../../src/common/node-faults';
import { IDEMPOTENCY_KEY_RE, makeIdempotencyKey } from '../../src/main/core/node/idempotency';

describe('faultCategory', () => {
  it.each([
    [{ faultCode: 'PPT_PAGAMENTO_DUPLICATO' }, 'already-paid'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_DUPLICATO' }, 'already-paid'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' }, 'expired'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_ANNULLATO' }, 'revoked'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCONOSCIUTO' }, 'unknown-notice'],
    [{ faultCode: 'PPT_PAGAMENTO_IN_CORSO' }, 'in-progress'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_IN_CORSO' }, 'in-progress'],
    [{ faultCode: 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE' }, 'creditor-unreachable'],
    [{ faultCode: 'PPT_STAZIONE_INT_PA_TIMEOUT' }, 'creditor-unreachable'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_SYSTEM_ERROR' }, 'creditor-unreachable'],
    [{ faultCode: 'PPT_ERRORE_EMESSO_DA_PAA' }, 'creditor-unreachable'],
    [{ faultCode: 'PPT_DOMINIO_SCONOSCIUTO' }, 'wrong-notice-data'],
    [{ faultCode: 'PPT_STAZIONE_INT_PA_SCONOSCIUTA' }, 'wrong-notice-data'],
    [{ faultCode: 'PPT_AUTENTICAZIONE' }, 'terminal-config'],
    [{ faultCode: 'PPT_CANALE_SCONOSCIUTO' }, 'terminal-config'],
    [{ faultCode: 'PPT_SYSTEM_ERROR' }, 'node-error'],
    [{ faultCode: 'PPT_TOKEN_SCADUTO' }, 'token-expired'],
    [{ faultCode: 'PPT_TOKEN_SCADUTO_KO' }, 'token-expired'],
    [{ faultCode: 'PPT_ERRORE_IDEMPOTENZA' }, 'unexpected'],
    [{ faultCode: 'SOMETHING_NEW' }, 'unexpected'],
  ] as const)('%o → %s', (fault, category) => {
    expect(faultCategory(fault)).toBe(category);
  });

  it('has a distinct, non-empty message per category, language and audience', () => {
    const all = new Set<string>();
    for (const c of FAULT_CATEGORIES) for (const lang of ['it', 'en'] as const) for (const who of ['clerk', 'citizen'] as const) all.add(faultMessage(c, lang, who));
    expect(all.size).toBe(FAULT_CATEGORIES.length * 4);
  });
});

describe('makeIdempotencyKey', () => {
  it('derives the prefix from the PSP id and matches stIdempotencyKey', () => {
    expect(makeIdempotencyKey('88888888888', () => 'AbCdEf1234')).toBe('88888888888_AbCdEf1234');
    expect(makeIdempotencyKey('ABI-03069_INTESA.SANPAOLO', () => 'AbCdEf1234')).toBe('ABI03069INTESASANP_AbCdEf1234');
    expect(makeIdempotencyKey('X', () => 'AbCdEf1234')).toBe('X0_AbCdEf1234');
    const keys = new Set(Array.from({ length: 200 }, () => makeIdempotencyKey('88888888888')));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(IDEMPOTENCY_KEY_RE);
    expect(() => makeIdempotencyKey('88888888888', () => 'short')).toThrow(RangeError);
  });
});
