// Camera decode throughput, single thread (issue #5 §2): @zxing/library (our decodeLuminance) against
// zxing-wasm (zxing-cpp) on 640×480 and 1280×720 frames, with a notice code and without (the common case).
//   node scripts/run-ts.mjs bench/camera-decode.bench.ts [--seconds 1.5]
import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodeLuminance, type DecodeFrameOptions } from '../src/common/barcode';
import { buildDataMatrixPayload } from '../src/common/notice';
import { luminanceToRgba, renderFrame, type FrameSpec } from '../drivers/camera/synthetic-frames';

const QR = 'PAGOPA|002|300715700000000032|00085240950|0000001250';
const DM = buildDataMatrixPayload({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1250, postalAccount: '16302093', debtorName: 'MARIO ROSSI', subject: 'TARI 2026' });
const argSeconds = process.argv.indexOf('--seconds');
const SECONDS = argSeconds > 0 ? Number(process.argv[argSeconds + 1]) : 1.5;

type Frame = { name: string; spec: FrameSpec; expect: string | null };
const frames: Frame[] = [];
for (const [w, h, px] of [
  [640, 480, 4],
  [1280, 720, 5],
] as const) {
  // "Empty" frames look like a counter seen by a camera: grey desk with sensor noise, no code.
  frames.push({ name: `${w}×${h} no code`, spec: { width: w, height: h, background: 140, noise: 12 }, expect: null });
  frames.push({ name: `${w}×${h} QR`, spec: { width: w, height: h, code: { kind: 'qr', text: QR, modulePx: px, angleDeg: 8 }, noise: 6 }, expect: QR });
  frames.push({ name: `${w}×${h} Data Matrix`, spec: { width: w, height: h, code: { kind: 'datamatrix', text: DM, modulePx: px, angleDeg: 8 }, noise: 6 }, expect: DM });
}

async function measure(fn: () => Promise<boolean> | boolean): Promise<{ fps: number; ok: boolean }> {
  let ok = await fn(); // warm-up (JIT, wasm instantiation)
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    ok = (await fn()) && ok;
    n++;
  }
  return { fps: (n * 1000) / (performance.now() - t0), ok };
}

async function main(): Promise<void> {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('zxing-wasm/reader')), '../../reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });

  const fast: DecodeFrameOptions = { contrastStretch: false };
  const still: DecodeFrameOptions = { rotations: [45] };
  const rows: string[][] = [];
  for (const f of frames) {
    const lum = renderFrame(f.spec);
    const { width, height } = f.spec;
    const rgba = new Uint8ClampedArray(luminanceToRgba(lum));
    const image = { data: rgba, width, height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0];
    const check = (text: string | null | undefined) => (f.expect === null ? text == null : text === f.expect);
    const jsStill = await measure(() => check(decodeLuminance(lum, width, height, still)?.text));
    const jsDefault = await measure(() => check(decodeLuminance(lum, width, height)?.text));
    const jsFast = await measure(() => check(decodeLuminance(lum, width, height, fast)?.text));
    const wasmRes = await measure(async () => check((await readBarcodes(image, { formats: ['QRCode', 'DataMatrix'], tryHarder: true, maxNumberOfSymbols: 1 }))[0]?.text));
    const cell = (r: { fps: number; ok: boolean }) => `${r.fps.toFixed(1)}${r.ok ? '' : ' (MISSED)'}`;
    rows.push([f.name, cell(jsFast), cell(jsDefault), cell(jsStill), cell(wasmRes)]);
  }
  const head = ['frame', 'zxing-js plain', 'zxing-js default (video)', 'zxing-js still-image', 'zxing-wasm'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(`camera decode, frames/s, single thread, ${SECONDS}s per cell`);
  console.log('plain = TRY_HARDER only; default = + contrast stretch of dull frames; still-image = + 45° retry; zxing-wasm = readBarcodes, tryHarder, default tryRotate/tryInvert/tryDownscale');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

void main();
