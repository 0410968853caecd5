// refusalMessage / errorMessage word engine refusals with the shared texts of payment-refusals.ts, in the
// language on screen, before falling back to the faultCode or the locale's generic action.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { paymentRefusalMessage } from '../../common/payment-refusals';
import { faultCodeMessage, faultMessage } from '../../common/node-faults';
import { UiCallError } from '../bridge/bridge';
import { en } from '../i18n/locales/en';
import { it as itMessages } from '../i18n/locales/it';
import { errorMessage, machineCode, refusalMessage } from './messages';

function tFor(lng: 'it' | 'en'): TFunction {
  const i = i18next.createInstance();
  void i.init({ lng, resources: { it: { translation: itMessages }, en: { translation: en } }, initAsync: false, interpolation: { escapeValue: false } });
  return i.t;
}

describe('refusalMessage', () => {
  it('a creditor duplicate wrapped in PPT_ERRORE_EMESSO_DA_PAA reads "already paid", not "creditor unreachable"', () => {
    const r = { category: 'already-paid' as const, reason: 'already-paid' as const, message: 'duplicate', faultCode: 'PPT_ERRORE_EMESSO_DA_PAA' };
    const m = refusalMessage(tFor('it'), r, 'clerk', 'it');
    expect(m.detail).toBe(paymentRefusalMessage('already-paid', 'it', 'clerk'));
    expect(m.detail).not.toBe(faultMessage('creditor-unreachable', 'it', 'clerk'));
    expect(m.tone).toBe('warn');
    expect(m.code).toContain('PPT_ERRORE_EMESSO_DA_PAA');
  });

  it('an engine refusal is worded in the language on screen, for the audience', () => {
    const r = { category: 'limit-exceeded' as const, reason: 'offline-limit' as const, message: 'offline limits exceeded' };
    expect(refusalMessage(tFor('en'), r, 'citizen', 'en').detail).toBe(paymentRefusalMessage('offline-limit', 'en', 'citizen'));
    expect(refusalMessage(tFor('it'), r, 'clerk', 'it').detail).toBe(paymentRefusalMessage('offline-limit', 'it', 'clerk'));
    expect(refusalMessage(tFor('it'), r, 'clerk', 'it').title).toBe(itMessages.refusal.clerk['limit-exceeded'].title);
  });

  it('without a reason: the faultCode wording, else the locale action', () => {
    const withFault = { category: 'already-paid' as const, message: 'x', faultCode: 'PPT_PAGAMENTO_DUPLICATO' };
    expect(refusalMessage(tFor('en'), withFault, 'clerk', 'en').detail).toBe(faultMessage('already-paid', 'en', 'clerk'));
    const bare = { category: 'invalid-code' as const, message: 'bad check digit', faultCode: 'check-digit' };
    expect(refusalMessage(tFor('en'), bare, 'clerk', 'en').detail).toBe(en.refusal.clerk['invalid-code'].action);
  });
});

describe('errorMessage', () => {
  it('a payment/begin refusal coded with an engine category gets the shared wording', () => {
    const e = new UiCallError('conflict', 'amount required', 'amount-required');
    const m = errorMessage(tFor('en'), e, 'clerk', 'en');
    expect(m.detail).toBe(paymentRefusalMessage('amount-required', 'en', 'clerk'));
    expect(m.title).toBe(en.ipcError.clerk.conflict.title);
    expect(errorMessage(tFor('it'), e, 'citizen', 'it').detail).toBe(paymentRefusalMessage('amount-required', 'it', 'citizen'));
  });

  it('a payment/begin refusal led by a fault code with its own wording (unknown creditor) gets that wording', () => {
    const e = new UiCallError('conflict', 'PPT_DOMINIO_SCONOSCIUTO: the creditor is not known', 'unknown-notice');
    expect(errorMessage(tFor('en'), e, 'clerk', 'en').detail).toBe(faultCodeMessage('PPT_DOMINIO_SCONOSCIUTO', 'en', 'clerk'));
    expect(errorMessage(tFor('it'), e, 'citizen', 'it').detail).toBe(faultCodeMessage('PPT_DOMINIO_SCONOSCIUTO', 'it', 'citizen'));
    expect(faultCodeMessage('PPT_DOMINIO_SCONOSCIUTO', 'it', 'clerk')).toMatch(/codice fiscale/);
    // The code line names the node's fault code (what a technician looks up), then the engine's category.
    expect(errorMessage(tFor('it'), e, 'clerk', 'it').code).toBe('PPT_DOMINIO_SCONOSCIUTO · unknown-notice');
  });

  it('other codes keep the generic action of the error kind', () => {
    const e = new UiCallError('device', 'no terminal', 'terminal-unavailable');
    expect(errorMessage(tFor('en'), e, 'clerk', 'en').detail).toBe(en.ipcError.clerk.device.action);
    expect(errorMessage(tFor('it'), new UiCallError('internal', 'boom'), 'clerk', 'it').detail).toBe(itMessages.ipcError.clerk.internal.action);
  });
});

describe('the code line (issue #11 §11)', () => {
  it("carries the machine code only, never the core's English message", () => {
    const e = new UiCallError('conflict', 'open a shift (F9) before taking payments', 'no-open-shift');
    const m = errorMessage(tFor('it'), e, 'clerk', 'it');
    expect(m.code).toBe('no-open-shift');
    expect(m.detail).toBe(itMessages.shift.required);
    expect(errorMessage(tFor('it'), new UiCallError('not-found', 'no Z report yet'), 'clerk', 'it').code).toBeUndefined();
    const r = { category: 'already-paid' as const, message: 'The notice is already paid. Do not collect.', faultCode: 'PPT_PAGAMENTO_DUPLICATO' };
    expect(refusalMessage(tFor('it'), r, 'clerk', 'it').code).toBe('PPT_PAGAMENTO_DUPLICATO');
  });
});

describe('machineCode', () => {
  it('keeps a fault code or a one-word code and drops English sentences', () => {
    expect(machineCode('PPT_PAGAMENTO_DUPLICATO: the notice is already paid')).toBe('PPT_PAGAMENTO_DUPLICATO');
    expect(machineCode('outcome-undelivered')).toBe('outcome-undelivered');
    expect(machineCode('terminal result unknown')).toBeNull();
    expect(machineCode('malformed catalogue: bad XML')).toBeNull();
    expect(machineCode(null)).toBeNull();
  });
});
