// One Protocollo 17 link: frames out with ACK/NAK and retransmission, frames in with LRC check.
// pos-practice.md §3.1: "On timeout or NAK the message is retransmitted up to 3 times"; the
// terminal's result is ACKed by the ECR, progress (SOH…EOT) is never acknowledged.
// The session never decides to re-send a *command* after a drop: that is the terminal driver's
// job, and it recovers with G instead (pos-practice.md §3.4 rule 2).
import type { Logger } from '../../../src/common/logger';
import { TerminalError } from '../errors';
import { FrameDecoder, encodeApp, encodeControl, type Frame } from './frame-codec';
import { ACK, NAK, type LrcMode } from './lrc';
import { isReceiptLine, messageCode } from './messages';
import type { TerminalTransport } from './transport';

export type SessionTimings = {
  /** Wait for the physical ACK/NAK of one frame. */
  ackTimeoutMs: number;
  /** Retransmissions of one frame after a NAK or an ACK timeout. */
  retransmissions: number;
};

type Waiter = { resolve: (f: Frame) => void; reject: (e: TerminalError) => void };

export class Protocol17Session {
  private readonly decoder: FrameDecoder;
  private readonly inbox: Frame[] = [];
  private waiter: Waiter | null = null;
  private closedReason: string | null = null;
  /** Time of the last byte received (health.lastSeen). */
  lastSeen: number | null = null;

  constructor(
    readonly transport: TerminalTransport,
    private readonly mode: LrcMode,
    private readonly timings: SessionTimings,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {
    this.decoder = new FrameDecoder(mode);
    transport.onData((chunk) => {
      this.lastSeen = this.now();
      for (const f of this.decoder.push(chunk)) this.deliver(f);
    });
    transport.onClose((reason) => {
      this.closedReason = reason;
      const w = this.waiter;
      this.waiter = null;
      w?.reject(new TerminalError('disconnected', reason));
    });
  }

  async open(): Promise<void> {
    await this.transport.open();
    this.closedReason = null;
    this.inbox.length = 0;
    this.decoder.reset();
  }

  isOpen(): boolean {
    return this.transport.isOpen();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  get garbageBytes(): number {
    return this.decoder.discarded;
  }

  private deliver(f: Frame): void {
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      w.resolve(f);
    } else this.inbox.push(f);
  }

  /** Next inbound frame, or TerminalError timeout/disconnected. */
  private nextFrame(timeoutMs: number): Promise<Frame> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closedReason !== null || !this.transport.isOpen()) {
      return Promise.reject(new TerminalError('disconnected', this.closedReason ?? 'link is not open'));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new TerminalError('timeout', `no frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /**
   * Sends one application frame and waits for its ACK, retransmitting on NAK or ACK timeout.
   * Throws 'nak-limit' when every attempt was NAKed (the terminal refused the frame),
   * 'timeout' when it never answered, 'disconnected' on a drop.
   */
  async send(payload: string): Promise<void> {
    const frame = encodeApp(payload, this.mode);
    await this.discardStale();
    let naks = 0;
    for (let attempt = 0; attempt <= this.timings.retransmissions; attempt++) {
      if (attempt > 0) this.log.warn('retransmitting frame', { code: messageCode(payload), attempt });
      await this.transport.write(frame);
      const deadline = this.now() + this.timings.ackTimeoutMs;
      for (;;) {
        let f: Frame;
        try {
          f = await this.nextFrame(Math.max(1, deadline - this.now()));
        } catch (e) {
          if (e instanceof TerminalError && e.kind === 'timeout') break; // retransmit
          throw e;
        }
        if (f.type === 'ack') return;
        if (f.type === 'nak') {
          naks++;
          break;
        }
        if (f.type === 'app') {
          // Some terminals answer without a physical ACK (padosoft ecr17 `session.rs`): keep the answer.
          this.inbox.unshift(f);
          return;
        }
        // progress before the ACK: ignore
      }
    }
    const sends = this.timings.retransmissions + 1;
    if (naks === sends) throw new TerminalError('nak-limit', `frame ${messageCode(payload)} refused ${naks} times`);
    throw new TerminalError('timeout', `frame ${messageCode(payload)} not acknowledged after ${sends} sends`);
  }

  /**
   * Frames still queued when a new command goes out belong to an earlier exchange: typically a result the
   * terminal sent again because our ACK was lost or late (pos-practice.md §3.1 retransmission). Read as the
   * answer to the new command they made "Totali POS" fail with "not a totals reply" after card sales
   * (issue #11 §8). They are acknowledged (so the terminal stops repeating them) and dropped.
   */
  private async discardStale(): Promise<void> {
    for (let f = this.inbox.shift(); f; f = this.inbox.shift()) {
      if (f.type !== 'app') continue;
      this.log.warn('stale frame from the terminal dropped', { code: messageCode(f.payload.toString('latin1')), lrcOk: f.lrcOk });
      if (f.lrcOk) await this.control(ACK);
    }
  }

  /**
   * Waits for the terminal's application answer: ACKs it (NAKs a bad LRC, so the terminal
   * retransmits), forwards progress text, skips receipt lines. `accept` tells the answer to this command
   * from a repeated earlier one arriving meanwhile (acknowledged, logged, skipped).
   */
  async receive(timeoutMs: number, onProgress?: (text: string) => void, accept?: (text: string) => boolean): Promise<string> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - this.now();
      if (remaining <= 0) throw new TerminalError('timeout', `no answer within ${timeoutMs} ms`);
      const f = await this.nextFrame(remaining);
      if (f.type === 'progress') {
        onProgress?.(f.text.trim());
        continue;
      }
      if (f.type !== 'app') continue; // stray ACK/NAK
      if (!f.lrcOk) {
        this.log.warn('bad LRC from terminal: NAK');
        await this.control(NAK);
        continue;
      }
      await this.control(ACK);
      const text = f.payload.toString('latin1');
      if (isReceiptLine(text)) continue;
      if (accept && !accept(text)) {
        this.log.warn('unexpected frame from the terminal skipped', { code: messageCode(text) });
        continue;
      }
      return text;
    }
  }

  private async control(c: typeof ACK | typeof NAK): Promise<void> {
    try {
      await this.transport.write(encodeControl(c, this.mode));
    } catch {
      // a failed ACK means the link dropped: the next read reports it
    }
  }
}
