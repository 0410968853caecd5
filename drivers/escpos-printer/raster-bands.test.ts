import { describe, expect, it } from 'vitest';
import { bandRowsFor, CLONE_BUFFER_BYTES, rasterBands } from './raster-bands';

/** Checkerboard-ish pattern: black where (x * 7 + y * 3) % 5 === 0, so every byte position is exercised. */
function pattern(width: number, height: number): Uint8Array {
  const px = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px[y * width + x] = (x * 7 + y * 3) % 5 === 0 ? 1 : 0;
  return px;
}

describe('rasterBands (GS v 0 in bands)', () => {
  it('splits 600 rows into 255 + 255 + 90 with the right header bytes and payload length', () => {
    const width = 300; // 37.5 bytes → 38, padded on the right
    const bands = rasterBands(pattern(width, 600), width, 600, 255);
    expect(bands.map((b) => b[6]! + b[7]! * 256)).toEqual([255, 255, 90]);
    for (const b of bands) {
      expect([...b.subarray(0, 4)]).toEqual([0x1d, 0x76, 0x30, 0x00]);
      expect(b[4]).toBe(38); // xL: width in bytes
      expect(b[5]).toBe(0); // xH
      expect(b.length - 8).toBe(38 * (b[6]! + b[7]! * 256));
    }
  });

  it('encodes xH and yH above 255 units', () => {
    const [b] = rasterBands(new Uint8Array(2048 * 1), 2048, 1, 1);
    expect([b![4], b![5], b![6], b![7]]).toEqual([0x00, 0x01, 1, 0]); // 256 bytes wide, 1 row
  });

  it('sets exactly the bits where the bitmap is black, MSB = leftmost dot, across band borders', () => {
    const width = 21;
    const height = 13;
    const px = pattern(width, height);
    const bands = rasterBands(px, width, height, 5);
    expect(bands).toHaveLength(3);
    const wb = 3;
    let row = 0;
    for (const b of bands) {
      const rows = b[6]!;
      for (let r = 0; r < rows; r++, row++)
        for (let x = 0; x < wb * 8; x++) {
          const bit = (b[8 + r * wb + (x >> 3)]! >> (7 - (x & 7))) & 1;
          expect(bit, `dot ${x},${row}`).toBe(x < width ? px[row * width + x] : 0);
        }
    }
    expect(row).toBe(height);
  });

  it('rejects bad sizes and band heights over 255', () => {
    expect(() => rasterBands(new Uint8Array(8), 8, 1, 256)).toThrow(RangeError);
    expect(() => rasterBands(new Uint8Array(8), 8, 2, 10)).toThrow(RangeError);
    expect(() => rasterBands(new Uint8Array(0), 0, 0, 10)).toThrow(RangeError);
  });

  it('keeps every band within a clone buffer (~4 KB) at 58 and 80 mm', () => {
    for (const width of [384, 576, 200]) {
      const rows = bandRowsFor(width);
      const bands = rasterBands(pattern(width, 700), width, 700, rows);
      for (const b of bands) expect(b.length).toBeLessThanOrEqual(CLONE_BUFFER_BYTES);
      expect(bands.reduce((n, b) => n + b[6]! + b[7]! * 256, 0)).toBe(700);
    }
    expect(bandRowsFor(576)).toBe(56); // (4096 − 8) / 72
    expect(bandRowsFor(64)).toBe(255); // narrow images are capped by the 255-row limit
  });
});
