// Protocollo 17 framing (pos-practice.md §3.1): application `STX payload ETX LRC`, control
// `ACK|NAK ETX LRC`, progress `SOH text EOT` (no LRC). The decoder is streaming: bytes arrive in
// arbitrary chunks, and anything that is not the start of a frame is dropped so line noise or a
// half frame left by a reconnect cannot wedge the session.
import { ACK, EOT, ETX, NAK, SOH, STX, computeLrc, type LrcMode } from './lrc';

export type Frame = { type: 'app'; payload: Buffer; lrcOk: boolean } | { type: 'progress'; text: string } | { type: 'ack' } | { type: 'nak' };

/** Longest payload we accept before declaring the frame garbage (P is 167 bytes, results < 200). */
const MAX_FRAME = 4096;

export function encodeApp(payload: string | Uint8Array, mode: LrcMode = 'std'): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  if (body.includes(ETX) || body.includes(STX)) throw new RangeError('payload must not contain STX/ETX');
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([ETX, computeLrc(body, mode)])]);
}

/** `ctrl ETX LRC` with the LRC over the one-byte message `[ctrl]` (padosoft ecr17 `codec.rs`). */
export function encodeControl(ctrl: typeof ACK | typeof NAK, mode: LrcMode = 'std'): Buffer {
  return Buffer.from([ctrl, ETX, computeLrc(Buffer.from([ctrl]), mode)]);
}

export function encodeProgress(text: string): Buffer {
  // 20 characters per message (pos-practice.md §3.1).
  return Buffer.concat([Buffer.from([SOH]), Buffer.from(text.padEnd(20).slice(0, 20), 'latin1'), Buffer.from([EOT])]);
}

export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes thrown away because they could not start or complete a frame (diagnostics). */
  discarded = 0;

  constructor(private readonly mode: LrcMode = 'std') {}

  push(chunk: Uint8Array): Frame[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Frame[] = [];
    for (;;) {
      const f = this.next();
      if (f === 'need-more') break;
      out.push(f);
    }
    return out;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  private drop(n: number): void {
    this.discarded += n;
    this.buf = this.buf.subarray(n);
  }

  private next(): Frame | 'need-more' {
    for (;;) {
      if (this.buf.length === 0) return 'need-more';
      const lead = this.buf[0];
      if (lead === ACK || lead === NAK) {
        if (this.buf.length < 3) return 'need-more';
        if (this.buf[1] !== ETX) {
          this.drop(1); // a stray 0x06/0x15 inside noise, not a control frame
          continue;
        }
        this.buf = this.buf.subarray(3);
        return { type: lead === ACK ? 'ack' : 'nak' };
      }
      if (lead === STX) {
        const end = this.findEnd(ETX);
        if (end === 'need-more') return 'need-more';
        if (end === 'resync') continue;
        if (end + 1 >= this.buf.length) return 'need-more'; // LRC not here yet
        const payload = Buffer.from(this.buf.subarray(1, end));
        const lrcOk = this.buf[end + 1] === computeLrc(payload, this.mode);
        this.buf = this.buf.subarray(end + 2);
        return { type: 'app', payload, lrcOk };
      }
      if (lead === SOH) {
        const end = this.findEnd(EOT);
        if (end === 'need-more') return 'need-more';
        if (end === 'resync') continue;
        const text = this.buf.subarray(1, end).toString('latin1');
        this.buf = this.buf.subarray(end + 1);
        return { type: 'progress', text };
      }
      const nextLead = this.buf.findIndex((b) => b === STX || b === SOH || b === ACK || b === NAK);
      this.drop(nextLead < 0 ? this.buf.length : nextLead);
    }
  }

  /** Index of the terminator; if a new STX/SOH starts first the partial frame is garbage. */
  private findEnd(terminator: number): number | 'need-more' | 'resync' {
    for (let i = 1; i < this.buf.length; i++) {
      const b = this.buf[i];
      if (b === terminator) return i;
      if (b === STX || b === SOH || i > MAX_FRAME) {
        this.drop(i);
        return 'resync';
      }
    }
    return 'need-more';
  }
}
