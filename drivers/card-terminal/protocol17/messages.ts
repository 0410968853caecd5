// Protocollo 17 application messages (the bytes between STX and ETX). Fixed-width ASCII fields at
// the 1-based offsets of the Nexi ECR17 layouts as ported by padosoft ecr17 (`protocol.rs`,
// `response.rs`); pos-practice.md §3.1. Every message starts with the Terminal ID (8 digits),
// a reserved '0' and the message code at position 10.

export type Ids = { terminalId: string; cashRegisterId: string };

export class MessageError extends Error {
  override readonly name = 'MessageError';
  constructor(
    readonly kind: 'field-overflow' | 'bad-value' | 'short-message',
    message: string,
  ) {
    super(message);
  }
}

function leftPad(value: string, width: number, ch: string, field: string): string {
  if (value.length > width) throw new MessageError('field-overflow', `${field}: "${value}" exceeds ${width} characters`);
  return ch.repeat(width - value.length) + value;
}

function head(ids: Ids, code: string): string {
  return leftPad(ids.terminalId, 8, '0', 'terminal id') + '0' + code;
}

function withRegister(ids: Ids, code: string): string {
  return head(ids, code) + leftPad(ids.cashRegisterId, 8, '0', 'cash register id');
}

/** References travel in the receipt text of P and are printed on the terminal slip. */
export const REFERENCE_RE = /^[A-Za-z0-9_-]{1,16}$/;

/** 'P' payment, 167 bytes. Receipt text (128) is right-aligned per the Nexi reference layout. */
export function buildPayment(ids: Ids, amountCents: number, reference: string): string {
  if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > 99_999_999) {
    throw new MessageError('bad-value', `amount must be 1..99999999 cents, got ${amountCents}`);
  }
  if (!REFERENCE_RE.test(reference)) throw new MessageError('bad-value', `reference must match ${REFERENCE_RE}`);
  const m =
    withRegister(ids, 'P') +
    '0' + // 19: no additional GT data
    '00' + // 20: reserved
    '0' + // 22: do not start with card already present
    '0' + // 23: payment type auto
    leftPad(String(amountCents), 8, '0', 'amount') + // 24: amount in cents
    leftPad(`RIF ${reference}`, 128, ' ', 'receipt text') + // 32: receipt text
    '00000000'; // 160: reserved
  return m;
}

/** 'S' reversal, 26 bytes; STAN "000000" reverses the last transaction without a STAN check. */
export function buildReversal(ids: Ids, stan = '000000'): string {
  if (!/^\d{1,6}$/.test(stan)) throw new MessageError('bad-value', 'STAN must be 1..6 digits');
  return withRegister(ids, 'S') + leftPad(stan, 6, '0', 'stan') + '0' + '0';
}

/** 's' status, 10 bytes (lowercase code per spec). */
export function buildStatus(ids: Ids): string {
  return head(ids, 's');
}

/** 'T' totals, 26 bytes. */
export function buildTotals(ids: Ids): string {
  return withRegister(ids, 'T') + '0' + '0000000';
}

/** 'G' send last result, 22 bytes. */
export function buildLastResult(ids: Ids): string {
  return withRegister(ids, 'G') + '0' + '000';
}

export type RequestCode = 'P' | 'S' | 's' | 'T' | 'G';

/** What the terminal side needs from a request (used by the virtual terminal). */
export type ParsedRequest =
  | { code: 'P'; terminalId: string; cashRegisterId: string; amountCents: number; receiptText: string }
  | { code: 'S'; terminalId: string; cashRegisterId: string; stan: string }
  | { code: 's' | 'T' | 'G'; terminalId: string }
  | { code: 'other'; terminalId: string; raw: string };

const at = (p: string, pos1: number, len: number): string => p.slice(pos1 - 1, pos1 - 1 + len);

export function parseRequest(p: string): ParsedRequest {
  if (p.length < 10) throw new MessageError('short-message', `request of ${p.length} bytes`);
  const terminalId = at(p, 1, 8);
  const code = at(p, 10, 1);
  switch (code) {
    case 'P':
      if (p.length !== 167) throw new MessageError('short-message', `P must be 167 bytes, got ${p.length}`);
      return { code, terminalId, cashRegisterId: at(p, 11, 8), amountCents: Number(at(p, 24, 8)), receiptText: at(p, 32, 128).trim() };
    case 'S':
      return { code, terminalId, cashRegisterId: at(p, 11, 8), stan: at(p, 19, 6) };
    case 's':
    case 'T':
    case 'G':
      return { code, terminalId };
    default:
      return { code: 'other', terminalId, raw: p };
  }
}

// ---- responses --------------------------------------------------------------------------

/** Result of a financial transaction ('E'), also what 'G' returns (Nexi "send last result"). */
export type TxResult = {
  terminalId: string;
  /** '00' ok, '01' ko, '05' card not present, '09' unknown tag (pos-practice.md §3.1). */
  resultCode: string;
  pan: string;
  entryMode: string;
  authCode: string;
  /** DDDHHMM as sent by the host. */
  hostDateTime: string;
  errorDescription: string;
  /** '1' debit, '2' credit, '3' other. */
  cardType: string;
  acquirerId: string;
  stan: string;
  onlineId: string;
  actionCode: string;
  /** Positions 75–82 (as in the DCC 'V' layout); null when the terminal omits them. */
  amountCents: number | null;
};

const padR = (v: string, w: number) => v.slice(0, w).padEnd(w, ' ');
const padL0 = (v: string, w: number) => v.slice(-w).padStart(w, '0');

export function buildResult(r: TxResult): string {
  const ok = r.resultCode !== '01';
  const body = ok ? padR(r.pan, 19) + padR(r.entryMode, 3) + padR(r.authCode, 6) + padL0(r.hostDateTime, 7) : padR(r.errorDescription, 24) + '0'.repeat(11);
  const amount = r.amountCents === null ? '' : padL0(String(r.amountCents), 8);
  return (
    padL0(r.terminalId, 8) +
    '0' +
    'E' +
    r.resultCode +
    body +
    (r.cardType || '0').slice(0, 1) +
    padR(r.acquirerId, 11) +
    padL0(r.stan, 6) +
    padL0(r.onlineId, 6) +
    padL0(r.actionCode || '000', 3) +
    amount
  );
}

export function parseResult(p: string): TxResult {
  if (p.length < 71 || !'EV'.includes(at(p, 10, 1))) throw new MessageError('short-message', `not a result message (${p.length} bytes, code ${at(p, 10, 1)})`);
  const resultCode = at(p, 11, 2);
  const ko = resultCode === '01';
  const amountRaw = at(p, 75, 8);
  return {
    terminalId: at(p, 1, 8),
    resultCode,
    pan: ko ? '' : at(p, 13, 19).trim(),
    entryMode: ko ? '' : at(p, 32, 3).trim(),
    authCode: ko ? '' : at(p, 35, 6).trim(),
    hostDateTime: ko ? '' : at(p, 41, 7),
    errorDescription: ko ? at(p, 13, 24).trim() : '',
    cardType: at(p, 48, 1),
    acquirerId: at(p, 49, 11).trim(),
    stan: at(p, 60, 6),
    onlineId: at(p, 66, 6),
    actionCode: at(p, 72, 3),
    amountCents: /^\d{8}$/.test(amountRaw) ? Number(amountRaw) : null,
  };
}

export type StatusReply = { terminalId: string; dateTime: string; status: number; softwareRelease: string };

/** Status codes 0..6 (padosoft ecr17 `types.rs`): only 2 = operative can take payments. */
export const STATUS_MEANING: Readonly<Record<number, string>> = {
  0: 'terminal not configured',
  1: 'terminal configured, no DLL',
  2: 'terminal operative',
  3: 'terminal not aligned (first DLL requested)',
  4: 'KMPB/KPOS key corrupted (first DLL requested)',
  5: 'DLL solicited by GT pending',
  6: 'remote software update pending',
};

export function buildStatusReply(s: StatusReply): string {
  return padL0(s.terminalId, 8) + '0s' + '0'.repeat(10) + padL0(s.dateTime, 10) + String(s.status) + s.softwareRelease;
}

export function parseStatusReply(p: string): StatusReply {
  if (p.length < 31 || at(p, 10, 1) !== 's') throw new MessageError('short-message', 'not a status reply');
  const d = at(p, 31, 1);
  return { terminalId: at(p, 1, 8), dateTime: at(p, 21, 10), status: /\d/.test(d) ? Number(d) : -1, softwareRelease: p.slice(31).trim() };
}

export type TotalsReply = { terminalId: string; resultCode: string; totalCents: number; count: number };

/** 'T' reply: total at 13–28 (16 digits); positions 29–34 carry the transaction count here. */
export function buildTotalsReply(t: TotalsReply): string {
  return padL0(t.terminalId, 8) + '0T' + t.resultCode + padL0(String(t.totalCents), 16) + padL0(String(t.count), 6);
}

export function parseTotalsReply(p: string): TotalsReply {
  if (p.length < 28 || at(p, 10, 1) !== 'T') throw new MessageError('short-message', 'not a totals reply');
  const count = at(p, 29, 6);
  return { terminalId: at(p, 1, 8), resultCode: at(p, 11, 2), totalCents: Number(at(p, 13, 16)), count: /^\d{6}$/.test(count) ? Number(count) : 0 };
}

/** Receipt lines streamed by the terminal when ECR printing is on carry code 'S' at position 10. */
export function isReceiptLine(p: string): boolean {
  return at(p, 10, 1) === 'S';
}

export function messageCode(p: string): string {
  return at(p, 10, 1);
}
