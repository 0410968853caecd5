// Render ops → PNG of the paper roll. Deterministic (bundled DejaVu Sans Mono, no system fonts, no
// clock) so golden images compare. Geometry follows an Epson 203 dpi head: Font A 12×24, Font B 9×17,
// default line pitch 30 dots (1/6"); 80 mm paper = 640 dots with 576 printable, 58 mm = 464 with 384.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import bwipjs from 'bwip-js/node';
import type { Align, RenderOp, TextRun } from './interpreter';

const FAMILY = 'SportelloReceiptMono';
const FAMILY_BOLD = 'SportelloReceiptMonoBold';
let fontsReady = false;

function ensureFonts(): void {
  if (fontsReady) return;
  // CJS bundle (CLI, bench): the real require; ESM test runner: resolve from the working directory.
  const req = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'index.js'));
  const dir = path.join(path.dirname(req.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  GlobalFonts.registerFromPath(path.join(dir, 'DejaVuSansMono.ttf'), FAMILY);
  GlobalFonts.registerFromPath(path.join(dir, 'DejaVuSansMono-Bold.ttf'), FAMILY_BOLD);
  fontsReady = true;
}

export type RenderOptions = { widthDots?: 384 | 576; maxHeight?: number };

const CELL = { A: { w: 12, h: 24 }, B: { w: 9, h: 17 } } as const;
const ADVANCE_EM = 1233 / 2048; // DejaVu Sans Mono advance width
const PITCH = 30;

type Placed = { op: RenderOp; y: number; h: number };

/** Renders ops to a PNG (paper width incl. unprintable margins). */
export function renderOpsToPng(ops: readonly RenderOp[], opts: RenderOptions = {}): Buffer {
  ensureFonts();
  const width = opts.widthDots ?? 576;
  const margin = width === 384 ? 40 : 32;
  const maxHeight = opts.maxHeight ?? 40_000;
  const placed: Placed[] = [];
  let y = 16;
  for (const op of ops) {
    const h = heightOf(op);
    if (h === 0 && op.op !== 'unknown' && op.op !== 'pulse') continue;
    if (y + h > maxHeight) break;
    placed.push({ op, y, h });
    y += h;
  }
  const canvas = createCanvas(width + 2 * margin, Math.max(y + 16, 64));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const p of placed) drawOp(ctx, p, margin, width, canvas.width);
  return canvas.toBuffer('image/png');
}

function heightOf(op: RenderOp): number {
  switch (op.op) {
    case 'line': {
      const cellH = Math.max(...op.runs.map((r) => CELL[r.style.font].h * r.style.heightMul), CELL.A.h);
      return Math.max(PITCH, cellH + 6);
    }
    case 'feed':
      return Math.min(op.dots, 2000);
    case 'qr': {
      const n = qrMatrix(op.data, op.ecc)?.size ?? 0;
      return n > 0 ? n * op.moduleSize + 8 : PITCH;
    }
    case 'raster':
      return Math.min(op.height, 4000);
    case 'barcode':
      return Math.min(op.height, 1000) + (op.hri & 1 ? 24 : 0) + (op.hri & 2 ? 24 : 0) + 8;
    case 'cut':
      return 40;
    default:
      return 0;
  }
}

function xFor(align: Align, contentWidth: number, width: number): number {
  if (align === 'center') return Math.max(0, Math.floor((width - contentWidth) / 2));
  if (align === 'right') return Math.max(0, width - contentWidth);
  return 0;
}

function drawOp(ctx: SKRSContext2D, p: Placed, margin: number, width: number, canvasWidth: number): void {
  const { op, y } = p;
  switch (op.op) {
    case 'line':
      drawLine(ctx, op.runs, op.align, margin, y, width, p.h);
      return;
    case 'qr': {
      const m = qrMatrix(op.data, op.ecc);
      if (!m) return;
      const size = m.size * op.moduleSize;
      const x0 = margin + xFor(op.align, size, width);
      ctx.fillStyle = '#000000';
      for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.data[r * m.size + c]) ctx.fillRect(x0 + c * op.moduleSize, y + 4 + r * op.moduleSize, op.moduleSize, op.moduleSize);
      return;
    }
    case 'raster': {
      const w = Math.min(op.width, width);
      const h = Math.min(op.height, 4000);
      if (w <= 0 || h <= 0) return;
      const img = ctx.createImageData(w, h);
      const rowBytes = op.width / 8;
      for (let yy = 0; yy < h; yy++) {
        for (let xx = 0; xx < w; xx++) {
          const on = (op.bits[yy * rowBytes + (xx >> 3)] ?? 0) & (0x80 >> (xx & 7));
          const k = (yy * w + xx) * 4;
          const v = on ? 0 : 255;
          img.data[k] = v;
          img.data[k + 1] = v;
          img.data[k + 2] = v;
          img.data[k + 3] = 255;
        }
      }
      ctx.putImageData(img, margin + xFor(op.align, w, width), y);
      return;
    }
    case 'barcode':
      drawBarcode(ctx, op, margin, y, width);
      return;
    case 'cut': {
      ctx.strokeStyle = '#777777';
      ctx.lineWidth = 2;
      ctx.setLineDash([10, 8]);
      ctx.beginPath();
      ctx.moveTo(4, y + 20);
      ctx.lineTo(canvasWidth - 4, y + 20);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#777777';
      ctx.font = `14px ${FAMILY}`;
      ctx.fillText(op.partial ? '✂ taglio parziale' : '✂ taglio', 8, y + 14);
      return;
    }
    case 'unknown':
      // Unsupported bytes: a red mark in the left margin (a real clone would print garbage here).
      ctx.fillStyle = '#d00000';
      ctx.fillRect(4, y, 6, 6);
      return;
    default:
      return;
  }
}

function drawLine(ctx: SKRSContext2D, runs: TextRun[], align: Align, margin: number, y: number, width: number, h: number): void {
  const total = runs.reduce((s, r) => s + [...r.text].length * CELL[r.style.font].w * r.style.widthMul, 0);
  let x = margin + xFor(align, Math.min(total, width), width);
  const baseline = y + h - 6;
  for (const run of runs) {
    const cell = CELL[run.style.font];
    const cw = cell.w * run.style.widthMul;
    const ch = cell.h * run.style.heightMul;
    const fontPx = cell.w / ADVANCE_EM;
    const chars = [...run.text];
    const runW = chars.length * cw;
    if (run.style.invert) {
      ctx.fillStyle = '#000000';
      ctx.fillRect(x, baseline - ch + 2, runW, ch + 2);
    }
    ctx.fillStyle = run.style.invert ? '#ffffff' : '#000000';
    ctx.font = `${fontPx.toFixed(2)}px ${run.style.bold ? FAMILY_BOLD : FAMILY}`;
    for (const chr of chars) {
      if (x + cw > margin + width + 0.5) break; // the head cannot print past the printable width
      if (chr !== ' ') {
        ctx.save();
        ctx.translate(x, baseline - Math.round(cell.h * 0.2) * run.style.heightMul);
        ctx.scale(run.style.widthMul, run.style.heightMul);
        ctx.fillText(chr, 0, 0);
        ctx.restore();
      }
      x += cw;
    }
    if (run.style.underline > 0) {
      ctx.fillRect(x - runW, baseline + 1, Math.min(runW, margin + width - (x - runW)), run.style.underline);
    }
  }
}

const BWIP_IDS: Record<number, string> = { 65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'interleaved2of5', 71: 'rationalizedCodabar', 72: 'code93', 73: 'code128' };

function drawBarcode(ctx: SKRSContext2D, op: Extract<RenderOp, { op: 'barcode' }>, margin: number, y: number, width: number): void {
  const bcid = BWIP_IDS[op.symbology];
  // GS k code 128 data starts with a code-set selector ("{B"); "{{" is a literal brace.
  const text = op.symbology === 73 ? op.data.replace(/\{[ABC]/g, '').replace(/\{\{/g, '{') : op.data;
  const height = Math.min(op.height, 1000);
  let top = y + 4;
  const hri = (t: number) => {
    ctx.fillStyle = '#000000';
    ctx.font = `${(CELL.B.w / ADVANCE_EM).toFixed(2)}px ${FAMILY}`;
    const w = text.length * CELL.B.w;
    ctx.fillText(text, margin + xFor(op.align, w, width), t + 18);
  };
  if (op.hri & 1) {
    hri(top);
    top += 24;
  }
  let sbs: number[] | null = null;
  try {
    if (bcid) sbs = (bwipjs.raw({ bcid, text }) as unknown as { sbs: number[] }[])[0]?.sbs ?? null;
  } catch {
    sbs = null;
  }
  ctx.fillStyle = '#000000';
  if (sbs) {
    const mw = Math.max(1, Math.min(6, op.moduleWidth));
    const total = sbs.reduce((s, v) => s + v * mw, 0);
    let x = margin + xFor(op.align, total, width);
    sbs.forEach((v, k) => {
      if (k % 2 === 0) ctx.fillRect(x, top, v * mw, height);
      x += v * mw;
    });
  } else {
    ctx.font = `14px ${FAMILY}`;
    ctx.fillText(`[barcode ${op.symbology} non valido]`, margin, top + 20);
  }
  if (op.hri & 2) hri(top + height);
}

const qrCache = new Map<string, { size: number; data: Uint8Array } | null>();

function qrMatrix(data: string, ecc: 'L' | 'M' | 'Q' | 'H'): { size: number; data: Uint8Array } | null {
  const key = `${ecc}|${data}`;
  if (qrCache.has(key)) return qrCache.get(key) ?? null;
  let m: { size: number; data: Uint8Array } | null = null;
  try {
    if (data.length > 0) {
      const q = QRCode.create(data, { errorCorrectionLevel: ecc });
      m = { size: q.modules.size, data: Uint8Array.from(q.modules.data) };
    }
  } catch {
    m = null;
  }
  if (qrCache.size > 256) qrCache.clear();
  qrCache.set(key, m);
  return m;
}
