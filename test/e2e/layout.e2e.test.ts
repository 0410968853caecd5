// Issue 11 §9: at the resolutions counters and kiosks really use, landscape and portrait, every primary
// action of the money screens is inside the viewport and nothing (the shortcut bar) lies on top of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_NOTICES } from '../../src/main/node-sim/seed';
import { admin, labAdminUrl, launchBrowser, loginAs, newPage, shot, simAdminUrl, startServe, requireDemo, wedgeScan, type Served } from './harness';

/** Kiosk screens: portrait totems, landscape panels, and the 5:4 monitors of older kiosks. */
const KIOSK_VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1080, height: 1200 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
  { width: 1024, height: 768 },
];

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1080, height: 1920 },
];

let browser: Browser;
let served: Served;
let page: Page;

beforeAll(async () => {
  [browser, served] = await Promise.all([launchBrowser(), startServe({ mode: 'counter' })]);
  page = await newPage(browser, served.url);
  await loginAs(page, 'mario', '1234');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await served?.stop();
});

/** Each test id: fully inside the viewport, and the element hit at its centre is itself (nothing on top). */
async function problems(ids: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const out: string[] = [];
    for (const id of ids) {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el) {
        out.push(`${id}: missing`);
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5) {
        out.push(`${id}: outside the viewport (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)}) in ${window.innerWidth}×${window.innerHeight}`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit))) out.push(`${id}: covered by ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className)}` : 'nothing'}`);
    }
    return out;
  }, ids);
}

async function everyViewport(name: string, ids: string[], viewports = VIEWPORTS): Promise<string[]> {
  const found: string[] = [];
  for (const v of viewports) {
    await page.setViewportSize(v);
    await new Promise((r) => setTimeout(r, 150));
    for (const p of await problems(ids)) found.push(`${name} @ ${v.width}×${v.height}: ${p}`);
    if (v.width === 1024) await shot(page, `layout-${name}-1024x768`, false);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return found;
}

describe('primary actions stay visible and unobstructed', () => {
  it('quote, cash and the offline receipt screen, at 1366×768, 1280×800, 1024×768 and portrait', async () => {
    requireDemo(served, ['notice/lookup', 'payment/begin', 'payment/collectCash', 'shift/open'], { sim: true });
    await page.keyboard.press('F9');
    await page.getByTestId('shift-open').waitFor();
    await page.getByLabel('Fondo cassa iniziale').fill('100');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-close').waitFor();
    await page.keyboard.press('Escape');
    const found: string[] = [];
    found.push(...(await everyViewport('idle', ['manual-open', 'open-shift', 'logout'])));
    const sim = simAdminUrl(served);
    await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'http503' });
    try {
      await wedgeScan(page, DEMO_NOTICES.multiTransfer.qr);
      await page.getByTestId('notice-card').waitFor();
      found.push(...(await everyViewport('quote', ['pay-cash', 'notice-number'])));
      await page.getByTestId('pay-cash').click();
      await page.getByTestId('cash-panel').waitFor();
      found.push(...(await everyViewport('cash', ['cash-confirm', 'cash-tendered'])));
      await page.getByTestId('cash-confirm').click();
      await page.getByTestId('done-panel').waitFor();
      await page.getByTestId('print-job').waitFor();
      found.push(...(await everyViewport('offline-receipt', ['new-payment', 'print-button', 'void-button'])));
    } finally {
      await admin(sim, 'POST', '/admin/faults/clear');
    }
    expect(found).toEqual([]);
  });

  it('the notice code never wraps', async () => {
    for (const v of VIEWPORTS) {
      await page.setViewportSize(v);
      await page.keyboard.press('Escape');
      await page.getByTestId('scan-prompt').waitFor();
      await wedgeScan(page, DEMO_NOTICES.plain.qr);
      const code = page.getByTestId('notice-number');
      await code.waitFor();
      const lines = await code.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20')));
      expect(lines, `${v.width}×${v.height}`).toBeLessThanOrEqual(1);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('kiosk: start, notice and receipt screens keep their buttons on screen, portrait and landscape', async () => {
    const kiosk = await startServe({ mode: 'kiosk', config: { terminal: { mode: 'kiosk' } } });
    const main = page;
    try {
      page = await newPage(browser, kiosk.url, { width: 1080, height: 1920 });
      await admin(labAdminUrl(kiosk), 'POST', '/terminal/scenario?name=approve');
      await page.getByTestId('attract').waitFor({ timeout: 20_000 });
      const found: string[] = [];
      found.push(...(await everyViewport('kiosk-attract', ['kiosk-manual'], KIOSK_VIEWPORTS)));
      // Two pages are open (the counter's and this one): this one must be the focused window, and a
      // burst that a loaded machine delivers too slowly to count as a scan is scanned again.
      await page.bringToFront();
      for (let attempt = 1; ; attempt++) {
        await page.getByTestId('attract').waitFor();
        await wedgeScan(page, DEMO_NOTICES.plain.qr);
        try {
          await page.getByTestId('kiosk-quote').waitFor({ timeout: 8_000 });
          break;
        } catch (e) {
          if (attempt >= 3) {
            await shot(page, 'FAILED-kiosk-layout-scan', false);
            throw e;
          }
        }
      }
      found.push(...(await everyViewport('kiosk-quote', ['kiosk-pay-card', 'kiosk-cancel'], KIOSK_VIEWPORTS)));
      await page.getByTestId('kiosk-pay-card').click();
      await page.getByTestId('kiosk-done').waitFor({ timeout: 30_000 });
      found.push(...(await everyViewport('kiosk-done', ['kiosk-finish'], KIOSK_VIEWPORTS)));
      expect(found).toEqual([]);
    } finally {
      await page.context().close();
      page = main;
      await kiosk.stop();
    }
  }, 90_000);
});
