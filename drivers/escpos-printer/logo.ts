// Receipt logo: a PNG read once at start-up, scaled down to the printable width and pre-dithered to 1 bit
// (pos-practice.md §4 pipeline item 5: "pre-dither once, keep width ≤ the printable dots").
import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Bitmap } from './encoder';
import { PrinterError } from './errors';

/** 4×4 Bayer matrix: ordered dithering is deterministic (same PNG → same bytes → stable golden images). */
const BAYER4 = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5] as const;

export type Rgba = { width: number; height: number; data: Uint8Array };

/** Reads and converts a PNG file; PrinterError kind 'config' when it is missing or not a PNG. */
export function loadLogo(file: string, maxWidthDots: number): Bitmap {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    throw new PrinterError('config', `logo file unreadable: ${file}`, { cause: err });
  }
  let png: PNG;
  try {
    png = PNG.sync.read(buf);
  } catch (err) {
    throw new PrinterError('config', `logo is not a valid PNG: ${file}`, { cause: err });
  }
  return rgbaToBitmap({ width: png.width, height: png.height, data: png.data }, maxWidthDots);
}

/**
 * RGBA → 1-bit: alpha flattened on white paper, luminance (BT.601), area-averaged down to at most
 * `maxWidthDots` wide (never scaled up), then ordered dithering. Pure black and pure white stay exact.
 */
export function rgbaToBitmap(img: Rgba, maxWidthDots: number): Bitmap {
  const { width: w, height: h, data } = img;
  if (w < 1 || h < 1) throw new PrinterError('config', 'logo has no pixels');
  const tw = Math.max(1, Math.min(w, Math.floor(maxWidthDots)));
  const th = Math.max(1, Math.round((h * tw) / w));
  const lum = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const y = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
    const a = data[i * 4 + 3]! / 255;
    lum[i] = 255 - a * (255 - y);
  }
  const pixels = new Uint8Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    const y0 = Math.floor((ty * h) / th);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * h) / th));
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * w) / tw);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * w) / tw));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += lum[y * w + x]!;
      const avg = sum / ((y1 - y0) * (x1 - x0));
      const threshold = (BAYER4[(ty & 3) * 4 + (tx & 3)]! + 0.5) * 16;
      pixels[ty * tw + tx] = avg < threshold ? 1 : 0;
    }
  }
  return { width: tw, height: th, pixels };
}
