import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterError } from './errors';
import { loadLogo, rgbaToBitmap } from './logo';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Left half black, right half transparent, with a 50 % grey band in the bottom quarter. */
function writePng(width: number, height: number): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const grey = y >= (height * 3) / 4;
      const v = grey ? 128 : 0;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = grey || x < width / 2 ? 255 : 0;
    }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logo-'));
  dirs.push(dir);
  const file = path.join(dir, 'logo.png');
  fs.writeFileSync(file, PNG.sync.write(png));
  return file;
}

describe('receipt logo loading', () => {
  it('keeps a small logo at its size: black stays black, transparent prints white, grey is dithered', () => {
    const bmp = loadLogo(writePng(40, 16), 576);
    expect([bmp.width, bmp.height]).toEqual([40, 16]);
    const at = (x: number, y: number): number => bmp.pixels[y * 40 + x]!;
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 20; x++) expect(at(x, y)).toBe(1);
      for (let x = 20; x < 40; x++) expect(at(x, y)).toBe(0);
    }
    let black = 0;
    for (let y = 12; y < 16; y++) for (let x = 0; x < 40; x++) black += at(x, y);
    expect(black).toBe(80); // 4×4 Bayer at 50 % grey: exactly half of the dots
  });

  it('scales down to the maximum width, keeping the aspect ratio, deterministically', () => {
    const file = writePng(800, 200);
    const a = loadLogo(file, 384);
    expect([a.width, a.height]).toEqual([384, 96]);
    expect(a.pixels[10 * 384 + 10]).toBe(1);
    expect(a.pixels[10 * 384 + 300]).toBe(0);
    expect(loadLogo(file, 384).pixels).toEqual(a.pixels);
  });

  it('never scales up', () => {
    expect(rgbaToBitmap({ width: 2, height: 1, data: Uint8Array.of(0, 0, 0, 255, 255, 255, 255, 255) }, 576)).toEqual({ width: 2, height: 1, pixels: Uint8Array.of(1, 0) });
  });

  it('reports a missing file or a non-PNG as a config error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logo-'));
    dirs.push(dir);
    const bad = path.join(dir, 'bad.png');
    fs.writeFileSync(bad, 'not a png');
    for (const f of [path.join(dir, 'missing.png'), bad]) {
      try {
        loadLogo(f, 384);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(PrinterError);
        expect((err as PrinterError).kind).toBe('config');
      }
    }
  });
});
