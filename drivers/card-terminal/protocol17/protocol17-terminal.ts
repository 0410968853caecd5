// PaymentTerminal over Protocollo 17. Money rules (pos-practice.md §3.4):
// - one outstanding request per terminal;
// - a financial command (P, S) is sent once: after a timeout or a drop the driver reconnects and
//   asks G (send last result), and never re-sends P (padosoft ecr17 `retry.rs`);
// - the G answer is ours only if it is newer than the last result seen before P and its amount
//   matches; otherwise the outcome is 'unknown' and a person checks the terminal.
import { systemClock, type Clock } from '../../../src/common/clock';
import type { DeviceHealth } from '../../../src/common/device-health';
import { nullLogger, type Logger } from '../../../src/common/logger';
import { TerminalError } from '../errors';
import type { CardResult, PaymentTerminal, TerminalProgress, TerminalState } from '../interface';
import type { LrcMode } from './lrc';
import {
  STATUS_MEANING,
  buildLastResult,
  buildPayment,
  buildReversal,
  buildStatus,
  buildTotals,
  messageCode,
  parseResult,
  parseStatusReply,
  parseTotalsReply,
  type Ids,
  type TxResult,
} from './messages';
import { fingerprint, isEmptyLastResult, toCardResult } from './result-mapping';
import { Protocol17Session } from './session';
import type { TerminalTransport } from './transport';

export type Protocol17Options = {
  transport: TerminalTransport;
  terminalId: string;
  cashRegisterId: string;
  lrcMode?: LrcMode;
  ackTimeoutMs?: number;
  retransmissions?: number;
  /** Payment/reversal answer wait; Adyen's local-terminal guidance is 120 s (pos-practice.md §3.2). */
  responseTimeoutMs?: number;
  /** s/T/G answer wait. */
  queryTimeoutMs?: number;
  /** Waits before each reconnect+G attempt during recovery. */
  recoveryDelaysMs?: readonly number[];
  /** How long abort() waits for the terminal to end the transaction. */
  abortWaitMs?: number;
  logger?: Logger;
  clock?: Clock;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Protocol17Terminal implements PaymentTerminal {
  private readonly session: Protocol17Session;
  private readonly ids: Ids;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly o: Required<Omit<Protocol17Options, 'transport' | 'logger' | 'clock' | 'lrcMode' | 'terminalId' | 'cashRegisterId'>>;
  private busy = false;
  private inFlight: Promise<CardResult> | null = null;
  /** Fingerprint of the newest terminal result we know of; undefined = not learned yet. */
  private baseline: string | null | undefined = undefined;
  private lastAttributed: { fp: string; reference: string } | null = null;
  private lastError: string | null = null;
  private closed = false;

  constructor(opts: Protocol17Options) {
    this.ids = { terminalId: opts.terminalId, cashRegisterId: opts.cashRegisterId };
    this.log = opts.logger ?? nullLogger;
    this.clock = opts.clock ?? systemClock;
    this.o = {
      ackTimeoutMs: opts.ackTimeoutMs ?? 2_000,
      retransmissions: opts.retransmissions ?? 3,
      responseTimeoutMs: opts.responseTimeoutMs ?? 120_000,
      queryTimeoutMs: opts.queryTimeoutMs ?? 10_000,
      recoveryDelaysMs: opts.recoveryDelaysMs ?? [200, 1_000, 3_000],
      abortWaitMs: opts.abortWaitMs ?? 60_000,
    };
    this.session = new Protocol17Session(opts.transport, opts.lrcMode ?? 'std', { ackTimeoutMs: this.o.ackTimeoutMs, retransmissions: this.o.retransmissions }, this.log, () => this.clock.now());
  }

  get description(): string {
    return this.session.transport.description;
  }

  /** Bytes dropped by the frame decoder (line noise); diagnostics only. */
  get garbageBytes(): number {
    return this.session.garbageBytes;
  }

  health(): DeviceHealth {
    return { connected: this.session.isOpen(), lastError: this.lastError, lastSeen: this.session.lastSeen };
  }

  async pay(amountCents: number, reference: string, onProgress?: (p: TerminalProgress) => void): Promise<CardResult> {
    const request = buildPayment(this.ids, amountCents, reference); // validates before we go busy
    if (this.busy) throw new TerminalError('busy', 'another terminal operation is in progress');
    const run = this.exclusive(() => this.runPayment(request, amountCents, reference, onProgress));
    this.inFlight = run.catch(() => ({ kind: 'unknown', reference, reason: 'payment failed before reaching the terminal' }) as CardResult);
    try {
      return await run;
    } finally {
      this.inFlight = null;
    }
  }

  private async runPayment(request: string, amountCents: number, reference: string, onProgress?: (p: TerminalProgress) => void): Promise<CardResult> {
    await this.ensureOpen();
    if (this.baseline === undefined) await this.learnBaseline();
    const progress = (text: string) => onProgress?.({ at: this.clock.now(), message: text });
    try {
      await this.session.send(request);
    } catch (e) {
      if (e instanceof TerminalError && e.kind === 'nak-limit') throw this.fail(e); // refused every frame: nothing started
      return this.recover(reference, amountCents, `P not acknowledged: ${errText(e)}`);
    }
    this.log.info('payment sent', { reference, amountCents });
    let answer: string;
    try {
      answer = await this.session.receive(this.o.responseTimeoutMs, progress, (t) => this.isNewResult(t));
    } catch (e) {
      return this.recover(reference, amountCents, `no result after P: ${errText(e)}`);
    }
    let tx: TxResult;
    try {
      tx = parseResult(answer);
    } catch (e) {
      return this.recover(reference, amountCents, `unreadable result: ${errText(e)}`);
    }
    return this.attribute(tx, reference, amountCents);
  }

  /** After a drop or timeout: reconnect and ask G; never re-send P. */
  private async recover(reference: string, amountCents: number, why: string): Promise<CardResult> {
    this.lastError = why;
    this.log.warn('payment outcome unknown, recovering with G', { reference, why });
    let lastFailure = '';
    for (const delay of this.o.recoveryDelaysMs) {
      await this.session.close();
      await sleep(delay);
      if (this.closed) break;
      try {
        await this.session.open();
        const tx = await this.queryLast();
        const fp = fingerprint(tx);
        if (this.baseline !== null && this.baseline !== undefined && fp === this.baseline) {
          return { kind: 'unknown', reference, reason: `${why}; the terminal's last result is an older transaction (STAN ${tx.stan})` };
        }
        if (isEmptyLastResult(tx)) return { kind: 'unknown', reference, reason: `${why}; the terminal has no saved result` };
        if (tx.amountCents !== null && tx.amountCents !== amountCents) {
          return { kind: 'unknown', reference, reason: `${why}; the terminal's last result is for ${tx.amountCents} cents, not ${amountCents}` };
        }
        if (this.baseline === null && tx.amountCents === null) {
          return { kind: 'unknown', reference, reason: `${why}; cannot tell the terminal's last result from an older one` };
        }
        this.log.info('payment outcome recovered with G', { reference, resultCode: tx.resultCode, stan: tx.stan });
        return this.attribute(tx, reference, amountCents);
      } catch (e) {
        lastFailure = errText(e);
        this.log.warn('recovery attempt failed', { reference, error: lastFailure });
      }
    }
    return { kind: 'unknown', reference, reason: `${why}; G failed: ${lastFailure || 'terminal closed'}` };
  }

  private attribute(tx: TxResult, reference: string, requestedCents: number | null): CardResult {
    const fp = fingerprint(tx);
    this.baseline = fp;
    this.lastAttributed = { fp, reference };
    this.lastError = null;
    return toCardResult(tx, reference, requestedCents, new Date(this.clock.now()).toISOString());
  }

  private async learnBaseline(): Promise<void> {
    try {
      this.baseline = fingerprint(await this.queryLast());
    } catch (e) {
      if (e instanceof TerminalError && e.kind === 'disconnected') throw this.fail(e);
      this.baseline = null; // recovery will then insist on a matching amount
    }
  }

  /**
   * Protocollo 17 has no ECR-initiated abort of a payment in progress: the operator or the
   * cardholder cancels on the terminal (ANNULLA). abort() waits for that and reports true only
   * when the terminal ended the transaction without a charge (Odoo PR #77585: never assume).
   */
  async abort(): Promise<boolean> {
    const pending = this.inFlight;
    if (!pending) return false;
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), this.o.abortWaitMs).unref());
    const result = await Promise.race([pending, timeout]);
    return result !== null && (result.kind === 'aborted' || result.kind === 'declined');
  }

  reverse(stan?: string): Promise<CardResult> {
    const request = buildReversal(this.ids, stan ?? '000000');
    const reference = `storno-${stan ?? 'ultima'}`;
    return this.exclusive(async () => {
      await this.ensureOpen();
      try {
        await this.session.send(request);
      } catch (e) {
        if (e instanceof TerminalError && e.kind === 'nak-limit') throw this.fail(e);
        this.lastError = errText(e);
        return { kind: 'unknown', reference, reason: `reversal not acknowledged: ${errText(e)}` };
      }
      try {
        return this.attribute(parseResult(await this.session.receive(this.o.responseTimeoutMs, undefined, (t) => this.isNewResult(t))), reference, null);
      } catch (e) {
        // A reversal is financial too: not repeated; G does not cover it (Nexi: payment/offset/credit/pre-auth).
        this.lastError = errText(e);
        return { kind: 'unknown', reference, reason: `no reversal result: ${errText(e)}` };
      }
    });
  }

  async status(): Promise<{ state: TerminalState; detail: string }> {
    if (this.busy) return { state: 'busy', detail: 'transaction in progress' };
    try {
      const reply = await this.exclusive(() => this.query(buildStatus(this.ids), 's'));
      const s = parseStatusReply(reply);
      const meaning = STATUS_MEANING[s.status] ?? `status ${s.status}`;
      return { state: s.status === 2 ? 'ready' : 'error', detail: `${meaning}; software ${s.softwareRelease || '?'}` };
    } catch (e) {
      if (e instanceof TerminalError && e.kind === 'busy') return { state: 'busy', detail: 'transaction in progress' };
      if (e instanceof TerminalError && e.kind === 'disconnected') return { state: 'offline', detail: e.message };
      return { state: 'error', detail: errText(e) };
    }
  }

  async lastResult(): Promise<CardResult | null> {
    const tx = await this.exclusive(async () => {
      await this.ensureOpen();
      return this.queryLast();
    });
    const fp = fingerprint(tx);
    this.baseline = fp; // the newest result we know of: recovery compares against it
    if (isEmptyLastResult(tx)) return null;
    const reference = this.lastAttributed?.fp === fp ? this.lastAttributed.reference : '';
    return toCardResult(tx, reference, null, new Date(this.clock.now()).toISOString());
  }

  async totals(): Promise<{ count: number; totalCents: number; raw: string }> {
    const raw = await this.exclusive(() => this.query(buildTotals(this.ids), 'T'));
    const t = parseTotalsReply(raw);
    if (t.resultCode !== '00') throw new TerminalError('protocol', `totals refused (result ${t.resultCode})`);
    return { count: t.count, totalCents: t.totalCents, raw };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.session.close();
  }

  // ---- internals ------------------------------------------------------------------------

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new TerminalError('disconnected', 'terminal driver closed');
    if (this.busy) throw new TerminalError('busy', 'another terminal operation is in progress');
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  private async ensureOpen(): Promise<void> {
    if (this.session.isOpen()) return;
    try {
      await this.session.open();
    } catch (e) {
      throw this.fail(e instanceof TerminalError ? e : new TerminalError('disconnected', errText(e)));
    }
  }

  private async queryLast(): Promise<TxResult> {
    return parseResult(await this.queryOnce(buildLastResult(this.ids), 'EV'));
  }

  /**
   * A result message (E, or V with DCC) that is not the one we already hold: the terminal repeats a
   * result whose ACK it did not see, and that copy must not pass for the answer to a later P or S.
   */
  private isNewResult(text: string): boolean {
    if (!'EV'.includes(messageCode(text))) return false;
    try {
      return typeof this.baseline !== 'string' || fingerprint(parseResult(text)) !== this.baseline;
    } catch {
      return true; // unreadable: let the caller report it
    }
  }

  /** Idempotent query (s, T, G): one reconnect-and-retry after a drop is safe. `replyCodes`: the answer's message codes. */
  private async query(payload: string, replyCodes: string): Promise<string> {
    await this.ensureOpen();
    try {
      return await this.queryOnce(payload, replyCodes);
    } catch (e) {
      if (!(e instanceof TerminalError) || e.kind !== 'disconnected') throw this.fail(e);
      await this.session.close();
      await this.ensureOpen();
      return this.queryOnce(payload, replyCodes);
    }
  }

  private async queryOnce(payload: string, replyCodes: string): Promise<string> {
    await this.session.send(payload);
    return this.session.receive(this.o.queryTimeoutMs, undefined, (t) => replyCodes.includes(messageCode(t)));
  }

  private fail(e: unknown): Error {
    this.lastError = errText(e);
    return e instanceof Error ? e : new TerminalError('protocol', String(e));
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
