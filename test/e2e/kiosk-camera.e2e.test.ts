// Kiosk camera in real Chromium: a fake capture device plays a generated Y4M clip showing the plain demo
// notice's QR; the kiosk reads it through getUserMedia → canvas → Web Worker (zxing) and shows the notice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { formatCentsIt } from '../../src/common/money';
import { launchBrowser, newPage, pageErrors, requireDemo, shot, startServe, type Served } from './harness';

const W = 640;
const H = 480;
const FRAMES = 20;
const BLANK_FRAMES = 4; // the clip (looped by Chromium) opens without a code: the reader must keep trying
const KIOSK_VIEW = { width: 1080, height: 1200 };

/**
 * YUV4MPEG2 4:2:0 clip, the format Chromium's --use-file-for-fake-video-capture plays (looped): header, then per
 * frame "FRAME\n" + Y (W×H) + U and V (W/2 × H/2, grey 128: a black-and-white picture).
 */
function qrClip(text: string): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const px = Math.floor((Math.min(W, H) * 0.55) / (n + 2 * quiet));
  const side = (n + 2 * quiet) * px;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const background = 90; // a darker desk around the white paper, like a real camera sees it
  const withCode = Buffer.alloc(W * H, background);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const c = Math.floor(x / px) - quiet;
      const r = Math.floor(y / px) - quiet;
      const dark = c >= 0 && r >= 0 && c < n && r < n && qr.modules.get(r, c) === 1;
      withCode[(y0 + y) * W + x0 + x] = dark ? 16 : 235; // BT.601 video range
    }
  }
  const blank = Buffer.alloc(W * H, background);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < FRAMES; f++) parts.push(Buffer.from('FRAME\n'), f < BLANK_FRAMES ? blank : withCode, chroma);
  return Buffer.concat(parts);
}

let tmp: string;
let browser: Browser;
let served: Served;
let page: Page;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-camera-'));
  const clip = path.join(tmp, 'notice.y4m');
  fs.writeFileSync(clip, qrClip(DEMO_NOTICES.plain.qr));
  [browser, served] = await Promise.all([
    launchBrowser({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`] }),
    startServe({ mode: 'kiosk', config: { terminal: { mode: 'kiosk' } } }),
  ]);
  page = await newPage(browser, served.url, KIOSK_VIEW);
  await page.getByTestId('kiosk').waitFor();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

type Tracks = { states: string[] };

describe('kiosk camera (fake capture device, real decoder worker, real core)', () => {
  it('reads the notice QR from the camera, shows the notice, and releases camera and worker', async () => {
    requireDemo(served, ['notice/lookup']);
    await page.getByTestId('attract').waitFor({ timeout: 20_000 });
    // Keep every stream the page obtains, to check after the scanner unmounts that its tracks ended.
    await page.evaluate(() => {
      const md = navigator.mediaDevices;
      const original = md.getUserMedia.bind(md);
      const w = window as unknown as { __streams: MediaStream[] };
      w.__streams = [];
      md.getUserMedia = async (c) => {
        const s = await original(c);
        w.__streams.push(s);
        return s;
      };
    });
    const workers: Worker[] = [];
    const closed: Worker[] = [];
    page.on('worker', (wk) => {
      workers.push(wk);
      wk.on('close', () => closed.push(wk));
    });

    // Hold the first frame sent to the decoder (the scanner keeps one frame in flight, so none follows)
    // to picture the live camera view, and to show that the read comes from the worker.
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage as (this: Worker, m: unknown, t: Transferable[]) => void;
      const w = window as unknown as { __release: () => void };
      let held: { worker: Worker; m: unknown; t: Transferable[] } | null = null;
      let holding = true;
      Worker.prototype.postMessage = function (this: Worker, m: unknown, t?: unknown) {
        const transfer = Array.isArray(t) ? (t as Transferable[]) : [];
        if (holding) held = { worker: this, m, t: transfer };
        else post.call(this, m, transfer);
      } as typeof Worker.prototype.postMessage;
      w.__release = () => {
        holding = false;
        if (held) post.call(held.worker, held.m, held.t);
      };
    });

    await page.getByRole('button', { name: 'Usa la fotocamera' }).click();
    await page.getByTestId('camera').waitFor();
    // Past the blank opening frames: the QR is in view.
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return !!v && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0.8;
    });
    await shot(page, 'kiosk-camera');
    expect(await page.getByTestId('notice-card').count()).toBe(0);
    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());

    const n = DEMO_NOTICES.plain;
    const card = page.getByTestId('notice-card');
    await card.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('notice-creditor').innerText()).toBe(n.companyName);
    expect(await page.getByTestId('notice-description').innerText()).toBe(n.description);
    expect((await page.getByTestId('notice-number').innerText()).replace(/\s/g, '')).toBe(n.noticeNumber);
    expect(await card.locator('.amount-due').innerText()).toBe(formatCentsIt(n.amountCents));
    await shot(page, 'kiosk-camera-notice', false);

    // The scanner closed on the read: its stream's tracks are stopped and its decoder worker is gone.
    const tracks = await page.evaluate((): Tracks => {
      const w = window as unknown as { __streams: MediaStream[] };
      return { states: w.__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)) };
    });
    expect(tracks.states.length).toBeGreaterThan(0);
    expect(tracks.states.every((s) => s === 'ended')).toBe(true);
    expect(workers.length).toBeGreaterThan(0);
    await expect.poll(() => closed.length, { timeout: 5000 }).toBe(workers.length);
    expect(await page.getByTestId('camera').count()).toBe(0);

    await page.getByTestId('kiosk-cancel').click();
    await page.getByTestId('attract').waitFor();
    expect(await page.locator('video').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });
});
