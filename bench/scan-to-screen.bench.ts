// Scan-to-screen latency (issue #6 §7): from the virtual serial scanner writing the QR payload into its
// pty to the notice card shown in Chromium, against the real core (`sportello serve`) with the node
// simulator at zero latency; plus the keyboard-wedge path (Enter key → card) and the renderer bundle
// size (gzip). Run: node scripts/run-ts.mjs bench/scan-to-screen.bench.ts [iterations]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEMO_NOTICES } from '../src/main/node-sim/seed';
import { admin, labAdminUrl, launchBrowser, loginAs, newPage, ROOT, requireDemo, startServe } from '../test/e2e/harness';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** Gzip size of the renderer: what every screen loads, and the camera worker loaded only by the kiosk camera. */
function bundleSize(): { label: string; raw: number; gzip: number }[] {
  const dir = path.join(ROOT, 'dist', 'renderer', 'assets');
  const groups = new Map<string, { raw: number; gzip: number }>();
  for (const f of fs.readdirSync(dir)) {
    if (!/\.(js|css)$/.test(f)) continue;
    const label = f.startsWith('camera-worker') ? 'camera worker (zxing, lazy)' : 'app (JS+CSS, loaded by every screen)';
    const buf = fs.readFileSync(path.join(dir, f));
    const g = groups.get(label) ?? { raw: 0, gzip: 0 };
    g.raw += buf.length;
    g.gzip += zlib.gzipSync(buf, { level: 9 }).length;
    groups.set(label, g);
  }
  return [...groups].map(([label, g]) => ({ label, ...g }));
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 30);
  for (const b of bundleSize()) process.stdout.write(`renderer ${b.label}: ${(b.raw / 1024).toFixed(1)} KiB raw, ${(b.gzip / 1024).toFixed(1)} KiB gzip\n`);
  const [browser, served] = await Promise.all([
    launchBrowser(),
    startServe({
      mode: 'counter',
      // The serial scanner of the virtual lab (a real pty), next to the keyboard wedge.
      config: {
        devices: {
          scanners: [
            { name: 'serial', transport: { type: 'virtual' } },
            { name: 'wedge', transport: { type: 'wedge' } },
          ],
        },
      },
    }),
  ]);
  try {
    requireDemo(served, ['notice/lookup']);
    const page = await newPage(browser, served.url);
    await loginAs(page, 'mario', '1234');
    // Lookups need an open shift at the counter.
    await page.keyboard.press('F9');
    await page.getByTestId('shift-state').waitFor();
    if (await page.getByTestId('shift-open').count()) await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-close').waitFor();
    await page.keyboard.press('Escape');
    // Page-side clock: when the notice card appears, and when the wedge's Enter key went down.
    // Page-side clock (a string: this file is type-checked without DOM types): when the notice card
    // appears, and when the wedge's Enter key went down.
    await page.evaluate(`(() => {
      window.seen = null; window.enterAt = null;
      window.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.enterAt = performance.timeOrigin + performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (window.seen === null && document.querySelector('[data-testid="notice-card"]')) window.seen = performance.timeOrigin + performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    const qr = DEMO_NOTICES.plain.qr;
    const run = async (trigger: () => Promise<number | null>): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < iterations; i++) {
        await page.evaluate('window.seen = null');
        const t0 = await trigger();
        try {
          await page.getByTestId('notice-card').waitFor();
        } catch (e) {
          await page.screenshot({ path: path.join(ROOT, 'test-results', 'scan-to-screen-failed.png') });
          throw e;
        }
        const seen = (await page.evaluate('({ seen: window.seen, enterAt: window.enterAt })')) as { seen: number | null; enterAt: number | null };
        const start = t0 ?? seen.enterAt;
        if (seen.seen !== null && start !== null) out.push(seen.seen - start);
        await page.keyboard.press('Escape');
        await page.getByTestId('scan-prompt').waitFor();
      }
      return out;
    };
    const report = (label: string, xs: number[]) =>
      process.stdout.write(`${label}: n=${xs.length} p50=${pct(xs, 50).toFixed(1)} ms p99=${pct(xs, 99).toFixed(1)} ms max=${Math.max(...xs).toFixed(1)} ms\n`);
    const lab = labAdminUrl(served);
    if (lab) {
      // t0 = just before the lab writes the payload into the scanner's pty (one loopback POST earlier).
      report(
        'serial scanner (pty) → notice card',
        await run(async () => {
          const t = performance.timeOrigin + performance.now();
          await admin(lab, 'POST', '/scanner/scan', `${qr}\r`);
          return t;
        }),
      );
    } else {
      process.stdout.write('serial scanner path: not measured — serve did not announce the virtual lab admin URL\n');
    }
    report(
      'keyboard wedge (Enter key) → notice card',
      await run(async () => {
        await page.keyboard.type(qr, { delay: 2 });
        await page.keyboard.press('Enter');
        return null;
      }),
    );
  } finally {
    await browser.close();
    await served.stop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`scan-to-screen bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
