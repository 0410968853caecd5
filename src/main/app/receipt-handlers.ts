// receipt/* and shift/print over the PrintService: held jobs wait for a person (never an automatic
// reprint, pos-practice.md §7.2); a reprint is a new job marked COPIA.
import type { HandlerImpl } from '../../common/ipc/contract';
import { IpcFailure } from '../../common/ipc/result';
import { reportLayout } from '../core/shifts/report-lines';
import { actor, type AppContext } from './app-context';
import { parseJobId, previewOf, toPrintJobView, pngSize } from './receipt-printing';

type ReceiptHandlers = Pick<HandlerImpl, 'receipt/preview' | 'receipt/print' | 'receipt/reprint' | 'receipt/heldJobs' | 'receipt/resume' | 'shift/print'>;

export function createReceiptHandlers(ctx: AppContext): ReceiptHandlers {
  const { print, engine } = ctx;
  // A notice of a cart has the cart's one receipt (CartSales.receiptOwner).
  const jobsOf = (paymentId: string) => print.jobs({ paymentId: ctx.sale.carts.receiptOwner(paymentId) }).sort((a, b) => b.id - a.id);
  const afterPrint = (ok: boolean) => {
    if (!ok) ctx.devices.manager.refresh().then(ctx.refreshStatus, () => undefined);
  };

  return {
    'receipt/preview': ({ paymentId, copy }) => {
      engine.repo.require(paymentId);
      const latest = jobsOf(paymentId)[0];
      if (latest && !copy) return previewOf(print, latest.id);
      const data = engine.receiptDataFor(paymentId);
      const png = print.preview(copy ? { ...data, copy: true } : data);
      return { pngDataUrl: `data:image/png;base64,${png.toString('base64')}`, ...pngSize(png) };
    },

    'receipt/print': async ({ paymentId }) => {
      actor(ctx);
      const jobs = jobsOf(paymentId);
      if (jobs.some((j) => j.state === 'printed')) throw new IpcFailure('conflict', 'the receipt was already printed: ask for a copy (reprint)', 'already-printed');
      if (jobs.some((j) => j.state === 'held')) throw new IpcFailure('conflict', 'the receipt is held: resume it or ask for a copy', 'held');
      const queued = jobs.find((j) => j.state === 'queued');
      if (queued) {
        // Refused earlier before any byte was sent: the same job, safe to send again.
        const r = await print.printNow(queued.id);
        if (r.outcome === 'printed') ctx.sale.notePrinted(paymentId);
        afterPrint(r.outcome === 'printed');
        return toPrintJobView(print, print.getJob(queued.id) ?? queued);
      }
      const p = engine.repo.require(paymentId);
      const r = p.cartId && p.collectedAt !== null ? await ctx.sale.carts.printReceipt(p.cartId) : await ctx.sale.printReceipt(paymentId);
      afterPrint(r.result.outcome === 'printed');
      return toPrintJobView(print, r.job);
    },

    'receipt/reprint': async ({ paymentId }) => {
      const by = actor(ctx);
      const src = jobsOf(paymentId).find((j) => j.state === 'printed' || j.state === 'held');
      if (!src) throw new IpcFailure('conflict', 'no printed receipt to copy', 'nothing-printed');
      const r = await print.reprint(src.id, by);
      if (r.outcome === 'printed') ctx.sale.notePrinted(paymentId);
      afterPrint(r.outcome === 'printed');
      return toPrintJobView(print, print.getJob(r.copyJobId)!);
    },

    'receipt/heldJobs': () => print.heldJobs().map((j) => toPrintJobView(print, j)),

    'receipt/resume': async ({ jobId }) => {
      const by = actor(ctx);
      const id = parseJobId(jobId);
      const r = await print.confirmResume(id, by);
      const job = print.getJob(id)!;
      if (r.outcome === 'printed') ctx.sale.notePrinted(job.paymentId);
      afterPrint(r.outcome === 'printed');
      return toPrintJobView(print, job);
    },

    'shift/print': async (arg) => {
      const by = actor(ctx);
      const { shifts } = ctx;
      let report;
      if (arg.kind === 'x') report = shifts.xReport();
      else {
        const number = arg.number ?? shifts.zReports().at(-1)?.number;
        report = number === undefined ? null : shifts.zReport(number);
        if (!report) throw new IpcFailure('not-found', number === undefined ? 'no Z report yet' : `no Z report number ${number}`);
      }
      const config = ctx.config();
      const layout = reportLayout(report, config.ui.language);
      const job = print.enqueueReport({ ...layout, issuedAt: new Date(ctx.clock.now()).toISOString(), terminalId: config.terminal.id, operator: by });
      const r = await print.printNow(job.id);
      afterPrint(r.outcome === 'printed');
      return toPrintJobView(print, print.getJob(job.id) ?? job);
    },
  };
}
