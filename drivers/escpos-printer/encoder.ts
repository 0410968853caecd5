// ESC/POS byte builder: a thin wrapper over @point-of-sale/receipt-printer-encoder (text, code pages,
// styles, native QR, barcodes, cut, drawer pulse). We hand-write only what it lacks: the status/barrier
// commands in commands.ts, and raster images (logo, raster-QR fallback) in bands that fit a clone's
// buffer (raster-bands.ts) instead of the library's 255-row bands (up to ~18 KB at 576 dots).
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import QRCode from 'qrcode';
import type { Align, Bitmap, CodePage, EncoderOptions, EscPosEncoder } from './interface';
import { bandRowsFor, rasterBands } from './raster-bands';
import { chunks, wrap } from '../../src/common/text-wrap';

export type { Align, Bitmap, CodePage, EncoderOptions, QrMode } from './interface';

const LIB_CODEPAGE: Record<CodePage, string> = { pc858: 'cp858', wpc1252: 'windows1252' };
/** Epson numbering: 19 = PC858 (€ 0xD5), 16 = WPC1252 (€ 0x80) — pos-practice.md §4. */
const EPSON_TABLE: Record<CodePage, number> = { pc858: 19, wpc1252: 16 };

const ALIGN_BYTE: Record<Align, number> = { left: 0, center: 1, right: 2 };

export class ReceiptEncoder implements EscPosEncoder {
  private readonly enc: ReceiptPrinterEncoder;
  private readonly fontB: boolean;
  /** Last align() call: raster blocks carry their own ESC a, the library pads text lines with spaces. */
  private alignment: Align = 'left';
  /** text() left a partial line: a raster block must end it first (the library's own blocks flush too). */
  private midLine = false;

  constructor(readonly opts: EncoderOptions) {
    this.fontB = opts.widthDots === 384 && opts.columns > 32;
    const lib = LIB_CODEPAGE[opts.codePage];
    this.enc = new ReceiptPrinterEncoder({
      language: 'esc-pos',
      // The library counts columns in Font A and rescales for Font B (12 vs 9 dots per character).
      columns: this.fontB ? Math.round((opts.columns * 9) / 12) : opts.columns,
      newline: '\n',
      imageMode: 'raster',
      feedBeforeCut: 4,
      // Only our configured table: the library never switches tables mid-receipt (qzind/tray#1446).
      codepageMapping: { [lib]: opts.codeTable ?? EPSON_TABLE[opts.codePage] },
      errors: 'relaxed',
    });
  }

  get columns(): number {
    return this.opts.columns;
  }

  /** ESC @, then the code table; Font B for 42 columns on 58 mm. */
  init(): this {
    this.enc.initialize();
    this.enc.codepage(LIB_CODEPAGE[this.opts.codePage] as 'cp858');
    if (this.fontB) this.enc.font('B');
    return this;
  }

  text(s: string): this {
    this.enc.text(s);
    if (s.length > 0) this.midLine = !s.endsWith('\n');
    return this;
  }

  line(s = ''): this {
    if (s.length === 0) this.enc.newline();
    else this.enc.line(s);
    this.midLine = false;
    return this;
  }

  bold(on = true): this {
    this.enc.bold(on);
    return this;
  }

  underline(on = true): this {
    this.enc.underline(on);
    return this;
  }

  invert(on = true): this {
    this.enc.invert(on);
    return this;
  }

  size(w: number, h = w): this {
    this.enc.size(w, h);
    return this;
  }

  align(a: Align): this {
    this.alignment = a;
    this.enc.align(a);
    return this;
  }

  /** A full-width rule made of `ch` (plain ASCII: no code-table switch for box characters). */
  rule(ch = '-'): this {
    this.enc.line(ch.repeat(this.opts.columns));
    this.midLine = false;
    return this;
  }

  /** Label on the left, value on the right; wraps the value to its own line when both don't fit. */
  pair(label: string, value: string, width = this.opts.columns): this {
    if (label.length + value.length + 1 <= width) this.enc.line(label + ' '.repeat(width - label.length - value.length) + value);
    else {
      this.enc.line(label);
      for (const chunk of chunks(value, width)) this.enc.line(' '.repeat(width - chunk.length) + chunk);
    }
    this.midLine = false;
    return this;
  }

  /** Word-wrapped paragraph. */
  paragraph(s: string, indent = 0): this {
    for (const l of wrap(s, this.opts.columns - indent)) this.enc.line(' '.repeat(indent) + l);
    this.midLine = false;
    return this;
  }

  /** QR, native GS ( k or a raster image per the printer profile (clones print GS ( k as garbage). */
  qr(payload: string, moduleDots: number): this {
    if (this.opts.qrMode === 'raster') return this.rasterBlock(qrBitmap(payload, moduleDots), this.alignment);
    this.enc.qrcode(payload, { model: 2, size: moduleDots, errorlevel: 'm' });
    this.midLine = false;
    return this;
  }

  barcode(value: string, symbology: 'code128' | 'ean13' | 'code39', heightDots = 60): this {
    this.enc.barcode(value, symbology, { height: heightDots, width: 2, text: 'below' });
    this.midLine = false;
    return this;
  }

  /** 1-bit image at the current alignment, in bands that fit a clone's buffer (rasterBlock). */
  image(bmp: Bitmap): this {
    return this.rasterBlock(bmp, this.alignment);
  }

  /** The configured logo, centred, as raster bands (rasterBlock); absent = nothing. */
  logo(): this {
    const bmp = this.opts.logo;
    if (!bmp) return this;
    return this.rasterBlock(bmp, 'center');
  }

  /**
   * A bitmap as GS v 0 bands that each fit a clone's ~4 KB buffer (raster-bands.ts, escpos-php #610), under
   * ESC a `align` and back to ESC a 0, sent as one raw block on an empty line: GS v 0 is ignored while the
   * line buffer holds data (Epson), so a pending partial line is ended first. The LF after it feeds one
   * line, as the library's image() did (and leaves a blank line between a logo and the header).
   */
  private rasterBlock(bmp: Bitmap, align: Align): this {
    if (this.midLine) this.enc.newline();
    const bands = rasterBands(bmp.pixels, bmp.width, bmp.height, bandRowsFor(bmp.width));
    const size = bands.reduce((n, b) => n + b.length, 0);
    const out = new Uint8Array(3 + size + 3);
    out.set([0x1b, 0x61, ALIGN_BYTE[align]]); // raster images follow the justification
    let at = 3;
    for (const b of bands) {
      out.set(b, at);
      at += b.length;
    }
    out.set([0x1b, 0x61, 0x00], at);
    this.enc.raw(out);
    this.enc.newline();
    this.midLine = false;
    return this;
  }

  feed(lines = 1): this {
    this.enc.newline(lines);
    this.midLine = false;
    return this;
  }

  cut(partial = true): this {
    this.enc.cut(partial ? 'partial' : 'full');
    this.midLine = false;
    return this;
  }

  /** ESC p m t1 t2 with 50 ms on/off (Odoo's `1B 70 00 19 19`). */
  pulse(pin: 2 | 5): this {
    this.enc.pulse(pin === 2 ? 0 : 1, 50, 50);
    return this;
  }

  raw(bytes: Uint8Array | number[]): this {
    this.enc.raw(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    return this;
  }

  encode(): Uint8Array {
    return this.enc.encode();
  }
}

/**
 * The QR module matrix (ECC M, like the native GS ( k path) at `moduleDots` per module with a 2-module quiet
 * zone, padded with white to a multiple of 8 dots both ways (the size the library's image() used to print).
 */
export function qrBitmap(payload: string, moduleDots: number): Bitmap {
  if (!Number.isInteger(moduleDots) || moduleDots < 1) throw new RangeError(`QR module size must be a positive integer, got ${moduleDots}`);
  const q = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  const side = Math.ceil(((n + 2 * quiet) * moduleDots) / 8) * 8;
  const pixels = new Uint8Array(side * side);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (q.modules.data[r * n + c])
        for (let dy = 0; dy < moduleDots; dy++) {
          const row = ((r + quiet) * moduleDots + dy) * side + (c + quiet) * moduleDots;
          pixels.fill(1, row, row + moduleDots);
        }
  return { width: side, height: side, pixels };
}
