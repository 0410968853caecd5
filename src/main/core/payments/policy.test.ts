// Issue #12 §4, §7: the pure policy functions (fee decision, cash ceiling, payment options, revenue stamp).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load';
import { cashCeilingRefusal, feeDecision, feeIsFinal, paymentOptionsRefusal, revenueStampRefusal } from './policy';

describe('payment policy (issue #12)', () => {
  it("fee: the table unless policy 'node' and the node suggested one; the bundle only with the node's fee", () => {
    const fixed = parseConfig({});
    const node = parseConfig({ fees: { policy: 'node' } });
    const gec = { suggestedUserFeeCents: 100, suggestedPaFeeCents: 50, suggestedIdBundle: 'B', suggestedIdCiBundle: 'C' };
    expect(feeIsFinal(fixed)).toBe(true);
    expect(feeIsFinal(node)).toBe(false);
    expect(feeDecision(fixed, 200, gec)).toEqual({ feeCents: 200, feeSource: 'fixed', paFeeCents: null, idBundle: null, idCiBundle: null });
    expect(feeDecision(node, 200, gec)).toEqual({ feeCents: 100, feeSource: 'node', paFeeCents: 50, idBundle: 'B', idCiBundle: 'C' });
    expect(feeDecision(node, 200, {})).toMatchObject({ feeCents: 200, feeSource: 'fixed' });
    expect(feeDecision(node, 200, { suggestedUserFeeCents: 0 })).toEqual({ feeCents: 0, feeSource: 'node', paFeeCents: null, idBundle: null, idCiBundle: null });
  });

  it('cash ceiling: default € 1.000,00 inclusive, configurable', () => {
    const c = parseConfig({});
    expect(c.limits.cashMaxCents).toBe(100_000);
    expect(cashCeilingRefusal(c, 100_000)).toBeNull();
    expect(cashCeilingRefusal(c, 100_001)).toMatchObject({ category: 'cash-ceiling' });
    expect(cashCeilingRefusal(parseConfig({ limits: { cashMaxCents: 500 } }), 501)).toMatchObject({ category: 'cash-ceiling' });
  });

  it('payment options: one EQ option is paid; several, or one that is not EQ, are refused', () => {
    expect(paymentOptionsRefusal(undefined)).toBeNull();
    expect(paymentOptionsRefusal([{ amountCents: 100, options: 'EQ' }])).toBeNull();
    expect(paymentOptionsRefusal([{ amountCents: 100, options: 'ANY' }])).toMatchObject({ category: 'payment-options' });
    expect(
      paymentOptionsRefusal([
        { amountCents: 100, options: 'EQ' },
        { amountCents: 50, options: 'EQ' },
      ]),
    ).toMatchObject({ category: 'payment-options', detail: '2 payment options' });
  });

  it('revenue stamp: any transfer with richiestaMarcaDaBollo', () => {
    expect(revenueStampRefusal([{}, { richiestaMarcaDaBollo: false }])).toBeNull();
    expect(revenueStampRefusal([{}, { richiestaMarcaDaBollo: true }])).toMatchObject({ category: 'revenue-stamp' });
  });
});
