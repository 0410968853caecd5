// The ESC/POS receipt printer driver (pos-practice.md §4 "Recommended print pipeline"): real-time
// status (DLE EOT 1/2/4) before each job, the job as one buffer, a GS r 1 completion barrier after it,
// DLE ENQ 2 when a job stops mid-way (so the backlog is not printed later by itself, pain point §2B.8),
// real-time status asked while waiting for that barrier (a printer out of paper mid-job says so at once,
// not after the whole barrier timeout: issue #11 §6), reconnect with backoff when the transport drops.
// Jobs are never retried here: that is a person's call.
//
// statusMode 'none' (one-way clones that never answer, klirichek/zj-58#2): no status and no barrier, a
// job counts as printed once written. The trade-off: paper-out and cover-open go unnoticed and a job may
// be lost on paper — only use it for printers that cannot answer.
import { Backoff } from '../../src/common/backoff';
import type { Clock } from '../../src/common/clock';
import type { Logger } from '../../src/common/logger';
import { canPrintIn, type PrinterStatus } from '../../src/common/receipt';
import { DLE_ENQ_CLEAR, DLE_EOT, ESC_P, GS_A, GS_R_PAPER } from './commands';
import { PrinterError } from './errors';
import { FileTransport } from './file-transport';
import { MemoryTransport } from './memory-transport';
import { SerialTransport } from './serial-transport';
import { decodeAsb, decodeRtStatus, isAsbFirstByte, isGsrReply, isRtStatusByte, unknownStatus } from './status';
import { TcpTransport } from './tcp-transport';
import type { PrinterConfig, PrinterHealth, PrintJobOutcome, ReceiptPrinter } from './interface';
import type { PrinterTransport } from './transport';
import type { VirtualPrinter } from './virtual-printer';

export type { PrinterConfig, PrinterHealth, PrinterState, PrinterStatus, PrintJobOutcome, ReceiptPrinter } from './interface';

export type EscPosPrinterOptions = {
  statusMode?: 'query' | 'none';
  asb?: boolean;
  barrierTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** How often DLE EOT is asked while waiting for a job's GS r reply (0 = never: wait the whole barrier). */
  statusPollMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  clock?: Clock;
};

type Waiter = { resolve: (b: number) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

class ByteChannel {
  private bytes: number[] = [];
  private waiter: Waiter | null = null;
  push(b: number): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      clearTimeout(w.timer);
      w.resolve(b);
    } else if (this.bytes.length < 64) this.bytes.push(b);
  }
  clear(): void {
    this.bytes = [];
  }
  next(timeoutMs: number): Promise<number> {
    const b = this.bytes.shift();
    if (b !== undefined) return Promise.resolve(b);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new PrinterError('timeout', `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }
  fail(err: Error): void {
    const w = this.waiter;
    this.waiter = null;
    if (w) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}

export class EscPosPrinter implements ReceiptPrinter {
  private open = false;
  private opening: Promise<void> | null = null;
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly rt = new ByteChannel();
  private readonly gsr = new ByteChannel();
  private asbBuf: number[] | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly listeners = new Set<(s: PrinterStatus) => void>();
  private readonly h: PrinterHealth;
  private readonly o: Required<Omit<EscPosPrinterOptions, 'clock'>> & { clock: Clock };

  constructor(
    private readonly transport: PrinterTransport,
    private readonly log: Logger,
    opts: EscPosPrinterOptions = {},
  ) {
    this.o = {
      statusMode: opts.statusMode ?? 'query',
      asb: opts.asb ?? false,
      barrierTimeoutMs: opts.barrierTimeoutMs ?? 15_000,
      statusTimeoutMs: opts.statusTimeoutMs ?? 1000,
      statusPollMs: opts.statusPollMs ?? 400,
      reconnectMinMs: opts.reconnectMinMs ?? 250,
      reconnectMaxMs: opts.reconnectMaxMs ?? 5000,
      clock: opts.clock ?? { now: () => Date.now() },
    };
    this.backoff = new Backoff(this.o.reconnectMinMs, this.o.reconnectMaxMs);
    this.h = {
      connected: false,
      transport: transport.description,
      statusMode: this.o.statusMode,
      lastStatus: null,
      lastError: null,
      lastSeen: null,
      reconnects: 0,
      jobsPrinted: 0,
      jobsFailed: 0,
      garbageBytes: 0,
    };
    transport.onData((c) => this.onBytes(c));
    transport.onClose((reason) => this.onDrop(reason));
  }

  health(): PrinterHealth {
    return { ...this.h, connected: this.open, lastSeen: this.h.lastStatus?.at ?? null };
  }

  onStatus(cb: (s: PrinterStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      try {
        await this.ensureOpen();
      } catch (err) {
        return this.record(unknownStatus('disconnected', (err as Error).message, this.o.clock.now()));
      }
      return this.queryStatus();
    });
  }

  printJob(bytes: Uint8Array, opts: { barrierTimeoutMs?: number } = {}): Promise<PrintJobOutcome> {
    return this.exclusive(async () => {
      const out = await this.runJob(bytes, opts.barrierTimeoutMs ?? this.o.barrierTimeoutMs);
      if (out.ok) this.h.jobsPrinted++;
      else {
        this.h.jobsFailed++;
        this.h.lastError = `${out.state}: ${out.detail}`;
        this.log.warn('print job not completed', { state: out.state, detail: out.detail, sent: out.sent });
      }
      return out;
    });
  }

  openDrawer(pin: 2 | 5): Promise<void> {
    return this.exclusive(async () => {
      await this.ensureOpen();
      await this.transport.write(ESC_P(pin));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    await this.chain.catch(() => undefined);
    this.open = false;
    await this.transport.close();
  }

  // ---- internals ----

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runJob(bytes: Uint8Array, barrierMs: number): Promise<PrintJobOutcome> {
    try {
      await this.ensureOpen();
    } catch (err) {
      return { ok: false, state: 'disconnected', detail: (err as Error).message, sent: false };
    }
    if (this.o.statusMode === 'none') {
      try {
        await this.transport.write(bytes);
        return { ok: true };
      } catch (err) {
        return { ok: false, state: 'disconnected', detail: (err as Error).message, sent: true };
      }
    }
    const before = await this.queryStatus();
    if (!canPrintIn(before.state)) return { ok: false, state: before.state, detail: before.detail, sent: false };
    this.gsr.clear();
    const buf = new Uint8Array(bytes.length + GS_R_PAPER.length);
    buf.set(bytes, 0);
    buf.set(GS_R_PAPER, bytes.length);
    try {
      await this.transport.write(buf); // one buffer per job (NORD POS, pos-practice.md §1.3)
      const reply = await this.awaitCompletion(barrierMs);
      if (reply !== null) {
        if (reply & 0x03) this.record({ ...before, state: 'paper-near-end', paperNearEnd: true, detail: 'paper near end', at: this.o.clock.now() });
        return { ok: true };
      }
      // The printer reported it stopped (paper out, cover open…): no point waiting for the barrier.
    } catch (err) {
      if (!(err instanceof PrinterError) || err.kind !== 'timeout') return { ok: false, state: 'disconnected', detail: (err as Error).message, sent: true };
    }
    // No completion: find out why, and clear the printer's buffers so it does not print the rest by itself later.
    const after = await this.queryStatus();
    if (after.state !== 'disconnected') await this.transport.write(DLE_ENQ_CLEAR).catch(() => undefined);
    if (after.state === 'ready' || after.state === 'paper-near-end') {
      return { ok: false, state: 'error', detail: `no completion confirmation (GS r) within ${barrierMs} ms`, sent: true };
    }
    return { ok: false, state: after.state, detail: `stopped mid-job: ${after.detail}`, sent: true };
  }

  /**
   * The job's GS r reply, or null as soon as the printer reports that it stopped. Meanwhile DLE EOT is
   * asked every statusPollMs: real-time commands are answered even while the printer is stopped, so
   * paper out mid-receipt reaches the screen in about a second instead of after the whole barrier.
   * Paper out and cover open are sensor readings and end the wait at once; 'offline' or 'error' must be
   * read twice in a row. A reading that does not come in time stops the polling for this job (a late
   * reply could be taken for the next one) and the wait goes on until the barrier, as before.
   */
  private async awaitCompletion(barrierMs: number): Promise<number | null> {
    const poll = this.o.statusPollMs;
    let polling = poll > 0;
    let waited = 0;
    let strikes = 0;
    for (;;) {
      const slice = polling ? Math.min(poll, barrierMs - waited) : barrierMs - waited;
      if (slice <= 0) throw new PrinterError('timeout', `no reply within ${barrierMs} ms`);
      try {
        return await this.gsr.next(slice);
      } catch (err) {
        if (!(err instanceof PrinterError) || err.kind !== 'timeout') throw err;
      }
      waited += slice;
      if (!polling) continue;
      const s = await this.readStatus().catch((err: unknown) => {
        if (err instanceof PrinterError && err.kind === 'timeout') return null;
        throw err;
      });
      if (s === null) {
        polling = false;
        continue;
      }
      this.record(s);
      if (s.state === 'paper-out' || s.state === 'cover-open') return null;
      strikes = canPrintIn(s.state) ? 0 : strikes + 1;
      if (strikes >= 2) return null;
    }
  }

  /** DLE EOT 1, 2 and 4 → a status; throws PrinterError 'timeout' when a reply does not come in time. */
  private async readStatus(): Promise<PrinterStatus> {
    this.rt.clear();
    const ask = async (n: 1 | 2 | 4) => {
      await this.transport.write(DLE_EOT(n));
      return this.rt.next(this.o.statusTimeoutMs);
    };
    const printer = await ask(1);
    const offline = await ask(2);
    const paper = await ask(4);
    return decodeRtStatus({ printer, offline, paper }, this.o.clock.now());
  }

  private async queryStatus(): Promise<PrinterStatus> {
    const now = this.o.clock.now();
    if (this.o.statusMode === 'none') return this.record(unknownStatus('ready', 'status not available (statusMode none)', now));
    if (!this.open) return this.record(unknownStatus('disconnected', this.h.lastError ?? 'not connected', now));
    try {
      return this.record(await this.readStatus());
    } catch (err) {
      if (err instanceof PrinterError && err.kind === 'timeout') {
        return this.record(unknownStatus('offline', 'no answer to DLE EOT (printer off or busy; a one-way clone needs statusMode none)', this.o.clock.now()));
      }
      return this.record(unknownStatus('disconnected', (err as Error).message, this.o.clock.now()));
    }
  }

  private record(s: PrinterStatus): PrinterStatus {
    this.h.lastStatus = s;
    for (const l of this.listeners) l(s);
    return s;
  }

  private onBytes(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (this.asbBuf) {
        this.asbBuf.push(b);
        if (this.asbBuf.length === 4) {
          this.record(decodeAsb(Uint8Array.from(this.asbBuf), this.o.clock.now()));
          this.asbBuf = null;
        }
      } else if (this.o.asb && isAsbFirstByte(b)) this.asbBuf = [b];
      else if (isRtStatusByte(b)) this.rt.push(b);
      else if (isGsrReply(b)) this.gsr.push(b);
      else this.h.garbageBytes++;
    }
  }

  private ensureOpen(): Promise<void> {
    if (this.open) return Promise.resolve();
    if (this.closed) return Promise.reject(new PrinterError('disconnected', 'printer closed'));
    this.opening ??= (async () => {
      try {
        await this.transport.open();
        this.open = true;
        this.h.lastError = null;
        this.backoff.succeed();
        if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
        this.reconnectTimer = null;
        this.log.info('printer connected', { transport: this.transport.description });
        if (this.o.asb) await this.transport.write(GS_A(0x0f));
      } catch (err) {
        this.h.lastError = (err as Error).message;
        throw err instanceof PrinterError ? err : new PrinterError('disconnected', (err as Error).message, { cause: err });
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  private onDrop(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.h.lastError = `connection lost: ${reason}`;
    this.log.warn('printer connection lost', { reason });
    const err = new PrinterError('disconnected', `connection lost: ${reason}`);
    this.rt.fail(err);
    this.gsr.fail(err);
    this.record(unknownStatus('disconnected', err.message, this.o.clock.now()));
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const wait = this.backoff.fail();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.open || this.closed) return;
      this.h.reconnects++;
      this.ensureOpen().then(
        () => this.exclusive(() => this.queryStatus()),
        () => this.scheduleReconnect(),
      );
    }, wait);
    this.reconnectTimer.unref();
  }
}

/**
 * Builds the driver from the printer section of DevicesConfig. A 'virtual' transport needs the
 * in-process VirtualPrinter to talk to (the composition root owns it and shows its roll).
 */
export function createPrinter(config: PrinterConfig, logger: Logger, deps: { virtual?: VirtualPrinter; clock?: Clock } = {}): ReceiptPrinter {
  const t = config.transport;
  let transport: PrinterTransport;
  if (t.type === 'tcp' && 'host' in t) transport = new TcpTransport(t.host, t.port);
  else if (t.type === 'serial' && 'path' in t && 'baudRate' in t) transport = new SerialTransport(t.path, t.baudRate);
  else if (t.type === 'file' && 'path' in t) transport = new FileTransport(t.path);
  else if (t.type === 'virtual') {
    if (!deps.virtual) throw new PrinterError('config', "transport 'virtual' needs a VirtualPrinter instance");
    transport = new MemoryTransport(deps.virtual);
  } else throw new PrinterError('config', `transport '${t.type}' is not supported for receipt printers`);
  return new EscPosPrinter(transport, logger, {
    asb: config.asb,
    statusMode: config.statusMode ?? 'query',
    barrierTimeoutMs: config.barrierTimeoutMs ?? 15_000,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}
