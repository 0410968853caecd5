import { describe, expect, it } from 'vitest';
import { acceptsScan, flowReducer, initialFlow, type Flow } from './flow';
import type { Quote } from '../../common/ipc/notice';
import type { Payment } from '../../common/ipc';

const quote: Quote = {
  quoteId: 'q1',
  noticeNumber: '300715700000000032',
  fiscalCode: '00085240950',
  creditorName: 'Comune di Test',
  description: 'TARI',
  amountCents: 12_000,
  printedAmountCents: null,
  dueDate: null,
  feeCents: 200,
  totalCents: 12_200,
  methods: [{ method: 'cash', feeCents: 200, totalCents: 12_200, available: true }],
  verifiedOnline: true,
  offline: { eligible: false, reason: null },
  expiresAt: null,
};

function payment(state: Payment['state'], id = 'p1'): Payment {
  return {
    id,
    noticeNumber: quote.noticeNumber,
    fiscalCode: quote.fiscalCode,
    creditorName: 'c',
    description: 'd',
    amountCents: 12_000,
    feeCents: 200,
    totalCents: 12_200,
    method: 'card',
    state,
    outcome: 'none',
    offline: false,
    tenderedCents: null,
    changeCents: null,
    card: null,
    receiptNumber: null,
    operatorId: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    error: null,
  };
}

function run(events: Parameters<typeof flowReducer>[1][], from: Flow = initialFlow): Flow {
  return events.reduce(flowReducer, from);
}

describe('counter flow', () => {
  it('goes scan → quote → card → done', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'card' },
      { t: 'begun', payment: payment('collecting') },
      { t: 'progress', paymentId: 'p1', stage: 'pin' },
    ]);
    expect(f).toMatchObject({ s: 'card', stage: 'pin' });
    expect(run([{ t: 'settled', payment: payment('paid') }], f).s).toBe('done');
  });

  it('ignores scans while money is being collected', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'card' },
      { t: 'begun', payment: payment('collecting') },
    ]);
    expect(acceptsScan(f)).toBe(false);
    expect(run([{ t: 'scan', raw: 'other' }], f)).toBe(f);
  });

  it('sends an unknown card outcome to the attention state, never to done', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'card' },
      { t: 'begun', payment: payment('collecting') },
      { t: 'settled', payment: payment('needs-attention') },
    ]);
    expect(f.s).toBe('attention');
  });

  it('returns to idle with the message after a failed or cancelled payment', () => {
    const msg = { tone: 'bad' as const, title: 'declined' };
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'card' },
      { t: 'begun', payment: payment('collecting') },
      { t: 'settled', payment: payment('failed'), message: msg },
    ]);
    expect(f).toEqual({ s: 'idle', message: msg });
  });

  it('ignores progress and settlements of another payment', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'card' },
      { t: 'begun', payment: payment('collecting') },
    ]);
    expect(run([{ t: 'progress', paymentId: 'other', stage: 'pin' }], f)).toBe(f);
    expect(run([{ t: 'settled', payment: payment('paid', 'other') }], f)).toBe(f);
  });

  it('keeps the quote when activation fails, so the clerk can retry or go back', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'quote', quote },
      { t: 'begin', method: 'cash' },
      { t: 'fail', message: { tone: 'bad', title: 'node down' } },
    ]);
    expect(f).toMatchObject({ s: 'quote', message: { title: 'node down' } });
  });

  it('a refusal returns to idle with its message', () => {
    const f = run([
      { t: 'scan', raw: 'x' },
      { t: 'refused', refusal: { category: 'already-paid', message: 'dup' }, message: { tone: 'warn', title: 'paid' } },
    ]);
    expect(f).toEqual({ s: 'idle', message: { tone: 'warn', title: 'paid' } });
  });
});

describe('card terminal stages', async () => {
  const { stageKey } = await import('./card-panel');
  it('maps Protocollo 17 display texts to translated stages, and unknown ones to waiting', () => {
    expect(stageKey('terminal', 'INSERIRE CARTA')).toBe('insert-card');
    expect(stageKey('terminal', 'ATTENDERE AUTORIZZ.')).toBe('authorizing');
    expect(stageKey('approved', null)).toBe('approved');
    expect(stageKey('terminal', 'BUONGIORNO')).toBe('waiting');
    expect(stageKey(null, null)).toBe('waiting');
  });
});
