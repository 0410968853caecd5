// The counter's payment flow as an explicit state machine (issue #6 §3): every state has a way back.
//   idle → lookup → quote → begin → cash | card → done
//                      ↘ refusal (idle with a message)   card → attention (outcome unknown)
import type { Quote, Refusal } from '../../common/ipc/notice';
import type { Payment, PaymentMethod } from '../../common/ipc';

export type FlowMessage = { tone: 'bad' | 'warn' | 'info' | 'ok'; title: string; detail?: string; code?: string };

export type Flow =
  | { s: 'idle'; message: FlowMessage | null }
  | { s: 'lookup'; raw: string }
  | { s: 'quote'; quote: Quote; message: FlowMessage | null }
  | { s: 'begin'; quote: Quote; method: PaymentMethod }
  | { s: 'cash'; quote: Quote; payment: Payment; busy: boolean; message: FlowMessage | null }
  | { s: 'card'; quote: Quote; payment: Payment; stage: string | null; stageMessage?: string | null; cancelling: boolean }
  | { s: 'attention'; payment: Payment }
  | { s: 'done'; payment: Payment };

export type FlowEvent =
  | { t: 'scan'; raw: string }
  | { t: 'quote'; quote: Quote }
  | { t: 'refused'; refusal: Refusal; message: FlowMessage }
  | { t: 'fail'; message: FlowMessage }
  | { t: 'begin'; method: PaymentMethod }
  | { t: 'begun'; payment: Payment }
  | { t: 'cash-busy' }
  | { t: 'progress'; paymentId: string; stage: string; message?: string | null }
  | { t: 'cancelling' }
  | { t: 'settled'; payment: Payment; message?: FlowMessage }
  | { t: 'reset'; message?: FlowMessage | null };

export const initialFlow: Flow = { s: 'idle', message: null };

/** States in which a new scan is accepted (never while money is being collected). */
export function acceptsScan(f: Flow): boolean {
  return f.s === 'idle' || f.s === 'quote' || f.s === 'done';
}

export function flowReducer(f: Flow, e: FlowEvent): Flow {
  switch (e.t) {
    case 'scan':
      return acceptsScan(f) ? { s: 'lookup', raw: e.raw } : f;
    case 'quote':
      return f.s === 'lookup' ? { s: 'quote', quote: e.quote, message: null } : f;
    case 'refused':
      return f.s === 'lookup' ? { s: 'idle', message: e.message } : f;
    case 'fail':
      if (f.s === 'lookup') return { s: 'idle', message: e.message };
      if (f.s === 'begin') return { s: 'quote', quote: f.quote, message: e.message };
      if (f.s === 'cash') return { ...f, busy: false, message: e.message };
      if (f.s === 'card') return { ...f, cancelling: false };
      return f;
    case 'begin':
      return f.s === 'quote' ? { s: 'begin', quote: f.quote, method: e.method } : f;
    case 'begun':
      if (f.s !== 'begin') return f;
      return f.method === 'cash' ? { s: 'cash', quote: f.quote, payment: e.payment, busy: false, message: null } : { s: 'card', quote: f.quote, payment: e.payment, stage: null, cancelling: false };
    case 'cash-busy':
      return f.s === 'cash' ? { ...f, busy: true, message: null } : f;
    case 'progress':
      return f.s === 'card' && f.payment.id === e.paymentId ? { ...f, stage: e.stage, stageMessage: e.message ?? null } : f;
    case 'cancelling':
      return f.s === 'card' ? { ...f, cancelling: true } : f;
    case 'settled':
      return settle(f, e.payment, e.message ?? null);
    case 'reset':
      return { s: 'idle', message: e.message ?? null };
  }
}

function settle(f: Flow, p: Payment, message: FlowMessage | null): Flow {
  const mine = (f.s === 'cash' || f.s === 'card') && f.payment.id === p.id;
  if (!mine && !(f.s === 'done' && f.payment.id === p.id)) return f;
  switch (p.state) {
    case 'paid':
    case 'voided':
      return { s: 'done', payment: p };
    case 'needs-attention':
      return { s: 'attention', payment: p };
    case 'cancelled':
    case 'failed':
      // The node position was released (KO outcome): start again from a fresh lookup.
      return f.s === 'cash' || f.s === 'card' ? { s: 'idle', message } : f;
    case 'pending':
    case 'collecting':
      return f.s === 'cash' || f.s === 'card' ? { ...f, payment: p } : f;
  }
}
