// Splits a serial scanner's byte stream into payloads: data arrives in arbitrary chunks, each read ends
// with the configured suffix (pos-practice.md §5: "suffix CR (0x0D) or CRLF … data arrives in arbitrary chunks").

export type FramerOptions = {
  /** Programmed suffix (default "\r"); "\r\n" and a lone "\n" are also accepted as the end of a read. */
  suffix?: string;
  /** Programmed prefix to strip (e.g. STX "\x02" or an AIM id is left to the codec). */
  prefix?: string;
  /** Longest accepted read; a Data Matrix is 256 chars (pagopa-psp.md §1.2). Longer reads are dropped. */
  maxBytes?: number;
};

export type Frame = { ok: true; text: string } | { ok: false; reason: 'too-long'; bytes: number };

export class ScanFramer {
  private buf: Buffer = Buffer.alloc(0);
  private overflowed = 0;
  private readonly delims: Buffer[];
  private readonly prefix: string;
  private readonly maxBytes: number;

  constructor(opts: FramerOptions = {}) {
    const suffix = opts.suffix || '\r';
    // A CR-programmed scanner sometimes sends CRLF, an LF-programmed one CR: accept all three line ends.
    const set = new Set([suffix, ...(/^[\r\n]+$/.test(suffix) ? ['\r\n', '\r', '\n'] : [])]);
    this.delims = [...set].map((d) => Buffer.from(d, 'latin1'));
    this.prefix = opts.prefix ?? '';
    this.maxBytes = opts.maxBytes ?? 1024;
  }

  push(chunk: Buffer): Frame[] {
    const out: Frame[] = [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      const hit = this.findDelimiter();
      if (!hit) break;
      const body = this.buf.subarray(0, hit.at);
      this.buf = this.buf.subarray(hit.at + hit.len);
      if (this.overflowed > 0) {
        out.push({ ok: false, reason: 'too-long', bytes: this.overflowed + body.length });
        this.overflowed = 0;
        continue;
      }
      const text = this.decode(body);
      if (text.length > 0) out.push({ ok: true, text });
    }
    if (this.buf.length > this.maxBytes) {
      this.overflowed += this.buf.length;
      this.buf = Buffer.alloc(0);
    }
    return out;
  }

  private findDelimiter(): { at: number; len: number } | null {
    let best: { at: number; len: number } | null = null;
    for (const d of this.delims) {
      const at = this.buf.indexOf(d);
      // Earliest match wins; at the same position the longer one (CRLF over CR).
      if (at >= 0 && (!best || at < best.at || (at === best.at && d.length > best.len))) best = { at, len: d.length };
    }
    // A CRLF split across chunks yields CR now and an empty read for the LF, which push() drops.
    return best;
  }

  private decode(body: Buffer): string {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Not UTF-8: many scanners send ISO-8859-1 for the Data Matrix free text.
      text = body.toString('latin1');
    }
    text = text.replace(/^[\n\r\0]+/, '');
    if (this.prefix && text.startsWith(this.prefix)) text = text.slice(this.prefix.length);
    return text;
  }
}
