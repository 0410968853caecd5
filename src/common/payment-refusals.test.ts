import { describe, expect, it } from 'vitest';
import { FAULT_CATEGORIES, faultMessage, type FaultCategory } from './node-faults';
import { ENGINE_REFUSAL_CATEGORIES, isPaymentRefusalCategory, PAYMENT_REFUSAL_CATEGORIES, paymentRefusalMessage, type PaymentRefusalCategory } from './payment-refusals';

// Compile-time: the tuple lists exactly the union (a category added to node-faults.ts must appear here).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const tupleIsUnion: Equal<(typeof PAYMENT_REFUSAL_CATEGORIES)[number], PaymentRefusalCategory> = true;
const faultsIncluded: Equal<Extract<PaymentRefusalCategory, FaultCategory>, FaultCategory> = true;

describe('payment refusal messages', () => {
  it('lists every node fault category and every engine refusal once', () => {
    expect(tupleIsUnion && faultsIncluded).toBe(true);
    expect([...PAYMENT_REFUSAL_CATEGORIES].sort()).toEqual([...FAULT_CATEGORIES, ...ENGINE_REFUSAL_CATEGORIES].sort());
    expect(new Set(PAYMENT_REFUSAL_CATEGORIES).size).toBe(PAYMENT_REFUSAL_CATEGORIES.length);
    expect(isPaymentRefusalCategory('offline-limit')).toBe(true);
    expect(isPaymentRefusalCategory('PPT_PAGAMENTO_DUPLICATO')).toBe(false);
    expect(isPaymentRefusalCategory(undefined)).toBe(false);
  });

  it('node faults keep the shared wording of node-faults.ts', () => {
    for (const c of FAULT_CATEGORIES)
      for (const lang of ['it', 'en'] as const) for (const who of ['clerk', 'citizen'] as const) expect(paymentRefusalMessage(c, lang, who)).toBe(faultMessage(c, lang, who));
  });

  it('engine refusals have their own text per language and audience, Italian differs from English', () => {
    for (const c of ENGINE_REFUSAL_CATEGORIES) {
      const it_ = { clerk: paymentRefusalMessage(c, 'it', 'clerk'), citizen: paymentRefusalMessage(c, 'it', 'citizen') };
      const en = { clerk: paymentRefusalMessage(c, 'en', 'clerk'), citizen: paymentRefusalMessage(c, 'en', 'citizen') };
      for (const m of [it_.clerk, it_.citizen, en.clerk, en.citizen]) expect(m.length).toBeGreaterThan(20);
      expect(it_.clerk).not.toBe(en.clerk);
      expect(it_.citizen).not.toBe(en.citizen);
      expect(it_.clerk).not.toBe(it_.citizen);
    }
    expect(paymentRefusalMessage('offline-limit', 'it', 'clerk')).toMatch(/limiti del pagamento offline/);
    expect(paymentRefusalMessage('store-unavailable', 'en', 'citizen')).toMatch(/nothing was charged/);
    // The citizen at a kiosk is never told about offline policy: only to come back later.
    expect(paymentRefusalMessage('offline-disabled', 'it', 'citizen')).not.toMatch(/offline/);
  });
});
