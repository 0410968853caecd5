// Persisted print jobs on top of the receipt printer driver. Rules (issue #5 §3, pos-practice.md §4):
// - a job's bytes are laid out once, committed to SQLite, and sent as one buffer;
// - a job that may have printed partially (paper out mid-job, no completion, link lost) is 'held' and
//   printed again only after a person confirms (confirmResume) or asks for a marked copy (reprint);
// - a crash while 'printing' → 'held' at the next start, never an automatic reprint;
// - a job the printer refused before any byte was sent stays 'queued' (nothing on paper, safe to retry).
import type { Clock } from '../../../common/clock';
import type { PrintDocument, PrintJobKind, PrinterState, ReceiptData, ReportData, TestPageData } from '../../../common/receipt';
import type { LayoutOptions, ReceiptPreviewer, ReceiptPrinter } from '../../../../drivers/escpos-printer/interface';
import type { Logger } from '../log/logger';
import { writeTransaction, type Db } from '../store/database';
import { appendJournal } from '../journal/journal';
import { asCopy, layoutDocument } from '../receipt/receipt-layout';
import { PrintJobStore, type PrintJob } from './print-job-store';

export type { PrintJob } from './print-job-store';

export type PrintJobResult =
  { jobId: number; outcome: 'printed' } | { jobId: number; outcome: 'held'; state: PrinterState; detail: string } | { jobId: number; outcome: 'not-printed'; state: PrinterState; detail: string };

export type PrintServiceErrorKind = 'not-found' | 'invalid-state';

export class PrintServiceError extends Error {
  override readonly name = 'PrintServiceError';
  constructor(
    readonly kind: PrintServiceErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type PrintServiceDeps = {
  db: Db;
  printer: ReceiptPrinter;
  clock: Clock;
  logger: Logger;
  /** Receipt geometry, printer profile and its ESC/POS encoder (drivers/escpos-printer layoutOptionsFor). */
  layout: LayoutOptions;
  /** Job bytes → PNG of the paper (drivers/escpos-printer escPosPreviewer, supplied by the composition root). */
  previewer: ReceiptPreviewer;
};

export class PrintService {
  private readonly db: Db;
  private readonly store: PrintJobStore;
  private readonly printer: ReceiptPrinter;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly layout: LayoutOptions;
  private readonly previewer: ReceiptPreviewer;
  private readonly inFlight = new Set<number>();

  constructor(deps: PrintServiceDeps) {
    this.db = deps.db;
    this.store = new PrintJobStore(deps.db);
    this.printer = deps.printer;
    this.clock = deps.clock;
    this.log = deps.logger;
    this.layout = deps.layout;
    this.previewer = deps.previewer;
  }

  enqueueReceipt(data: ReceiptData, opts: { paymentId?: string | null; kind?: PrintJobKind } = {}): PrintJob {
    return this.enqueue({ type: 'receipt', data }, opts.kind ?? data.kind, opts.paymentId ?? null, null);
  }

  enqueueReport(data: ReportData): PrintJob {
    return this.enqueue({ type: 'report', data }, 'report', null, null);
  }

  enqueueTestPage(data: TestPageData): PrintJob {
    return this.enqueue({ type: 'test-page', data }, 'test-page', null, null);
  }

  getJob(id: number): PrintJob | null {
    return this.store.get(id);
  }

  jobs(filter: { state?: PrintJob['state']; paymentId?: string } = {}): PrintJob[] {
    return this.store.list(filter);
  }

  heldJobs(): PrintJob[] {
    return this.store.list({ state: 'held' });
  }

  events(id: number): ReturnType<PrintJobStore['events']> {
    return this.store.events(id);
  }

  /** Sends a queued job. Held, printed and cancelled jobs are never sent from here. */
  async printNow(jobId: number): Promise<PrintJobResult> {
    if (this.inFlight.has(jobId)) throw new PrintServiceError('invalid-state', `job ${jobId} is already printing`);
    const job = this.store.transition(jobId, ['queued'], 'printing', this.iso(), { attempt: true, event: 'sending' });
    if (!job) throw this.stateError(jobId, 'queued');
    const bytes = this.store.bytes(jobId)!;
    this.inFlight.add(jobId);
    try {
      const out = await this.printer.printJob(bytes);
      if (out.ok) {
        this.store.transition(jobId, ['printing'], 'printed', this.iso(), { lastError: null, event: 'printed' });
        return { jobId, outcome: 'printed' };
      }
      const detail = `${out.state}: ${out.detail}`;
      if (!out.sent) {
        // Nothing reached the printer: the job is intact and waits in the queue.
        this.store.transition(jobId, ['printing'], 'queued', this.iso(), { lastError: detail, event: 'refused', detail });
        return { jobId, outcome: 'not-printed', state: out.state, detail: out.detail };
      }
      this.store.transition(jobId, ['printing'], 'held', this.iso(), { lastError: detail, heldState: out.state, event: 'held' });
      this.log.warn('print job held for a person to decide', { jobId, state: out.state, detail: out.detail });
      return { jobId, outcome: 'held', state: out.state, detail: out.detail };
    } catch (err) {
      // The driver never throws for printer conditions; anything here is unexpected: hold, don't lose.
      const detail = `error: ${(err as Error).message}`;
      this.store.transition(jobId, ['printing'], 'held', this.iso(), { lastError: detail, heldState: 'error', event: 'held' });
      return { jobId, outcome: 'held', state: 'error', detail };
    } finally {
      this.inFlight.delete(jobId);
    }
  }

  /** A person confirms the printer is fixed and the partial print is void: the same job is sent again. */
  async confirmResume(jobId: number, by: string): Promise<PrintJobResult> {
    const job = this.store.transition(jobId, ['held'], 'queued', this.iso(), { event: 'resume-confirmed', by });
    if (!job) throw this.stateError(jobId, 'held');
    return this.printNow(jobId);
  }

  /** A new job marked COPIA / DUPLICATO. A held original is closed (cancelled) in favour of the copy. */
  async reprint(jobId: number, by: string): Promise<PrintJobResult & { copyJobId: number }> {
    const src = this.store.get(jobId);
    if (!src) throw new PrintServiceError('not-found', `print job ${jobId} not found`);
    if (src.state !== 'printed' && src.state !== 'held') throw this.stateError(jobId, 'printed or held');
    // print_job_events keeps the job's own history; the audit journal records the reprint too, in the
    // same transaction as the copy (pos-practice.md §1.8: journal every reprint).
    const copy = writeTransaction(this.db, () => {
      if (src.state === 'held') this.store.transition(jobId, ['held'], 'cancelled', this.iso(), { event: 'superseded-by-reprint', by });
      const c = this.enqueue(asCopy(src.document), src.kind, src.paymentId, src.id, by);
      appendJournal(this.db, {
        type: 'receipt.reprinted',
        paymentId: src.paymentId,
        operatorId: by,
        data: { sourceJobId: src.id, copyJobId: c.id, kind: src.kind, supersededHeld: src.state === 'held' },
        at: this.iso(),
      });
      return c;
    });
    const res = await this.printNow(copy.id);
    return { ...res, copyJobId: copy.id };
  }

  cancel(jobId: number, by: string, reason: string): PrintJob {
    const job = this.store.transition(jobId, ['queued', 'held'], 'cancelled', this.iso(), { event: 'cancelled', by, detail: reason });
    if (!job) throw this.stateError(jobId, 'queued or held');
    return job;
  }

  /** Run once at start, before new sales: jobs interrupted mid-print wait for a person. */
  recoverAfterRestart(): number[] {
    const ids = this.store.holdInterrupted(this.iso());
    if (ids.length > 0) this.log.warn('print jobs interrupted by a restart are held', { ids });
    return ids;
  }

  /** PNG of what the job (or a receipt not yet queued) looks like on paper. */
  preview(what: number | ReceiptData | PrintDocument): Buffer {
    let bytes: Uint8Array;
    if (typeof what === 'number') {
      const b = this.store.bytes(what);
      if (!b) throw new PrintServiceError('not-found', `print job ${what} not found`);
      bytes = b;
    } else
      bytes = layoutDocument(
        'type' in what && (what.type === 'receipt' || what.type === 'report' || what.type === 'test-page') ? (what as PrintDocument) : { type: 'receipt', data: what as ReceiptData },
        this.layout,
      );
    return this.previewer.previewPng(bytes, { widthDots: this.layout.widthDots });
  }

  private enqueue(doc: PrintDocument, kind: PrintJobKind, paymentId: string | null, copyOf: number | null, by?: string): PrintJob {
    const bytes = layoutDocument(doc, this.layout);
    return this.store.insert({ kind, paymentId, document: doc, bytes, copyOf, at: this.iso(), by: by ?? null });
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private stateError(jobId: number, expected: string): PrintServiceError {
    const j = this.store.get(jobId);
    if (!j) return new PrintServiceError('not-found', `print job ${jobId} not found`);
    return new PrintServiceError('invalid-state', `print job ${jobId} is ${j.state}, expected ${expected}`);
  }
}
