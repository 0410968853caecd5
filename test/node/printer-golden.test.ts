// Golden images of rendered receipts (layout → ESC/POS → interpreter → PNG). Compared with a pixel
// mismatch tolerance; UPDATE_GOLDEN=1 regenerates test/golden/receipts/*.png (look at them first).
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { interpretEscPos } from '../../drivers/escpos-printer/interpreter';
import { renderOpsToPng } from '../../drivers/escpos-printer/render-png';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import { layoutReceipt, layoutReport, layoutTestPage } from '../../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt, sampleProvisionalReceipt, sampleReport, sampleVoidReceipt } from '../../src/main/core/receipt/sample-receipts';

const DIR = path.resolve(__dirname, '../golden/receipts');
const TOLERANCE = 0.002; // fraction of pixels that may differ (font rasterisation noise)

function mismatch(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let diff = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    const d = Math.abs(pa.data[i]! - pb.data[i]!) + Math.abs(pa.data[i + 1]! - pb.data[i + 1]!) + Math.abs(pa.data[i + 2]! - pb.data[i + 2]!);
    if (d > 96) diff++;
  }
  return diff / (pa.width * pa.height);
}

const CASES: { name: string; width: 384 | 576; bytes: () => Uint8Array }[] = [
  { name: 'payment-80mm', width: 576, bytes: () => layoutReceipt(samplePaymentReceipt(), layoutFor(80)) },
  { name: 'provisional-58mm', width: 384, bytes: () => layoutReceipt(sampleProvisionalReceipt(), layoutFor(58, { qrMode: 'raster' })) },
  { name: 'void-80mm', width: 576, bytes: () => layoutReceipt(sampleVoidReceipt(), layoutFor(80)) },
  { name: 'copy-58mm-42col', width: 384, bytes: () => layoutReceipt(samplePaymentReceipt({ copy: true }), layoutFor(58, { columns: 42 })) },
  { name: 'z-report-80mm', width: 576, bytes: () => layoutReport(sampleReport(), layoutFor(80)) },
  { name: 'test-page-80mm', width: 576, bytes: () => layoutTestPage({ issuedAt: '2026-11-22T09:00:00.000Z', terminalId: 'T01', printerLabel: 'virtuale' }, layoutFor(80)) },
];

describe('golden receipt images', () => {
  for (const c of CASES) {
    it(`${c.name} matches test/golden/receipts/${c.name}.png`, () => {
      const png = renderOpsToPng(interpretEscPos(c.bytes()), { widthDots: c.width });
      const file = path.join(DIR, `${c.name}.png`);
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.mkdirSync(DIR, { recursive: true });
        fs.writeFileSync(file, png);
      }
      expect(fs.existsSync(file), `missing golden ${file} (run with UPDATE_GOLDEN=1)`).toBe(true);
      expect(mismatch(png, fs.readFileSync(file))).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('the comparison catches a real change (a different amount)', () => {
    const golden = fs.readFileSync(path.join(DIR, 'payment-80mm.png'));
    const changed = renderOpsToPng(interpretEscPos(layoutReceipt(samplePaymentReceipt({ amountCents: 99999, totalCents: 100199 }), layoutFor(80))), { widthDots: 576 });
    expect(mismatch(changed, golden)).toBeGreaterThan(TOLERANCE);
  });
});
