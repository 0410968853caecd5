// The optional payer of a payment (issue #12 §6), sent in sendPaymentOutcome details.payer (nodeForPsp.xsd
// ctSubject, pagopa-extra.md §f): F = persona fisica (16-character codice fiscale, check character and
// omocodia), G = persona giuridica (11-digit partita IVA, check digit); full name 1..70; e-mail optional
// (common:stEMail). Pure: the core validates with it, the renderer uses it for live feedback.
import { isValidEcFiscalCode, isValidPersonalFiscalCode } from './notice/check-digits';

export type Payer = { readonly type: 'F' | 'G'; readonly id: string; readonly fullName: string; readonly email?: string };

/** What a person typed: the identifier decides F or G. */
export type PayerInput = { readonly id: string; readonly fullName: string; readonly email?: string | null };

export type PayerProblem = 'id-format' | 'id-check' | 'name-required' | 'name-too-long' | 'email-invalid';
export type PayerCheck = { readonly ok: true; readonly payer: Payer } | { readonly ok: false; readonly field: 'id' | 'fullName' | 'email'; readonly problem: PayerProblem };

// common:stEMail, anchored; at most 256 characters.
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/;
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Validates and normalises (upper-case identifier, trimmed and single-spaced name, trimmed e-mail). */
export function checkPayer(input: PayerInput): PayerCheck {
  const id = input.id.replace(/\s+/g, '').toUpperCase();
  let type: Payer['type'];
  if (/^[A-Z0-9]{16}$/.test(id)) {
    type = 'F';
    if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(id)) return { ok: false, field: 'id', problem: 'id-format' };
    if (!isValidPersonalFiscalCode(id)) return { ok: false, field: 'id', problem: 'id-check' };
  } else if (/^\d{11}$/.test(id)) {
    type = 'G';
    if (!isValidEcFiscalCode(id)) return { ok: false, field: 'id', problem: 'id-check' };
  } else {
    return { ok: false, field: 'id', problem: 'id-format' };
  }
  const fullName = input.fullName.replace(/\s+/g, ' ').trim();
  if (fullName === '' || CONTROL.test(fullName)) return { ok: false, field: 'fullName', problem: 'name-required' };
  if ([...fullName].length > 70) return { ok: false, field: 'fullName', problem: 'name-too-long' };
  const email = (input.email ?? '').trim();
  if (email !== '' && (email.length > 256 || !EMAIL.test(email))) return { ok: false, field: 'email', problem: 'email-invalid' };
  return { ok: true, payer: { type, id, fullName, ...(email !== '' ? { email } : {}) } };
}

const PROBLEM_TEXT: Record<'it' | 'en', Record<PayerProblem, string>> = {
  it: {
    'id-format': 'Codice fiscale (16 caratteri) o partita IVA (11 cifre) non valido',
    'id-check': 'Il carattere di controllo del codice fiscale o della partita IVA non torna: ricontrolla',
    'name-required': 'Serve il nome e cognome o la ragione sociale',
    'name-too-long': 'Nome o ragione sociale: al massimo 70 caratteri',
    'email-invalid': 'Indirizzo e-mail non valido',
  },
  en: {
    'id-format': 'Not a valid codice fiscale (16 characters) or partita IVA (11 digits)',
    'id-check': 'The check character of the codice fiscale or partita IVA does not match: check it again',
    'name-required': 'The full name or company name is required',
    'name-too-long': 'Name or company name: 70 characters at most',
    'email-invalid': 'Not a valid e-mail address',
  },
};

export function payerProblemMessage(problem: PayerProblem, lang: 'it' | 'en'): string {
  return PROBLEM_TEXT[lang][problem];
}
