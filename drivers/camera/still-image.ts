// Decodes a notice code from a still image (PNG or JPEG): photos attached by technicians, test fixtures,
// and the camera fallback of kiosks without a scanner (issue #5 §2). Same decoder as the camera worker.
import fs from 'node:fs/promises';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeLuminance, rgbaToLuminance, type DecodeFrameOptions, type FrameDecodeResult } from '../../src/common/barcode';

import type { CameraErrorKind, DecodedImage } from './interface';

export type { CameraErrorKind, DecodedImage } from './interface';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(
    readonly kind: CameraErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** PNG or JPEG bytes → luminance. */
export function imageToLuminance(bytes: Buffer): DecodedImage {
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      const png = PNG.sync.read(bytes);
      ({ width, height } = png);
      rgba = png.data;
    } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      // maxMemoryUsageInMB guards against decompression bombs in user-supplied photos.
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
      ({ width, height } = img);
      rgba = img.data;
    } else {
      throw new CameraError('unsupported-format', 'image is neither PNG nor JPEG');
    }
  } catch (e) {
    if (e instanceof CameraError) throw e;
    throw new CameraError('corrupt-image', `cannot decode image: ${(e as Error).message}`);
  }
  return { lum: rgbaToLuminance(rgba, width, height), width, height };
}

/** Box-downscales by an integer factor so a 12-Mpixel phone photo decodes in reasonable time. */
export function downscale(img: DecodedImage, factor: number): DecodedImage {
  const w = Math.floor(img.width / factor);
  const h = Math.floor(img.height / factor);
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * img.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += img.lum[row + dx] ?? 255;
      }
      out[y * w + x] = sum / (factor * factor);
    }
  }
  return { lum: out, width: w, height: h };
}

const MAX_SIDE = 2000;

/** A still image is decoded once, so it can afford the 45° retry that video frames skip. */
export async function decodeImageFile(path: string, options: DecodeFrameOptions = {}): Promise<FrameDecodeResult | null> {
  const opts: DecodeFrameOptions = { rotations: [45], ...options };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw new CameraError('unreadable', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const img = imageToLuminance(bytes);
  const side = Math.max(img.width, img.height);
  if (side > MAX_SIDE) {
    const small = downscale(img, Math.ceil(side / MAX_SIDE));
    const r = decodeLuminance(small.lum, small.width, small.height, opts);
    if (r) return r;
  }
  return decodeLuminance(img.lum, img.width, img.height, opts);
}
