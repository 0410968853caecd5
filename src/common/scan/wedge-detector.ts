// Tells a keyboard-wedge scan from human typing by timing (pos-practice.md §5): scanners type a key every
// 1–19 ms, humans rarely under ~60 ms; a burst of more than 4 characters, usually ended by CR or Tab.
// Pure: the renderer feeds keydown events and calls poll() from a timer at nextDeadline().

export type WedgeKey = {
  /** KeyboardEvent.key: a single character, or 'Enter' / 'Tab' / 'Shift' / … */
  key: string;
  /** Event time in ms (KeyboardEvent.timeStamp or Date.now()). */
  at: number;
  /** KeyboardEvent.repeat: auto-repeat from a held key, never sent by a scanner. */
  repeat?: boolean;
};

export type WedgeOptions = {
  /** Largest gap between two keys of one scan (default 40 ms). */
  maxInterKeyMs?: number;
  /** Largest average gap over a scan (default 30 ms). */
  maxAverageMs?: number;
  /** Fewest payload characters for a scan (default 5: "a burst of more than 4"). */
  minLength?: number;
  /** A burst with no terminator ends after this much silence (default 200 ms). */
  idleTimeoutMs?: number;
  /** Characters the scanner is programmed to send first/last; stripped. '\r'/'\n' mean Enter, '\t' Tab. */
  prefix?: string;
  suffix?: string;
  /** Accept a fast burst that ends by silence rather than Enter/Tab/suffix (default false). */
  acceptWithoutTerminator?: boolean;
};

export type WedgeScan = { payload: string; startedAt: number; endedAt: number; endedBy: 'terminator' | 'suffix' | 'idle' };
export type WedgeFeedResult = {
  /** The renderer should preventDefault this key: it belongs to a scan, not to the focused field. */
  swallow: boolean;
  scan: WedgeScan | null;
};

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Dead', 'Unidentified', 'Process']);
// A burst becomes "data mode" after this many fast characters (KeyboardBarcodeScanner: more than 2).
const DATA_MODE_AFTER = 3;

export class WedgeDetector {
  private readonly o: Required<WedgeOptions>;
  private readonly terminators: Set<string>;
  private readonly suffixText: string;
  private chars = '';
  private firstAt = 0;
  private lastAt = 0;

  constructor(opts: WedgeOptions = {}) {
    this.o = { maxInterKeyMs: 40, maxAverageMs: 30, minLength: 5, idleTimeoutMs: 200, prefix: '', suffix: '\r', acceptWithoutTerminator: false, ...opts };
    this.terminators = new Set(['Enter', 'Tab']);
    // A control-character suffix arrives as the Enter/Tab key; a printable one is matched as text.
    this.suffixText = /^[\r\n\t]*$/.test(this.o.suffix) ? '' : this.o.suffix;
  }

  /** True while a fast burst is under way: keys should not reach the focused field. */
  get inBurst(): boolean {
    return this.chars.length >= DATA_MODE_AFTER && this.isFast(this.chars.length, this.lastAt - this.firstAt);
  }

  /** When poll() should next be called, or null when idle. */
  nextDeadline(): number | null {
    return this.chars.length > 0 ? this.lastAt + this.o.idleTimeoutMs : null;
  }

  feed(k: WedgeKey): WedgeFeedResult {
    if (MODIFIERS.has(k.key)) return { swallow: this.inBurst, scan: null };
    let idleScan: WedgeScan | null = null;
    // Some scanners pause before the suffix: a terminator may come up to idleTimeoutMs after the last character.
    const maxGap = this.terminators.has(k.key) ? this.o.idleTimeoutMs : this.o.maxInterKeyMs;
    if (this.chars.length > 0 && (k.at - this.lastAt > maxGap || k.repeat)) idleScan = this.endByIdle();

    if (this.terminators.has(k.key)) {
      if (this.chars.length === 0) return { swallow: false, scan: idleScan };
      const scan = this.qualifies() ? this.finish('terminator', k.at) : null;
      this.reset();
      return { swallow: scan !== null, scan: scan ?? idleScan };
    }
    if (k.key.length !== 1 || k.repeat) {
      this.reset();
      return { swallow: false, scan: idleScan };
    }
    if (this.chars.length === 0) this.firstAt = k.at;
    this.chars += k.key;
    this.lastAt = k.at;
    if (this.suffixText && this.chars.endsWith(this.suffixText) && this.qualifies()) {
      const scan = this.finish('suffix', k.at);
      this.reset();
      return { swallow: true, scan };
    }
    return { swallow: this.inBurst, scan: idleScan };
  }

  /** Ends a burst after idleTimeoutMs of silence. Returns the scan when it qualified and terminators are optional. */
  poll(now: number): WedgeScan | null {
    if (this.chars.length === 0 || now - this.lastAt < this.o.idleTimeoutMs) return null;
    return this.endByIdle();
  }

  private endByIdle(): WedgeScan | null {
    const scan = this.o.acceptWithoutTerminator && this.qualifies() ? this.finish('idle', this.lastAt) : null;
    this.reset();
    return scan;
  }

  private isFast(n: number, span: number): boolean {
    // Gaps above maxInterKeyMs already split bursts in feed(); here the average guards against a fast typist.
    return n < 2 || span / (n - 1) <= this.o.maxAverageMs;
  }

  private payloadOf(): string | null {
    let p = this.chars;
    if (this.o.prefix) {
      if (!p.startsWith(this.o.prefix)) return null;
      p = p.slice(this.o.prefix.length);
    }
    if (this.suffixText && p.endsWith(this.suffixText)) p = p.slice(0, -this.suffixText.length);
    return p;
  }

  private qualifies(): boolean {
    const p = this.payloadOf();
    return p !== null && p.length >= this.o.minLength && this.isFast(this.chars.length, this.lastAt - this.firstAt);
  }

  private finish(endedBy: WedgeScan['endedBy'], endedAt: number): WedgeScan {
    return { payload: this.payloadOf() ?? '', startedAt: this.firstAt, endedAt, endedBy };
  }

  private reset(): void {
    this.chars = '';
    this.firstAt = 0;
    this.lastAt = 0;
  }
}
