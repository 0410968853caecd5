// Camera decoding on synthetic frames (issue #5 §2): QR and Data Matrix, rotated, small, low contrast,
// blank; and still images through PNG and JPEG files.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeLuminance } from '../../src/common/barcode';
import { buildDataMatrixPayload, parseNoticeCode } from '../../src/common/notice';
import { luminanceToRgba, renderFrame, type FrameSpec } from './synthetic-frames';
import { CameraError, decodeImageFile } from './still-image';

const QR = 'PAGOPA|002|300715700000000032|00085240950|0000001250';
const DM = buildDataMatrixPayload({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1250, postalAccount: '16302093', debtorName: 'MARIO ROSSI', subject: 'TARI 2026' });
const TEXT = { qr: QR, datamatrix: DM } as const;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-cam-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Case = [string, 'qr' | 'datamatrix', Omit<FrameSpec, 'code'> & { modulePx: number; angleDeg?: number; centerX?: number }];
const cases: Case[] = [
  ['plain, 640×480', 'qr', { width: 640, height: 480, modulePx: 5 }],
  ['plain, 640×480', 'datamatrix', { width: 640, height: 480, modulePx: 5 }],
  ['rotated 90°', 'qr', { width: 640, height: 480, modulePx: 4, angleDeg: 90 }],
  ['rotated 90°', 'datamatrix', { width: 640, height: 480, modulePx: 4, angleDeg: 90 }],
  ['rotated 30°', 'qr', { width: 640, height: 480, modulePx: 3, angleDeg: 30 }],
  ['rotated 30°', 'datamatrix', { width: 640, height: 480, modulePx: 3, angleDeg: 30 }],
  ['rotated 45°', 'datamatrix', { width: 800, height: 800, modulePx: 6, angleDeg: 45 }],
  ['2 px modules off-centre in 1280×720', 'qr', { width: 1280, height: 720, modulePx: 2, centerX: 300, angleDeg: 0 }],
  ['2 px modules in 1280×720', 'datamatrix', { width: 1280, height: 720, modulePx: 2 }],
  ['grey on grey (110 on 125)', 'qr', { width: 640, height: 480, modulePx: 4, dark: 110, light: 125 }],
  ['grey on grey (110 on 125)', 'datamatrix', { width: 640, height: 480, modulePx: 4, dark: 110, light: 125 }],
];

describe('decodeLuminance on synthetic frames', () => {
  it.each(cases)('%s: %s', (_name, kind, s) => {
    const { modulePx, angleDeg, centerX, ...frame } = s;
    const lum = renderFrame({ ...frame, code: { kind, text: TEXT[kind], modulePx, angleDeg: angleDeg ?? 0, centerX } });
    const r = decodeLuminance(lum, frame.width, frame.height, { rotations: [45] });
    expect(r).toEqual({ text: TEXT[kind], format: kind });
    expect(parseNoticeCode(r?.text ?? '').amountCents).toBe(1250);
  });

  it('the 45° Data Matrix is found only thanks to the rotated retry', () => {
    const lum = renderFrame({ width: 800, height: 800, code: { kind: 'datamatrix', text: DM, modulePx: 6, angleDeg: 45 } });
    expect(decodeLuminance(lum, 800, 800)).toBeNull();
    expect(decodeLuminance(lum, 800, 800, { rotations: [45] })?.text).toBe(DM);
  });

  it('the low-contrast QR is found only thanks to the contrast stretch', () => {
    const lum = renderFrame({ width: 640, height: 480, code: { kind: 'qr', text: QR, modulePx: 4 }, dark: 110, light: 125 });
    expect(decodeLuminance(lum, 640, 480, { contrastStretch: false, rotations: [] })).toBeNull();
    expect(decodeLuminance(lum, 640, 480, { rotations: [] })?.text).toBe(QR);
  });

  it('formats option restricts the search', () => {
    const lum = renderFrame({ width: 640, height: 480, code: { kind: 'datamatrix', text: DM, modulePx: 4 } });
    expect(decodeLuminance(lum, 640, 480, { formats: ['qr'] })).toBeNull();
    expect(decodeLuminance(lum, 640, 480, { formats: ['datamatrix'] })?.format).toBe('datamatrix');
  });

  it.each([
    ['white', { width: 1280, height: 720 }],
    ['noisy grey', { width: 640, height: 480, background: 128, noise: 30 }],
  ])('a %s frame without a code returns null', (_n, spec) => {
    expect(decodeLuminance(renderFrame(spec), spec.width, spec.height)).toBeNull();
  });
});

describe('decodeImageFile', () => {
  const lum = renderFrame({ width: 640, height: 480, code: { kind: 'qr', text: QR, modulePx: 4, angleDeg: 10 } });
  const rgba = luminanceToRgba(lum);

  it('decodes a PNG', async () => {
    const png = new PNG({ width: 640, height: 480 });
    png.data = Buffer.from(rgba);
    const file = path.join(tmp, 'notice.png');
    fs.writeFileSync(file, PNG.sync.write(png));
    expect(await decodeImageFile(file)).toEqual({ text: QR, format: 'qr' });
  });

  it('decodes a JPEG (quality 70) of a Data Matrix', async () => {
    const dm = luminanceToRgba(renderFrame({ width: 640, height: 480, code: { kind: 'datamatrix', text: DM, modulePx: 4 } }));
    const file = path.join(tmp, 'notice.jpg');
    fs.writeFileSync(file, jpeg.encode({ data: Buffer.from(dm), width: 640, height: 480 }, 70).data);
    expect(await decodeImageFile(file)).toEqual({ text: DM, format: 'datamatrix' });
  });

  it('downscales a large photo before decoding', async () => {
    const big = renderFrame({ width: 2600, height: 1600, code: { kind: 'qr', text: QR, modulePx: 12 } });
    const png = new PNG({ width: 2600, height: 1600 });
    png.data = Buffer.from(luminanceToRgba(big));
    const file = path.join(tmp, 'photo.png');
    fs.writeFileSync(file, PNG.sync.write(png, { deflateLevel: 1 }));
    expect((await decodeImageFile(file))?.text).toBe(QR);
  });

  it.each([
    ['missing.png', 'unreadable', null],
    ['notes.txt', 'unsupported-format', 'hello'],
    ['broken.png', 'corrupt-image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)])],
    ['broken.jpg', 'corrupt-image', Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01])],
  ])('%s -> CameraError %s', async (name, kind, content) => {
    const file = path.join(tmp, name);
    if (content !== null) fs.writeFileSync(file, content);
    const err = await decodeImageFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CameraError);
    expect((err as CameraError).kind).toBe(kind);
  });
});
