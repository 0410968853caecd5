// Receipt logo end to end: config → layoutOptionsFor (PNG loaded once) → layout → ESC/POS → interpreter →
// PNG. The golden images (printer-golden.test.ts) cover the no-logo output staying unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { interpretEscPos, type RenderOp } from '../../drivers/escpos-printer/interpreter';
import { renderOpsToPng } from '../../drivers/escpos-printer/render-png';
import { devicesConfigSchema } from '../../src/main/core/config/schema';
import { createLogger, type LogRecord } from '../../src/main/core/log/logger';
import { layoutFor, layoutOptionsFor } from '../../drivers/escpos-printer/layout-options';
import { layoutReceipt, layoutReport } from '../../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt, sampleProvisionalReceipt, sampleReport, sampleVoidReceipt } from '../../src/main/core/receipt/sample-receipts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-logo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A black frame (4 dots) around white, 700 × 240: wider than any paper, so it must be scaled down. */
function writeLogo(): string {
  const w = 700;
  const h = 240;
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const edge = x < 4 || y < 4 || x >= w - 4 || y >= h - 4;
      const i = (y * w + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = edge ? 0 : 255;
      png.data[i + 3] = 255;
    }
  const file = path.join(dir, 'logo.png');
  fs.writeFileSync(file, PNG.sync.write(png));
  return file;
}

const logoFile = writeLogo();
const printerConfig = (printer: Record<string, unknown>) => devicesConfigSchema.parse({ printer }).printer;
const rasters = (ops: RenderOp[]) => ops.filter((o): o is Extract<RenderOp, { op: 'raster' }> => o.op === 'raster');

describe('receipt logo', () => {
  it('prints the logo first on payment, provisional and void receipts and on reports, in ≤4 KB bands', () => {
    const opts = layoutOptionsFor(printerConfig({ paperWidthMm: 80, logo: { file: logoFile, widthDots: 400 } }));
    expect([opts.logo?.width, opts.logo?.height]).toEqual([400, 137]); // 700×240 → 400 × round(240·400/700)
    for (const bytes of [layoutReceipt(samplePaymentReceipt(), opts), layoutReceipt(sampleProvisionalReceipt(), opts), layoutReceipt(sampleVoidReceipt(), opts), layoutReport(sampleReport(), opts)]) {
      const ops = interpretEscPos(bytes);
      const firstLine = ops.findIndex((o) => o.op === 'line');
      const logo = rasters(ops.slice(0, firstLine));
      expect(logo.length).toBe(Math.ceil(137 / Math.floor((4096 - 8) / 50))); // 50 bytes/row → 81 rows/band
      expect(logo.every((r) => r.width === 400 && r.align === 'center' && r.bits.length === 50 * r.height && 8 + r.bits.length <= 4096)).toBe(true);
      expect(logo.reduce((n, r) => n + r.height, 0)).toBe(137);
      expect(ops.some((o) => o.op === 'unknown')).toBe(false);
    }
  });

  it('renders: the frame is black at the top of the paper, centred, and the inside stays white', () => {
    const opts = layoutOptionsFor(printerConfig({ paperWidthMm: 58, logo: { file: logoFile } }));
    expect(opts.logo?.width).toBe(384); // capped to the 58 mm printable width
    const png = PNG.sync.read(renderOpsToPng(interpretEscPos(layoutReceipt(samplePaymentReceipt(), opts)), { widthDots: 384 }));
    const dark = (x: number, y: number): boolean => png.data[(y * png.width + x) * 4]! < 128;
    const margin = 40;
    const top = 16; // renderer's top margin
    const h = opts.logo!.height;
    expect(dark(margin + 192, top + 1)).toBe(true); // top edge
    expect(dark(margin + 192, top + h - 1)).toBe(true); // bottom edge
    expect(dark(margin + 1, top + h / 2)).toBe(true); // left edge
    expect(dark(margin + 382, top + h / 2)).toBe(true); // right edge
    expect(dark(margin + 192, top + h / 2)).toBe(false); // inside
    const plain = PNG.sync.read(renderOpsToPng(interpretEscPos(layoutReceipt(samplePaymentReceipt(), layoutFor(58))), { widthDots: 384 }));
    expect(png.height - plain.height).toBeGreaterThanOrEqual(h); // logo (+ a blank line) pushed the text down
  });

  it('without a logo the bytes are those of the plain layout', () => {
    const opts = layoutOptionsFor(printerConfig({ paperWidthMm: 80 }));
    expect(opts.logo).toBeUndefined();
    expect(layoutReceipt(samplePaymentReceipt(), opts)).toEqual(layoutReceipt(samplePaymentReceipt(), layoutFor(80)));
    expect(rasters(interpretEscPos(layoutReport(sampleReport(), opts)))).toHaveLength(0);
  });

  it('an unreadable logo file is logged with its kind and receipts print without it', () => {
    const records: LogRecord[] = [];
    const logger = createLogger('test', { sinks: [(r) => records.push(r)] });
    const opts = layoutOptionsFor(printerConfig({ logo: { file: path.join(dir, 'missing.png') } }), logger);
    expect(opts.logo).toBeUndefined();
    expect(records.map((r) => [r.level, (r.data as { kind?: string }).kind])).toEqual([['warn', 'config']]);
  });
});
