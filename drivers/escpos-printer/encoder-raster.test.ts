// ReceiptEncoder raster blocks (raster QR fallback, image(), logo): buffer-sized GS v 0 bands under the
// current justification, never appended to a partial text line (GS v 0 is ignored mid-line on Epson).
import { describe, expect, it } from 'vitest';
import { qrBitmap, ReceiptEncoder } from './encoder';
import { interpretEscPos } from './interpreter';
import { CLONE_BUFFER_BYTES } from './raster-bands';

const enc = (widthDots: 384 | 576 = 576) => new ReceiptEncoder({ columns: widthDots === 576 ? 48 : 32, widthDots, codePage: 'pc858', qrMode: 'raster' });
const rasters = (bytes: Uint8Array) => interpretEscPos(bytes).filter((o) => o.op === 'raster');

describe('raster blocks', () => {
  it('qrBitmap: 2-module quiet zone, module-sized dots, padded to a multiple of 8', () => {
    const bmp = qrBitmap('HELLO', 4); // version 1: 21 modules → (21 + 4) × 4 = 100 → 104
    expect([bmp.width, bmp.height]).toEqual([104, 104]);
    const at = (x: number, y: number) => bmp.pixels[y * bmp.width + x];
    for (let i = 0; i < 8; i++) expect([at(i, 20), at(20, i)]).toEqual([0, 0]); // quiet zone
    for (let i = 8; i < 8 + 7 * 4; i++) expect(at(i, 8)).toBe(1); // top edge of the finder pattern
    for (let i = 100; i < 104; i++) expect([at(i, 50), at(50, i)]).toEqual([0, 0]); // padding is white
    expect(() => qrBitmap('HELLO', 0)).toThrow(RangeError);
  });

  it('a QR wider than 4 KB / 255 rows is split into bands that each fit, under the current justification', () => {
    const payload = 'PAGOPA|002|301000000000000001|00000000000|12345';
    const bytes = enc().init().align('right').qr(payload, 6).align('left').encode();
    const ops = rasters(bytes);
    expect(ops.length).toBeGreaterThanOrEqual(2);
    for (const o of ops) {
      expect(8 + (o.width / 8) * o.height).toBeLessThanOrEqual(CLONE_BUFFER_BYTES);
      expect(o.align).toBe('right');
    }
    expect(ops.reduce((n, o) => n + o.height, 0)).toBe(qrBitmap(payload, 6).height);
  });

  it('ends a partial text line before the image, and does not add a blank line after a full one', () => {
    const bmp = { width: 16, height: 2, pixels: new Uint8Array(32).fill(1) };
    const bytes = Buffer.from(enc(384).init().text('Totale').image(bmp).line('dopo').encode());
    const iText = bytes.indexOf('Totale');
    const iImg = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30]));
    expect(iText).toBeGreaterThanOrEqual(0);
    expect(bytes.subarray(iText, iImg).includes(0x0a)).toBe(true); // LF ends the text line before GS v 0
    const lines = (bytes: Uint8Array) => interpretEscPos(bytes).filter((o) => o.op === 'line').length;
    expect(lines(enc(384).init().line('Totale').image(bmp).line('dopo').encode())).toBe(lines(enc(384).init().text('Totale').image(bmp).line('dopo').encode()));
  });
});
