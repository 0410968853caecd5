// payment/*: intent-level calls over the engine (pos-practice.md §6: never raw device I/O across IPC).
// Order of a collection: commit → drawer / terminal → outcome in real time → receipt printed, and the
// preview rasterised from the very bytes sent to the printer comes back with the payment.
import type { HandlerImpl } from '../../common/ipc/contract';
import type { Payment as PaymentView } from '../../common/ipc/payment';
import { IpcFailure } from '../../common/ipc/result';
import type { CardCollectResult } from '../core/payments/engine';
import { isOfflineVoidable, MONEY_TAKEN } from '../core/payments/state-machine';
import type { PaymentMethod, RefusalCategory } from '../core/payments/types';
import { actingOperator, actor, journalDrawer, requireSupervisor, type AppContext } from './app-context';
import { methodServable, offeredMethods } from './notice-handlers';
import { toPaymentView } from './payment-view';
import { printPaymentReceipt } from './receipt-printing';

type PaymentHandlers = Pick<HandlerImpl, 'payment/begin' | 'payment/collectCash' | 'payment/collectCard' | 'payment/cancel' | 'payment/get' | 'payment/recent' | 'payment/void'>;

const NODE_DOWN: readonly RefusalCategory[] = ['offline-disabled', 'node-error', 'creditor-unreachable'];

/** States in which money has been (or is being) taken: a cancel must not simply drop them. */
const TAKEN = new Set<string>(MONEY_TAKEN);

export function createPaymentHandlers(ctx: AppContext): PaymentHandlers {
  const { engine } = ctx;
  const view = (id: string): PaymentView => toPaymentView(engine.repo.require(id));
  /** Card collections in flight, so a cancel (kiosk idle timeout) can abort the terminal and wait. */
  const collecting = new Map<string, Promise<CardCollectResult>>();

  const checkMethod = (method: PaymentMethod) => {
    if (!offeredMethods(ctx).includes(method)) throw new IpcFailure('conflict', `${method} is not accepted on this ${ctx.mode}`, 'method-not-offered');
  };

  const finish = async (id: string): Promise<PaymentView> => {
    // Real-time outcome (SANP: sent at once after the money is taken); offline payments skip it.
    await engine.settle(id);
    const receipt = await printPaymentReceipt({ engine, print: ctx.print, log: ctx.log }, id);
    if (receipt.result.outcome !== 'printed') ctx.devices.manager.refresh().then(ctx.refreshStatus, () => undefined);
    return { ...view(id), receipt: { job: receipt.job, preview: receipt.preview } };
  };

  const progress = (paymentId: string, stage: string, message: string | null = null) => ctx.events.emit('payment/progress', { paymentId, stage, message });

  return {
    'payment/begin': async ({ quoteId, method, amountCents }) => {
      actingOperator(ctx);
      // A counter takes money only inside an open shift, so every euro lands in exactly one Z report
      // (pos-practice.md §1.8: shift open with float, Z with counted vs expected). Kiosks are unattended.
      if (ctx.mode === 'counter' && !ctx.shifts.current()) throw new IpcFailure('conflict', 'open a shift (F9) before taking payments', 'no-open-shift');
      checkMethod(method);
      if (!methodServable(ctx, method)) throw new IpcFailure('device', 'the card terminal is not available', 'terminal-unavailable');
      const r = await engine.begin(quoteId, method, amountCents === undefined ? {} : { amountCents });
      // code: the engine's category, which has already read through wrapped faults (a creditor's
      // PAA_PAGAMENTO_DUPLICATO inside PPT_ERRORE_EMESSO_DA_PAA is 'already-paid') and which the renderer
      // words with paymentRefusalMessage; the node's faultCode stays in the message for the technician.
      if (r.kind === 'refused') throw new IpcFailure(NODE_DOWN.includes(r.category) ? 'node-unavailable' : 'conflict', r.faultCode ? `${r.faultCode}: ${r.message}` : r.message, r.category);
      return toPaymentView(r.payment);
    },

    'payment/collectCash': async ({ paymentId, tenderedCents }) => {
      const operatorId = actingOperator(ctx);
      checkMethod('cash');
      // Commit first (engine.collectCash is one IMMEDIATE transaction); only then does the drawer open.
      engine.collectCash(paymentId, tenderedCents);
      const cfg = ctx.config().devices;
      if (cfg.drawer.enabled && cfg.printer.enabled) {
        const error = await ctx.devices.printer.openDrawer(cfg.drawer.pin).then(
          () => null,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        );
        if (error !== null) ctx.log.warn('cash drawer did not open', { paymentId, error });
        journalDrawer(ctx, { reason: 'cash-payment', operatorId, paymentId, pin: cfg.drawer.pin, error });
      }
      return finish(paymentId);
    },

    'payment/collectCard': async ({ paymentId }) => {
      actingOperator(ctx);
      checkMethod('card');
      const terminal = ctx.devices.manager.terminal;
      if (!terminal) throw new IpcFailure('device', 'the card terminal is not available', 'terminal-unavailable');
      progress(paymentId, 'connecting');
      const run = engine.collectCard(paymentId, terminal, (p) => progress(paymentId, 'terminal', p.message));
      collecting.set(paymentId, run);
      let r: CardCollectResult;
      try {
        r = await run;
      } finally {
        collecting.delete(paymentId);
      }
      progress(paymentId, r.kind, r.kind === 'approved' ? null : (r.reason ?? null));
      if (r.kind !== 'approved') {
        // Declined/aborted: back to 'pending' (retry or cancel). Unknown: a person checks the terminal (§3.4).
        const v = toPaymentView(r.payment);
        return r.kind === 'unknown' ? v : { ...v, error: { kind: r.kind, message: r.reason ?? r.kind } };
      }
      progress(paymentId, 'printing');
      return finish(paymentId);
    },

    'payment/cancel': async ({ paymentId, reason }) => {
      const by = ctx.mode === 'kiosk' ? null : actor(ctx);
      const p = engine.repo.require(paymentId);
      if (TAKEN.has(p.state)) throw new IpcFailure('conflict', 'the money was already taken: this payment cannot be cancelled', 'already-collected');
      if (p.state === 'collecting') {
        // Kiosk idle timeout or the clerk gives up: ask the terminal to abort, then let the charge settle.
        const running = collecting.get(paymentId);
        await ctx.devices.manager.terminal?.abort().catch(() => false);
        const r = await running;
        if (r?.kind === 'approved' || r?.kind === 'unknown') throw new IpcFailure('conflict', 'the card was charged before the cancel: this payment cannot be cancelled', 'already-collected');
        if (engine.repo.require(paymentId).state === 'collecting') throw new IpcFailure('conflict', 'the terminal is still charging the card', 'collecting');
      }
      // After activation the engine sends outcome KO (pagopa-psp.md §3.11).
      return toPaymentView(await engine.cancel(paymentId, reason ?? (ctx.mode === 'kiosk' ? 'kiosk idle timeout' : 'cancelled by the operator'), by));
    },

    'payment/get': ({ paymentId }) => view(paymentId),

    'payment/recent': (arg) => engine.list({ limit: arg?.limit ?? 50 }).map(toPaymentView),

    'payment/void': async ({ paymentId, reason, supervisorPin, supervisorId }) => {
      actingOperator(ctx);
      const supervisor = await requireSupervisor(ctx, supervisorPin, supervisorId);
      const p = engine.repo.require(paymentId);
      if (p.state === 'exception') throw new IpcFailure('conflict', 'this payment needs attention: resolve it from the exceptions inbox', 'exception-open');
      if (isOfflineVoidable(p)) {
        // Never sent to pagoPA: refund the cash, drop it from the queue, print the annulment slip.
        engine.voidOffline(paymentId, reason, supervisor);
        const receipt = await printPaymentReceipt({ engine, print: ctx.print, log: ctx.log }, paymentId);
        return { ...view(paymentId), receipt: { job: receipt.job, preview: receipt.preview } };
      }
      if (TAKEN.has(p.state)) {
        // nodeForPsp has no reversal: once the outcome OK is (or will be) sent, the refund goes through the
        // creditor (pagopa-psp.md §3.11: OK is final). Nothing is changed here.
        throw new IpcFailure('conflict', 'a pagoPA payment cannot be reversed at the counter once collected: refund through the creditor', 'not-reversible');
      }
      return toPaymentView(await engine.cancel(paymentId, `void: ${reason}`, supervisor));
    },
  };
}
