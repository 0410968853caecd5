import { describe, expect, it } from 'vitest';
import { decodeLuminance, rgbaToLuminance, rotateLuminance, ScanDebouncer, stretchContrast } from './index';

describe('rgbaToLuminance', () => {
  it('uses BT.601 weights and reads transparency as white paper', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 10, 10, 0, 0, 0, 0, 255]);
    expect([...rgbaToLuminance(rgba, 5, 1)]).toEqual([76, 149, 29, 255, 0]);
  });
  it('refuses a short buffer', () => {
    expect(() => rgbaToLuminance(new Uint8Array(7), 2, 1)).toThrow(RangeError);
  });
});

describe('stretchContrast', () => {
  it('stretches a dull frame to the full range and leaves a contrasted or flat one alone', () => {
    const dull = new Uint8ClampedArray(1000).map((_, i) => (i % 2 ? 110 : 125));
    const s = stretchContrast(dull, dull.length);
    expect(s && [Math.min(...s), Math.max(...s)]).toEqual([0, 255]);
    expect(
      stretchContrast(
        new Uint8ClampedArray(1000).map((_, i) => (i % 2 ? 0 : 255)),
        1000,
      ),
    ).toBeNull();
    expect(stretchContrast(new Uint8ClampedArray(1000).fill(128), 1000)).toBeNull();
    // A dull but noisy view with nothing printed on it is left alone.
    const noise = new Uint8ClampedArray(1000).map((_, i) => 128 + ((i * 7919) % 25) - 12);
    expect(stretchContrast(noise, noise.length)).toBeNull();
  });
});

describe('rotateLuminance', () => {
  it('rotates by 90° exactly and grows the canvas for 45°', () => {
    // 3×2 image: row0 = 1 2 3, row1 = 4 5 6 -> rotated 90° (clockwise on screen, y down) = 2×3.
    const r = rotateLuminance(new Uint8ClampedArray([1, 2, 3, 4, 5, 6]), 3, 2, 90);
    expect([r.width, r.height]).toEqual([2, 3]);
    expect([...r.lum].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const d = rotateLuminance(new Uint8ClampedArray(100).fill(0), 10, 10, 45);
    expect(d.width).toBe(15);
    expect(d.lum[0]).toBe(255);
  });
});

describe('decodeLuminance', () => {
  it('returns null on a blank frame and rejects a buffer smaller than the frame', () => {
    expect(decodeLuminance(new Uint8ClampedArray(320 * 240).fill(255), 320, 240)).toBeNull();
    expect(() => decodeLuminance(new Uint8ClampedArray(10), 320, 240)).toThrow(RangeError);
  });
});

describe('ScanDebouncer', () => {
  it('reports a code once while it stays in view, again after the window, and a different code at once', () => {
    const d = new ScanDebouncer(1000);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('A', 300)).toBe(false);
    expect(d.accept('A', 1200)).toBe(false); // still in view: each sighting extends the window
    expect(d.accept('A', 2300)).toBe(true);
    expect(d.accept('B', 2310)).toBe(true);
    expect(d.accept('A', 2320)).toBe(true);
    d.reset();
    expect(d.accept('A', 2330)).toBe(true);
  });
});
