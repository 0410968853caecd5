// Raster QR fallback (qrMode 'raster', for clones that print GS ( k as garbage): the QR goes out as GS v 0
// bands that each fit a clone's ~4 KB receive buffer (pos-practice.md §4, escpos-php #610), and what the
// virtual printer puts on paper still scans back to the notice's pagoPA payload.
import net from 'node:net';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { qrBitmap } from '../../drivers/escpos-printer/encoder';
import { interpretEscPos } from '../../drivers/escpos-printer/interpreter';
import { CLONE_BUFFER_BYTES } from '../../drivers/escpos-printer/raster-bands';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import { decodeLuminance, rgbaToLuminance } from '../../src/common/barcode';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import { layoutReceipt, layoutTestPage } from '../../src/main/core/receipt/receipt-layout';
import { sampleProvisionalReceipt } from '../../src/main/core/receipt/sample-receipts';

type Band = { widthBytes: number; rows: number; data: Uint8Array; size: number };

/** Every GS v 0 command in the stream (1D 76 30 m xL xH yL yH d…). */
function gsv0Bands(bytes: Uint8Array): Band[] {
  const out: Band[] = [];
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] !== 0x1d || bytes[i + 1] !== 0x76 || bytes[i + 2] !== 0x30) continue;
    const widthBytes = bytes[i + 4]! + bytes[i + 5]! * 256;
    const rows = bytes[i + 6]! + bytes[i + 7]! * 256;
    out.push({ widthBytes, rows, data: bytes.subarray(i + 8, i + 8 + widthBytes * rows), size: 8 + widthBytes * rows });
    i += 7 + widthBytes * rows;
  }
  return out;
}

/** The bands stacked back into one 1-byte-per-dot bitmap. */
function unpack(bands: Band[]): { width: number; height: number; pixels: Uint8Array } {
  const width = bands[0]!.widthBytes * 8;
  const height = bands.reduce((n, b) => n + b.rows, 0);
  const pixels = new Uint8Array(width * height);
  let y = 0;
  for (const b of bands) {
    expect(b.widthBytes).toBe(bands[0]!.widthBytes);
    for (let r = 0; r < b.rows; r++, y++) for (let x = 0; x < width; x++) pixels[y * width + x] = (b.data[r * b.widthBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }
  return { width, height, pixels };
}

const CASES = [
  { paper: 58, widthDots: 384, moduleDots: 4 },
  { paper: 80, widthDots: 576, moduleDots: 6 },
] as const;

/** The payload the native path would print (GS ( k data): what the raster QR must scan back to. */
function nativePayload(paper: 58 | 80): string {
  const op = interpretEscPos(layoutReceipt(sampleProvisionalReceipt(), layoutFor(paper))).find((o) => o.op === 'qr');
  if (op?.op !== 'qr') throw new Error('the native layout printed no QR');
  return op.data;
}

let vp: VirtualPrinter | null = null;
afterEach(async () => {
  await vp?.close();
  vp = null;
});

/** Sends the bytes to a virtual printer over a real TCP socket and waits until it has taken them all. */
async function printOverTcp(bytes: Uint8Array, widthDots: 384 | 576): Promise<VirtualPrinter> {
  const printer = new VirtualPrinter({ widthDots });
  vp = printer;
  const { port } = await printer.listenTcp(0);
  const sock = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.once('connect', () => resolve());
  });
  await new Promise<void>((resolve) => sock.write(bytes, () => resolve()));
  for (let i = 0; i < 500 && printer.received().length < bytes.length; i++) await new Promise((r) => setTimeout(r, 10));
  sock.destroy();
  expect(printer.received().length).toBe(bytes.length);
  return printer;
}

describe('raster QR fallback', () => {
  for (const c of CASES) {
    it(`${c.widthDots} dots: every GS v 0 band of the QR fits a ${CLONE_BUFFER_BYTES}-byte clone buffer and the bands rebuild the QR`, () => {
      const payload = nativePayload(c.paper);
      const bytes = layoutReceipt(sampleProvisionalReceipt(), layoutFor(c.paper, { qrMode: 'raster' }));
      const bands = gsv0Bands(bytes);
      expect(bands.length).toBeGreaterThan(0);
      for (const b of bands) expect(b.size).toBeLessThanOrEqual(CLONE_BUFFER_BYTES);
      // Same module size, quiet zone and padding as before the banding: the QR keeps its size on paper.
      expect(unpack(bands)).toEqual(qrBitmap(payload, c.moduleDots));
      expect(interpretEscPos(bytes).filter((o) => o.op === 'raster')).toHaveLength(bands.length);
      expect(interpretEscPos(bytes).some((o) => o.op === 'qr')).toBe(false);
    });
  }

  it('splits an 80 mm QR that would not fit one band (25 bytes × 200 rows = 5008 bytes as a single GS v 0)', () => {
    const bytes = layoutTestPage({ issuedAt: '2026-11-22T09:00:00.000Z', terminalId: 'T01', printerLabel: 'virtuale' }, layoutFor(80, { qrMode: 'raster' }));
    const bands = gsv0Bands(bytes);
    expect(bands.reduce((n, b) => n + b.size - 8, 0)).toBe(25 * 200);
    expect(bands.length).toBeGreaterThanOrEqual(2);
    for (const b of bands) expect(b.size).toBeLessThanOrEqual(CLONE_BUFFER_BYTES);
  });

  for (const c of CASES) {
    it(`${c.widthDots} dots: the virtual printer's rendering of the receipt scans back to the pagoPA payload`, async () => {
      const payload = nativePayload(c.paper);
      expect(payload.startsWith('PAGOPA|002|')).toBe(true);
      const printer = await printOverTcp(layoutReceipt(sampleProvisionalReceipt(), layoutFor(c.paper, { qrMode: 'raster' })), c.widthDots);
      const [job] = printer.jobs();
      expect(job?.ops.some((o) => o.op === 'raster')).toBe(true);
      const png = PNG.sync.read(printer.renderPng());
      const decoded = decodeLuminance(rgbaToLuminance(png.data, png.width, png.height), png.width, png.height, { formats: ['qr'] });
      expect(decoded).toEqual({ text: payload, format: 'qr' });
    });
  }

  it('a raster QR with a band lost in transit no longer scans (the decode check can fail)', () => {
    const payload = nativePayload(58);
    const bmp = qrBitmap(payload, 4);
    // Blank the middle third of the rows, as if a clone had dropped an overflowing band.
    bmp.pixels.fill(0, bmp.width * Math.floor(bmp.height / 3), bmp.width * Math.floor((2 * bmp.height) / 3));
    const rgba = new Uint8Array(bmp.pixels.length * 4);
    for (let i = 0; i < bmp.pixels.length; i++) {
      rgba.fill(bmp.pixels[i] ? 0 : 255, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 255;
    }
    expect(decodeLuminance(rgbaToLuminance(rgba, bmp.width, bmp.height), bmp.width, bmp.height, { formats: ['qr'] })).toBeNull();
  });
});
