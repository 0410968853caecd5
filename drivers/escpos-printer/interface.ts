// The ESC/POS receipt printer as the core sees it (types only: the core may import nothing else from
// this folder). printer.ts implements ReceiptPrinter, encoder.ts implements EscPosEncoder, preview.ts
// implements ReceiptPreviewer; the composition root (src/main/app/devices) builds them and hands them in.
import type { DeviceHealth } from '../../src/common/device-health';
import type { PrinterState, PrinterStatus } from '../../src/common/receipt';

export type { PrinterState, PrinterStatus } from '../../src/common/receipt';

// ---- the printer --------------------------------------------------------------------------------

export type PrintJobOutcome = { ok: true } | { ok: false; state: PrinterState; detail: string; /** whether any byte reached the printer */ sent: boolean };

/** DeviceHealth (lastSeen = time of the last status reading) plus the driver's counters. */
export type PrinterHealth = DeviceHealth & {
  transport: string;
  statusMode: 'query' | 'none';
  lastStatus: PrinterStatus | null;
  reconnects: number;
  jobsPrinted: number;
  jobsFailed: number;
  /** Bytes from the printer that matched no expected reply (line noise, a confused clone). */
  garbageBytes: number;
};

export interface ReceiptPrinter {
  status(): Promise<PrinterStatus>;
  /** Never throws for printer conditions: a refused or partial job is { ok: false } (sent says whether paper may show part of it). */
  printJob(bytes: Uint8Array, opts?: { barrierTimeoutMs?: number }): Promise<PrintJobOutcome>;
  openDrawer(pin: 2 | 5): Promise<void>;
  health(): PrinterHealth;
  /** Pushed statuses (ASB, or the result of each query). Returns an unsubscribe function. */
  onStatus(cb: (s: PrinterStatus) => void): () => void;
  close(): Promise<void>;
}

/** The printer section of the configuration, as createPrinter reads it (structural: drivers may not import src/main). */
export type PrinterConfig = {
  transport: { type: 'virtual' } | { type: 'tcp'; host: string; port: number } | { type: 'serial'; path: string; baudRate: number } | { type: 'file'; path: string } | { type: string };
  asb: boolean;
  statusMode?: 'query' | 'none';
  barrierTimeoutMs?: number;
};

// ---- bytes of a document ------------------------------------------------------------------------

export type CodePage = 'pc858' | 'wpc1252';
export type QrMode = 'native' | 'raster';
export type Align = 'left' | 'center' | 'right';
export type Bitmap = { width: number; height: number; /** 1 = black, row-major, one byte per pixel */ pixels: Uint8Array };

export type EncoderOptions = {
  /** Characters per line at normal size: 48 (80 mm), 32 or 42 (58 mm; 42 uses Font B). */
  columns: number;
  /** Printable width in dots: 576 (80 mm) or 384 (58 mm). */
  widthDots: 384 | 576;
  codePage: CodePage;
  /** Override the ESC t number for clones that number their tables differently (pos-practice.md §4). */
  codeTable?: number;
  qrMode: QrMode;
  /** Pre-dithered receipt logo (logo.ts), at most widthDots wide; absent = no logo. */
  logo?: Bitmap;
};

/** The ESC/POS byte builder the receipt layout (src/main/core/receipt) writes with. */
export interface EscPosEncoder {
  readonly columns: number;
  /** ESC @, then the code table (and Font B for 42 columns on 58 mm). */
  init(): this;
  text(s: string): this;
  line(s?: string): this;
  bold(on?: boolean): this;
  underline(on?: boolean): this;
  invert(on?: boolean): this;
  size(w: number, h?: number): this;
  align(a: Align): this;
  rule(ch?: string): this;
  /** label left, value right, on one line of `width` columns. */
  pair(label: string, value: string, width?: number): this;
  paragraph(s: string, indent?: number): this;
  qr(payload: string, moduleDots: number): this;
  barcode(value: string, symbology: 'code128' | 'ean13' | 'code39', heightDots?: number): this;
  image(bmp: Bitmap): this;
  /** The configured logo (EncoderOptions.logo), if any. */
  logo(): this;
  feed(lines?: number): this;
  cut(partial?: boolean): this;
  pulse(pin: 2 | 5): this;
  raw(bytes: Uint8Array | number[]): this;
  encode(): Uint8Array;
}

/**
 * Receipt geometry and printer profile, with the encoder that writes for it (the composition root
 * builds it with layoutOptionsFor / layoutFor in layout-options.ts).
 */
export type LayoutOptions = EncoderOptions & { readonly createEncoder: (opts: EncoderOptions) => EscPosEncoder };

/** What a job's bytes look like on paper (the receipt preview shown to the operator). */
export interface ReceiptPreviewer {
  /** PNG of the paper the bytes would print. */
  previewPng(bytes: Uint8Array, opts: { widthDots: 384 | 576 }): Buffer;
}
