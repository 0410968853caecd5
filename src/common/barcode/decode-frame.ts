// Camera/still-image decoding of notice codes with @zxing/library 0.21.3 (toolchain.md §5: 0.22+ needs
// Node 24 and logs stack traces). Pure: no Node, no DOM, so the renderer's worker and Node both use it.
import { BarcodeFormat, BinaryBitmap, ChecksumException, DecodeHintType, FormatException, HybridBinarizer, MultiFormatReader, NotFoundException, RGBLuminanceSource } from '@zxing/library';

export type FrameFormat = 'qr' | 'datamatrix';
export type FrameDecodeResult = { text: string; format: FrameFormat };

export type DecodeFrameOptions = {
  /** Symbologies to look for (default both: the notice QR and the Poste Data Matrix). */
  formats?: readonly FrameFormat[];
  /** zxing TRY_HARDER (default true). */
  tryHarder?: boolean;
  /** When nothing is found, retry on a contrast-stretched copy if the frame is dull (default true). */
  contrastStretch?: boolean;
  /**
   * When nothing is found, retry on copies rotated by these angles in degrees (default none: on video the
   * clerk moves the notice anyway, and each retry costs about 5× a plain attempt; still images use [45]).
   */
  rotations?: readonly number[];
};

const ZXING_FORMAT: Record<FrameFormat, BarcodeFormat> = { qr: BarcodeFormat.QR_CODE, datamatrix: BarcodeFormat.DATA_MATRIX };

// One configured reader per option set: building hints per frame costs more than decoding a blank one.
const readers = new Map<string, MultiFormatReader>();
function readerFor(formats: readonly FrameFormat[], tryHarder: boolean): MultiFormatReader {
  const key = `${formats.join(',')}|${tryHarder}`;
  let r = readers.get(key);
  if (!r) {
    r = new MultiFormatReader();
    const hints = new Map<DecodeHintType, unknown>();
    hints.set(
      DecodeHintType.POSSIBLE_FORMATS,
      formats.map((f) => ZXING_FORMAT[f]),
    );
    if (tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
    r.setHints(hints);
    readers.set(key, r);
  }
  return r;
}

function decodeOnce(lum: Uint8ClampedArray, width: number, height: number, reader: MultiFormatReader): FrameDecodeResult | null {
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, width, height)));
  try {
    const res = reader.decodeWithState(bitmap);
    const format: FrameFormat = res.getBarcodeFormat() === BarcodeFormat.DATA_MATRIX ? 'datamatrix' : 'qr';
    return { text: res.getText(), format };
  } catch (e) {
    // "Nothing here" is the common case for a camera frame; anything else is a bug worth surfacing.
    if (e instanceof NotFoundException || e instanceof ChecksumException || e instanceof FormatException) return null;
    throw e;
  }
}

/** Luminance (0–255 per pixel, row-major) → the decoded notice code, or null. */
export function decodeLuminance(lum: Uint8ClampedArray, width: number, height: number, opts: DecodeFrameOptions = {}): FrameDecodeResult | null {
  if (lum.length < width * height || width <= 0 || height <= 0) throw new RangeError(`luminance buffer of ${lum.length} bytes is smaller than ${width}×${height}`);
  const reader = readerFor(opts.formats ?? ['qr', 'datamatrix'], opts.tryHarder ?? true);
  const first = decodeOnce(lum, width, height, reader);
  if (first) return first;
  let base = lum;
  if (opts.contrastStretch ?? true) {
    const stretched = stretchContrast(lum, width * height);
    if (stretched) {
      const r = decodeOnce(stretched, width, height, reader);
      if (r) return r;
      base = stretched;
    }
  }
  for (const deg of opts.rotations ?? []) {
    const rot = rotateLuminance(base, width, height, deg);
    const r = decodeOnce(rot.lum, rot.width, rot.height, reader);
    if (r) return r;
  }
  return null;
}

/** RGBA (canvas ImageData, PNG) → luminance with the ITU-R BT.601 integer weights zxing uses. */
export function rgbaToLuminance(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`RGBA buffer of ${rgba.length} bytes is smaller than ${width}×${height}×4`);
  const out = new Uint8ClampedArray(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3] ?? 255;
    const l = ((rgba[j] ?? 0) * 306 + (rgba[j + 1] ?? 0) * 601 + (rgba[j + 2] ?? 0) * 117) >> 10;
    // Transparent pixels read as white paper, not black.
    out[i] = a === 255 ? l : (l * a + 255 * (255 - a)) / 255;
  }
  return out;
}

/**
 * Stretches the 1st–99th percentile of a dull frame to 0–255 (grey print on grey paper, dim kiosks).
 * Returns null when the frame already has contrast: HybridBinarizer ignores blocks whose range is < 24.
 */
export function stretchContrast(lum: Uint8ClampedArray, n: number): Uint8ClampedArray | null {
  const hist = new Uint32Array(256);
  const step = n > 200_000 ? 4 : 1;
  let count = 0;
  for (let i = 0; i < n; i += step) {
    hist[lum[i] ?? 0]! += 1;
    count++;
  }
  const pct = (p: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v] ?? 0;
      if (acc >= count * p) return v;
    }
    return 255;
  };
  const lo = pct(0.01);
  const hi = pct(0.99);
  if (hi - lo >= 96 || hi - lo < 4) return null;
  // Only two-tone frames (print on paper) are worth it: stretching a plain noisy view (an empty kiosk
  // slot) turns sensor noise into a black-and-white pattern that zxing searches for a long time.
  if (otsuSeparability(hist, count) < 0.8) return null;
  const out = new Uint8ClampedArray(n);
  const scale = 255 / (hi - lo);
  for (let i = 0; i < n; i++) out[i] = ((lum[i] ?? 0) - lo) * scale;
  return out;
}

/** Otsu's η = between-class / total variance: ~1 for two-tone images, 0.75 for uniform noise. */
function otsuSeparability(hist: Uint32Array, count: number): number {
  let sum = 0;
  let sumSq = 0;
  for (let v = 0; v < 256; v++) {
    const h = hist[v] ?? 0;
    sum += v * h;
    sumSq += v * v * h;
  }
  const mean = sum / count;
  const total = sumSq / count - mean * mean;
  if (total <= 0) return 0;
  let w0 = 0;
  let sum0 = 0;
  let best = 0;
  for (let t = 0; t < 255; t++) {
    w0 += hist[t] ?? 0;
    sum0 += t * (hist[t] ?? 0);
    const w1 = count - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0;
    const m1 = (sum - sum0) / w1;
    const between = (w0 / count) * (w1 / count) * (m0 - m1) * (m0 - m1);
    if (between > best) best = between;
  }
  return best / total;
}

/** Rotates a luminance image by `deg` around its centre (nearest neighbour), padding with white. */
export function rotateLuminance(lum: Uint8ClampedArray, width: number, height: number, deg: number): { lum: Uint8ClampedArray; width: number; height: number } {
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  // 1e-9 absorbs cos(90°) ≈ 6e-17 so right angles keep the exact size.
  const w2 = Math.ceil(Math.abs(width * cos) + Math.abs(height * sin) - 1e-9);
  const h2 = Math.ceil(Math.abs(width * sin) + Math.abs(height * cos) - 1e-9);
  const out = new Uint8ClampedArray(w2 * h2).fill(255);
  const cx = width / 2;
  const cy = height / 2;
  const cx2 = w2 / 2;
  const cy2 = h2 / 2;
  for (let y = 0; y < h2; y++) {
    const dy = y + 0.5 - cy2;
    for (let x = 0; x < w2; x++) {
      // Sample at pixel centres so right-angle rotations are exact permutations.
      const dx = x + 0.5 - cx2;
      const sx = Math.floor(cos * dx + sin * dy + cx + 1e-9);
      const sy = Math.floor(-sin * dx + cos * dy + cy + 1e-9);
      if (sx >= 0 && sy >= 0 && sx < width && sy < height) out[y * w2 + x] = lum[sy * width + sx] ?? 255;
    }
  }
  return { lum: out, width: w2, height: h2 };
}
