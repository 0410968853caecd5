// A pure ESC/POS stream interpreter: bytes → render ops (text lines with style, QR, raster, barcode,
// cut, drawer pulse, feed) plus the status requests a printer must answer. It never throws: unknown or
// truncated commands become 'unknown' ops (fuzzed in interpreter.test.ts). Command set and byte layouts:
// pos-practice.md §4 (ESC/POS table). Streaming: push() keeps an incomplete trailing command for later.
import { decodeCodeTable } from './code-tables';

export type Align = 'left' | 'center' | 'right';
export type TextStyle = { bold: boolean; underline: number; widthMul: number; heightMul: number; font: 'A' | 'B'; invert: boolean };
export type TextRun = { text: string; style: TextStyle };

export type RenderOp =
  | { op: 'init'; at: number }
  | { op: 'line'; runs: TextRun[]; align: Align; at: number }
  | { op: 'feed'; dots: number; at: number }
  | { op: 'qr'; data: string; moduleSize: number; ecc: 'L' | 'M' | 'Q' | 'H'; align: Align; at: number }
  | { op: 'raster'; width: number; height: number; bits: Uint8Array; align: Align; at: number }
  | { op: 'barcode'; symbology: number; data: string; height: number; moduleWidth: number; hri: number; align: Align; at: number }
  | { op: 'cut'; partial: boolean; at: number }
  | { op: 'pulse'; pin: 2 | 5; onMs: number; offMs: number; at: number }
  /** DLE EOT n: real-time status request (answered immediately, even offline). */
  | { op: 'rt-status'; n: number; at: number }
  /** DLE ENQ n: real-time recovery (2 = clear receive and print buffers). */
  | { op: 'rt-recover'; n: number; at: number }
  /** GS r n: status answered only after preceding data is processed (the completion barrier). */
  | { op: 'tx-status'; n: number; at: number }
  /** GS a n: Automatic Status Back enable mask. */
  | { op: 'asb'; mask: number; at: number }
  | { op: 'unknown'; bytes: number[]; at: number };

/** Print ops (as opposed to status/control requests): what ends up on paper. */
export function isPrintOp(op: RenderOp): boolean {
  return op.op === 'line' || op.op === 'feed' || op.op === 'qr' || op.op === 'raster' || op.op === 'barcode' || op.op === 'cut' || op.op === 'init' || op.op === 'unknown' || op.op === 'pulse';
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;
const LF = 0x0a;

function defaultStyle(): TextStyle {
  return { bold: false, underline: 0, widthMul: 1, heightMul: 1, font: 'A', invert: false };
}

/** Marker thrown internally when a command is incomplete; never escapes push(). */
const NEED_MORE = Symbol('need-more');

export class EscPosInterpreter {
  private buf: Uint8Array = new Uint8Array(0);
  private offset = 0; // absolute stream offset of buf[0]
  private style = defaultStyle();
  private align: Align = 'left';
  private codeTable = 0;
  private runs: TextRun[] = [];
  private pendingText = '';
  private qr = { data: '', moduleSize: 3, ecc: 'L' as 'L' | 'M' | 'Q' | 'H' };
  private bc = { height: 162, moduleWidth: 3, hri: 0 };
  private out: RenderOp[] = [];

  /** Feeds bytes; returns the ops completed so far. An incomplete trailing command waits for more bytes. */
  push(chunk: Uint8Array): RenderOp[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf, 0);
    merged.set(chunk, this.buf.length);
    this.buf = merged;
    this.run(false);
    return this.drain();
  }

  /** End of stream: a truncated command becomes 'unknown', a pending text line is printed. */
  end(): RenderOp[] {
    this.run(true);
    this.flushLine(this.offset, false);
    return this.drain();
  }

  private drain(): RenderOp[] {
    const ops = this.out;
    this.out = [];
    return ops;
  }

  private run(final: boolean): void {
    let i = 0;
    const b = this.buf;
    while (i < b.length) {
      let next: number;
      try {
        next = this.step(b, i);
      } catch (e) {
        if (e !== NEED_MORE) throw e;
        if (!final) break;
        this.flushText();
        this.out.push({ op: 'unknown', bytes: Array.from(b.subarray(i, Math.min(b.length, i + 16))), at: this.offset + b.length });
        next = b.length;
      }
      i = next;
    }
    this.flushText();
    this.buf = b.slice(i);
    this.offset += i;
  }

  /** Interprets one command or character at b[i]; returns the index after it. */
  private step(b: Uint8Array, i: number): number {
    const need = (n: number) => {
      if (i + n > b.length) throw NEED_MORE;
    };
    const at = (k: number) => this.offset + k;
    const c = b[i]!;
    if (c >= 0x20 || c === 0x09) {
      this.pendingText += c === 0x09 ? '    ' : decodeCodeTable(this.codeTable, c);
      return i + 1;
    }
    if (c === LF) {
      this.flushLine(at(i + 1), true);
      return i + 1;
    }
    if (c === 0x0d || c === 0x00) return i + 1; // CR (library newline "\n\r") and NUL padding: no effect
    if (c === ESC) {
      need(2);
      const f = b[i + 1]!;
      switch (f) {
        case 0x40: // ESC @
          this.flushLine(at(i + 2), false);
          this.style = defaultStyle();
          this.align = 'left';
          this.codeTable = 0;
          this.out.push({ op: 'init', at: at(i + 2) });
          return i + 2;
        case 0x21: {
          need(3);
          const n = b[i + 2]!; // ESC ! n: font B, bold, double height/width, underline in one byte
          this.setStyle({ font: n & 0x01 ? 'B' : 'A', bold: !!(n & 0x08), heightMul: n & 0x10 ? 2 : 1, widthMul: n & 0x20 ? 2 : 1, underline: n & 0x80 ? 1 : 0 });
          return i + 3;
        }
        case 0x45: // ESC E n
        case 0x47: // ESC G n (double-strike, rendered as bold)
          need(3);
          this.setStyle({ bold: !!(b[i + 2]! & 1) });
          return i + 3;
        case 0x2d: // ESC - n
          need(3);
          this.setStyle({ underline: b[i + 2]! & 0x03 }); // n is 0..2 or '0'..'2'
          return i + 3;
        case 0x61: {
          need(3);
          const n = b[i + 2]! & 0x0f; // '0'..'2' or 0..2
          this.align = n === 1 ? 'center' : n === 2 ? 'right' : 'left';
          return i + 3;
        }
        case 0x4d: // ESC M n
          need(3);
          this.setStyle({ font: (b[i + 2]! & 1) === 1 ? 'B' : 'A' });
          return i + 3;
        case 0x74: // ESC t n
          need(3);
          this.flushText();
          this.codeTable = b[i + 2]!;
          return i + 3;
        case 0x64: {
          need(3); // ESC d n: print and feed n lines
          this.flushLine(at(i + 3), false);
          this.out.push({ op: 'feed', dots: b[i + 2]! * 30, at: at(i + 3) });
          return i + 3;
        }
        case 0x4a: // ESC J n: print and feed n dots
          need(3);
          this.flushLine(at(i + 3), false);
          this.out.push({ op: 'feed', dots: b[i + 2]!, at: at(i + 3) });
          return i + 3;
        case 0x70: {
          need(5); // ESC p m t1 t2: drawer pulse, t × 2 ms
          const m = b[i + 2]! & 1;
          this.flushLine(at(i + 5), false);
          this.out.push({ op: 'pulse', pin: m === 0 ? 2 : 5, onMs: b[i + 3]! * 2, offMs: b[i + 4]! * 2, at: at(i + 5) });
          return i + 5;
        }
        case 0x69: // ESC i / ESC m: legacy cut
        case 0x6d:
          this.flushLine(at(i + 2), false);
          this.out.push({ op: 'cut', partial: f === 0x6d, at: at(i + 2) });
          return i + 2;
        case 0x2a: {
          need(5); // ESC * m nL nH d: column bit image (8- or 24-dot)
          const m = b[i + 2]!;
          const cols = b[i + 3]! + b[i + 4]! * 256;
          const rowsBytes = m === 32 || m === 33 ? 3 : 1;
          need(5 + cols * rowsBytes);
          this.flushLine(at(i + 5 + cols * rowsBytes), false);
          this.out.push(columnImage(b.subarray(i + 5, i + 5 + cols * rowsBytes), cols, rowsBytes, this.align, at(i + 5 + cols * rowsBytes)));
          return i + 5 + cols * rowsBytes;
        }
        case 0x32: // ESC 2, ESC 3 n: line spacing (the renderer keeps a fixed pitch)
          return i + 2;
        case 0x33:
        case 0x52: // ESC R n: international set (we use code tables, NORD POS keeps R 0)
        case 0x20: // ESC SP n
        case 0x7b: // ESC { n
        case 0x56: // ESC V n
        case 0x55: // ESC U n
          need(3);
          return i + 3;
        case 0x24: // ESC $ nL nH: absolute position
          need(4);
          return i + 4;
        default:
          this.flushText();
          this.out.push({ op: 'unknown', bytes: [c, f], at: at(i + 2) });
          return i + 2;
      }
    }
    if (c === GS) {
      need(2);
      const f = b[i + 1]!;
      switch (f) {
        case 0x21: {
          need(3); // GS ! n: width × (high nibble + 1), height × (low nibble + 1)
          const n = b[i + 2]!;
          this.setStyle({ widthMul: Math.min(8, (n >> 4) + 1), heightMul: Math.min(8, (n & 0x0f) + 1) });
          return i + 3;
        }
        case 0x42: // GS B n: reverse
          need(3);
          this.setStyle({ invert: !!(b[i + 2]! & 1) });
          return i + 3;
        case 0x56: {
          need(3); // GS V m [n]
          const m = b[i + 2]!;
          const len = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104 ? 4 : 3;
          need(len);
          this.flushLine(at(i + len), false);
          if (len === 4) this.out.push({ op: 'feed', dots: b[i + 3]!, at: at(i + len) });
          this.out.push({ op: 'cut', partial: (m & 1) === 1 || m === 66, at: at(i + len) });
          return i + len;
        }
        case 0x76: {
          need(8); // GS v 0 m xL xH yL yH d…
          const xBytes = b[i + 4]! + b[i + 5]! * 256;
          const rows = b[i + 6]! + b[i + 7]! * 256;
          const len = 8 + xBytes * rows;
          need(len);
          this.flushLine(at(i + len), false);
          this.out.push({ op: 'raster', width: xBytes * 8, height: rows, bits: b.slice(i + 8, i + len), align: this.align, at: at(i + len) });
          return i + len;
        }
        case 0x28: {
          need(5); // GS ( X pL pH …: length-prefixed function
          const x = b[i + 2]!;
          const len = 5 + b[i + 3]! + b[i + 4]! * 256;
          need(len);
          if (x === 0x6b) this.qrFunction(b.subarray(i + 5, i + len), at(i + len));
          return i + len;
        }
        case 0x38: {
          need(7); // GS 8 L p1 p2 p3 p4 …: long graphics function, skipped
          const len = 7 + b[i + 3]! + b[i + 4]! * 256 + b[i + 5]! * 65536 + b[i + 6]! * 16777216;
          need(len);
          return i + len;
        }
        case 0x6b:
          return this.barcode(b, i, need);
        case 0x68: // GS h n
          need(3);
          this.bc.height = b[i + 2]!;
          return i + 3;
        case 0x77: // GS w n
          need(3);
          this.bc.moduleWidth = b[i + 2]!;
          return i + 3;
        case 0x48: // GS H n
          need(3);
          this.bc.hri = b[i + 2]! & 0x03;
          return i + 3;
        case 0x72: // GS r n
          need(3);
          this.flushText();
          this.out.push({ op: 'tx-status', n: b[i + 2]!, at: at(i + 3) });
          return i + 3;
        case 0x61: // GS a n
          need(3);
          this.flushText();
          this.out.push({ op: 'asb', mask: b[i + 2]!, at: at(i + 3) });
          return i + 3;
        case 0x66: // GS f n, GS I n, GS L/W nL nH, GS P x y: layout/info, no visible effect here
        case 0x49:
          need(3);
          return i + 3;
        case 0x4c:
        case 0x57:
        case 0x50:
          need(4);
          return i + 4;
        default:
          this.flushText();
          this.out.push({ op: 'unknown', bytes: [c, f], at: at(i + 2) });
          return i + 2;
      }
    }
    if (c === DLE) {
      need(2);
      const f = b[i + 1]!;
      if (f === 0x04) {
        need(3);
        this.flushText();
        this.out.push({ op: 'rt-status', n: b[i + 2]!, at: at(i + 3) });
        return i + 3;
      }
      if (f === 0x05) {
        need(3);
        this.flushText();
        this.out.push({ op: 'rt-recover', n: b[i + 2]!, at: at(i + 3) });
        return i + 3;
      }
      if (f === 0x14) {
        need(5); // DLE DC4 1 m t: real-time drawer pulse (t × 100 ms)
        if (b[i + 2] === 1) this.out.push({ op: 'pulse', pin: (b[i + 3]! & 1) === 0 ? 2 : 5, onMs: b[i + 4]! * 100, offMs: b[i + 4]! * 100, at: at(i + 5) });
        return i + 5;
      }
      this.flushText();
      this.out.push({ op: 'unknown', bytes: [c, f], at: at(i + 2) });
      return i + 2;
    }
    if (c === FS) {
      need(2);
      const f = b[i + 1]!;
      if (f === 0x2e || f === 0x26) return i + 2; // FS . / FS &: Kanji mode off/on
      if (f === 0x70) {
        need(4);
        return i + 4; // FS p n m: NV logo (not stored in the virtual printer)
      }
      this.flushText();
      this.out.push({ op: 'unknown', bytes: [c, f], at: at(i + 2) });
      return i + 2;
    }
    this.flushText();
    this.out.push({ op: 'unknown', bytes: [c], at: at(i + 1) });
    return i + 1;
  }

  private barcode(b: Uint8Array, i: number, need: (n: number) => void): number {
    need(3);
    const m = b[i + 2]!;
    let data: Uint8Array;
    let end: number;
    if (m <= 6) {
      // Function A: NUL-terminated
      let j = i + 3;
      while (j < b.length && b[j] !== 0) j++;
      if (j >= b.length) throw NEED_MORE;
      data = b.subarray(i + 3, j);
      end = j + 1;
    } else {
      need(4);
      const n = b[i + 3]!;
      need(4 + n);
      data = b.subarray(i + 4, i + 4 + n);
      end = i + 4 + n;
    }
    this.flushLine(this.offset + end, false);
    const symbology = m <= 6 ? m + 65 : m;
    this.out.push({ op: 'barcode', symbology, data: latin1(data), height: this.bc.height, moduleWidth: this.bc.moduleWidth, hri: this.bc.hri, align: this.align, at: this.offset + end });
    return end;
  }

  private qrFunction(p: Uint8Array, at: number): void {
    // p = cn fn params; cn 0x31 = QR code (pos-practice.md §4: fn 65 model, 67 size, 69 ECC, 80 store, 81 print)
    if (p.length < 2 || p[0] !== 0x31) return;
    const fn = p[1]!;
    if (fn === 0x43 && p.length >= 3) this.qr.moduleSize = Math.max(1, Math.min(16, p[2]!));
    else if (fn === 0x45 && p.length >= 3) this.qr.ecc = (['L', 'M', 'Q', 'H'] as const)[(p[2]! - 0x30) & 3] ?? 'L';
    else if (fn === 0x50 && p.length >= 3) this.qr.data = utf8(p.subarray(3));
    else if (fn === 0x51) {
      this.flushLine(at, false);
      this.out.push({ op: 'qr', data: this.qr.data, moduleSize: this.qr.moduleSize, ecc: this.qr.ecc, align: this.align, at });
    }
  }

  private setStyle(patch: Partial<TextStyle>): void {
    this.flushText();
    this.style = { ...this.style, ...patch };
  }

  private flushText(): void {
    if (this.pendingText.length === 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && sameStyle(last.style, this.style)) last.text += this.pendingText;
    else this.runs.push({ text: this.pendingText, style: { ...this.style } });
    this.pendingText = '';
  }

  /** Prints the line buffer. An LF with an empty buffer still prints an empty line (a feed of one line). */
  private flushLine(at: number, isLf: boolean): void {
    this.flushText();
    if (this.runs.length === 0 && !isLf) return;
    this.out.push({ op: 'line', runs: this.runs, align: this.align, at });
    this.runs = [];
  }
}

/** Convenience: interprets a whole byte stream. */
export function interpretEscPos(bytes: Uint8Array): RenderOp[] {
  const it = new EscPosInterpreter();
  return [...it.push(bytes), ...it.end()];
}

/** The plain text of the printed lines (for assertions and logs). */
export function opsToText(ops: readonly RenderOp[]): string {
  return ops
    .filter((o): o is Extract<RenderOp, { op: 'line' }> => o.op === 'line')
    .map((o) => o.runs.map((r) => r.text).join(''))
    .join('\n');
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.bold === b.bold && a.underline === b.underline && a.widthMul === b.widthMul && a.heightMul === b.heightMul && a.font === b.font && a.invert === b.invert;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

function utf8(b: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(b);
}

/** ESC * column image → the same row-major 1-bpp layout as GS v 0. */
function columnImage(d: Uint8Array, cols: number, rowBytes: number, align: Align, at: number): RenderOp {
  const height = rowBytes * 8;
  const width = Math.ceil(cols / 8) * 8;
  const bits = new Uint8Array((width / 8) * height);
  for (let x = 0; x < cols; x++) {
    for (let k = 0; k < rowBytes; k++) {
      const v = d[x * rowBytes + k]!;
      for (let bit = 0; bit < 8; bit++) {
        if (v & (0x80 >> bit)) {
          const y = k * 8 + bit;
          bits[y * (width / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
    }
  }
  return { op: 'raster', width, height, bits, align, at };
}
