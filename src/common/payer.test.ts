import { describe, expect, it } from 'vitest';
import { checkPayer, payerProblemMessage } from './payer';
import { personalFiscalCodeCheckChar } from './notice/check-digits';

describe('checkPayer (issue #12 §6)', () => {
  it('a codice fiscale with its check character, also with omocodia letters, is a persona fisica (F)', () => {
    expect(checkPayer({ id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' })).toEqual({ ok: true, payer: { type: 'F', id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' } });
    // Omocodia: digits replaced from the right by L M N P Q R S T U V; the check character is recomputed.
    const omo = 'RSSMRA85T10A5SN';
    expect(checkPayer({ id: (omo + personalFiscalCodeCheckChar(omo)).toLowerCase(), fullName: ' Mario  Rossi ' })).toMatchObject({ ok: true, payer: { type: 'F', fullName: 'Mario Rossi' } });
    expect(checkPayer({ id: 'RSSMRA85T10A562T', fullName: 'Mario Rossi' })).toEqual({ ok: false, field: 'id', problem: 'id-check' });
    // Month letter must be one of ABCDEHLMPRST: a well-sized but malformed code.
    expect(checkPayer({ id: 'RSSMRA85Z10A562S', fullName: 'Mario Rossi' })).toEqual({ ok: false, field: 'id', problem: 'id-format' });
  });

  it('a partita IVA with its check digit is a persona giuridica (G)', () => {
    expect(checkPayer({ id: '01199250158', fullName: 'Comune di Milano', email: ' uff@comune.milano.it ' })).toEqual({
      ok: true,
      payer: { type: 'G', id: '01199250158', fullName: 'Comune di Milano', email: 'uff@comune.milano.it' },
    });
    expect(checkPayer({ id: '01199250159', fullName: 'X' })).toMatchObject({ ok: false, problem: 'id-check' });
    expect(checkPayer({ id: '1234', fullName: 'X' })).toMatchObject({ ok: false, problem: 'id-format' });
  });

  it('name required and at most 70 characters; e-mail optional but well formed (stEMail)', () => {
    expect(checkPayer({ id: '01199250158', fullName: '   ' })).toMatchObject({ ok: false, field: 'fullName', problem: 'name-required' });
    expect(checkPayer({ id: '01199250158', fullName: 'à'.repeat(70) })).toMatchObject({ ok: true });
    expect(checkPayer({ id: '01199250158', fullName: 'à'.repeat(71) })).toMatchObject({ ok: false, problem: 'name-too-long' });
    expect(checkPayer({ id: '01199250158', fullName: 'Ditta', email: 'a@b' })).toMatchObject({ ok: true });
    expect(checkPayer({ id: '01199250158', fullName: 'Ditta', email: 'a b@c.it' })).toMatchObject({ ok: false, field: 'email', problem: 'email-invalid' });
    expect(checkPayer({ id: '01199250158', fullName: 'Ditta', email: null })).toMatchObject({ ok: true });
    expect(payerProblemMessage('id-check', 'it')).not.toBe(payerProblemMessage('id-check', 'en'));
  });
});
