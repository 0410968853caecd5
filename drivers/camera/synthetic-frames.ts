// Synthetic camera frames with a QR (qrcode) or Data Matrix (bwip-js) drawn at any module size, angle and
// contrast. For tests and bench/camera-decode.bench.ts only (bwip-js is a dev dependency).
import QRCode from 'qrcode';
import bwipjs from 'bwip-js/node';

const SUBSAMPLES = [
  [0.25, 0.25],
  [0.75, 0.25],
  [0.25, 0.75],
  [0.75, 0.75],
] as const;

export type CodeKind = 'qr' | 'datamatrix';
export type ModuleMatrix = { size: number; cols: number; rows: number; dark: (col: number, row: number) => boolean };

/** The symbol's module grid: QR at ECC level M as the notice guide requires (pagopa-psp.md §1.1). */
export function codeModules(kind: CodeKind, text: string): ModuleMatrix {
  if (kind === 'qr') {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    return { size: n, cols: n, rows: n, dark: (c, r) => qr.modules.get(r, c) === 1 };
  }
  const [sym] = bwipjs.raw({ bcid: 'datamatrix', text }) as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  if (!sym) throw new Error('bwip-js produced no Data Matrix');
  return { size: Math.max(sym.pixx, sym.pixy), cols: sym.pixx, rows: sym.pixy, dark: (c, r) => sym.pixs[r * sym.pixx + c] === 1 };
}

export type FrameSpec = {
  width: number;
  height: number;
  code?: { kind: CodeKind; text: string; modulePx: number; angleDeg?: number; centerX?: number; centerY?: number };
  /** Grey levels of dark modules, light modules and the rest of the frame. */
  dark?: number;
  light?: number;
  background?: number;
  /** Deterministic pseudo-random noise amplitude (± levels). */
  noise?: number;
};

/** Renders the frame as luminance, sampling each pixel centre into the rotated module grid. */
export function renderFrame(spec: FrameSpec): Uint8ClampedArray {
  const { width, height } = spec;
  const dark = spec.dark ?? 0;
  const light = spec.light ?? 255;
  const out = new Uint8ClampedArray(width * height).fill(spec.background ?? light);
  if (spec.code) {
    const m = codeModules(spec.code.kind, spec.code.text);
    const quiet = 4;
    const px = spec.code.modulePx;
    const rad = ((spec.code.angleDeg ?? 0) * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    const cx = spec.code.centerX ?? width / 2;
    const cy = spec.code.centerY ?? height / 2;
    const halfW = ((m.cols + 2 * quiet) * px) / 2;
    const halfH = ((m.rows + 2 * quiet) * px) / 2;
    const reach = Math.ceil(Math.hypot(halfW, halfH));
    for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(height, cy + reach); y++) {
      for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(width, cx + reach); x++) {
        // 2×2 supersampling: a camera blurs module edges to grey rather than aliasing them.
        let darkness = 0;
        let inside = 0;
        for (const [ox, oy] of SUBSAMPLES) {
          const dx = x + ox - cx;
          const dy = y + oy - cy;
          const u = cos * dx + sin * dy + halfW;
          const v = -sin * dx + cos * dy + halfH;
          if (u < 0 || v < 0 || u >= halfW * 2 || v >= halfH * 2) continue;
          inside++;
          const col = Math.floor(u / px) - quiet;
          const row = Math.floor(v / px) - quiet;
          if (col >= 0 && row >= 0 && col < m.cols && row < m.rows && m.dark(col, row)) darkness++;
        }
        if (inside === 0) continue;
        const bg = out[y * width + x] ?? light;
        out[y * width + x] = (darkness * dark + (inside - darkness) * light + (4 - inside) * bg) / 4;
      }
    }
  }
  if (spec.noise) {
    let seed = 12345;
    for (let i = 0; i < out.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      out[i] = (out[i] ?? 0) + ((seed % (2 * spec.noise + 1)) - spec.noise);
    }
  }
  return out;
}

/** Luminance → RGBA (grey), e.g. to write a PNG or JPEG test file. */
export function luminanceToRgba(lum: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(lum.length * 4);
  for (let i = 0; i < lum.length; i++) {
    const v = lum[i] ?? 0;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}
