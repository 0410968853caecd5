// Issue #11 §11: no English in the Italian UI (and no Italian in the English one). Walks every screen of the counter (login, idle, quote,
// errors, manual entry with warnings, car tax, shift and reports, cash, receipt, void, cart, offline,
// recent payments, exceptions, logout), the technician's tabs (devices, diagnostics, node check, queue
// rows) and the kiosk (start, manual entry, car tax, quote, out of service, idle warning), and fails on
// any visible string that carries a word only the other language's locale uses (test/e2e/untranslated.ts).
// The same walk runs in Italian and in English, each on a fresh `serve`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_NOTICES } from '../../src/main/node-sim/seed';
import { admin, labAdminUrl, launchBrowser, loginAs, newPage, requireDemo, shot, simAdminUrl, startServe, wedgeScan, type Served } from './harness';
import { en } from '../../src/renderer/i18n/locales/en';
import { it as itMessages } from '../../src/renderer/i18n/locales/it';
import { foreignWords, untranslated } from './untranslated';

type Lang = 'it' | 'en';
const LOCALE = { it: itMessages, en } as const;
const LABEL = { it: 'Italiano', en: 'English' } as const;

let browser: Browser;
let page: Page;
let lang: Lang = 'it';
const found: string[] = [];
const seen = new Map<string, number>();

async function check(screen: string): Promise<void> {
  // Let the screen settle (status poll, lazy lists) before reading it.
  await new Promise((r) => setTimeout(r, 300));
  expect(await page.locator('html').getAttribute('lang'), screen).toBe(lang);
  const r = await untranslated(page, lang, `${lang} ${screen}`);
  seen.set(screen, r.texts);
  found.push(...r.found);
}

/** Chooses the walk's language with the switch on screen (the default is Italian). */
async function chooseLanguage(): Promise<void> {
  const b = page.getByRole('button', { name: LABEL[lang], exact: true }).first();
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
  await page.locator(`html[lang="${lang}"]`).waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async (ctx) => {
  // The walks close their page when they end: a failure was photographed by the walk itself.
  if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
});

/** A burst a loaded machine delivers too slowly to count as a scan is scanned again (as in layout.e2e). */
async function scan(qr: string, testId: string, timeout = 8_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await wedgeScan(page, qr);
    try {
      await page.getByTestId(testId).first().waitFor({ timeout });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

async function esc(testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

describe('the word lists', () => {
  it('flag the other language and spare the one on screen', () => {
    const english = foreignWords('it');
    for (const w of ['open', 'shift', 'wrong', 'operator', 'pending', 'payment', 'the', 'expected']) expect(english.has(w), w).toBe(true);
    for (const w of ['turno', 'pagamento', 'avviso', 'offline', 'pagopa', 'pos']) expect(english.has(w), w).toBe(false);
    const italian = foreignWords('en');
    for (const w of ['turno', 'pagamento', 'avviso', 'della']) expect(italian.has(w), w).toBe(true);
    for (const w of ['payment', 'offline', 'pagopa', 'pin']) expect(italian.has(w), w).toBe(false);
  });
});

async function walkCounter(served: Served): Promise<void> {
  const M = LOCALE[lang];
  requireDemo(served, ['notice/lookup', 'payment/begin', 'payment/collectCash', 'shift/open'], { sim: true });
  await chooseLanguage();
  await page.getByTestId('operator-mario').click();
  await check('login');
  for (const d of '9999') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: M.keypad.confirm }).click();
  await page.getByRole('alert').waitFor();
  await check('login wrong PIN');
  await loginAs(page, 'mario', '1234');
  await check('idle, no shift');

  // No shift open: the quote is shown, the payment refused.
  await scan(DEMO_NOTICES.plain.qr, 'notice-card');
  await check('quote and payer');
  await page.getByTestId('pay-cash').click();
  await page.getByRole('alert').waitFor();
  await check('payment refused without a shift');
  await page.keyboard.press('Escape');
  await page.getByTestId('scan-prompt').waitFor();

  // Manual entry: the check digits do not match (a warning, not a refusal).
  await page.keyboard.press('F2');
  await page.getByTestId('manual-number').fill('302016723749670000');
  await page.getByTestId('manual-cf').fill('00085240950');
  await page.getByTestId('manual-entry').locator('.alert.warn').waitFor();
  await check('manual entry with warnings');
  await esc('manual-entry');

  await page.keyboard.press('F1');
  await page.getByTestId('bollo-dialog').waitFor();
  await check('car tax');
  await esc('bollo-dialog');

  // Shift: closed, the last Z (none yet), open, X report, the Z confirmation.
  await page.keyboard.press('F9');
  await page.getByTestId('shift-open').waitFor();
  await check('shift closed');
  await page.getByRole('button', { name: M.shift.lastZ }).click();
  await new Promise((r) => setTimeout(r, 500));
  await check('last Z without one');
  await page.getByLabel(M.shift.float).fill('100');
  await page.getByTestId('shift-open').click();
  await page.getByTestId('shift-close').waitFor();
  await page.getByTestId('report-x-button').click();
  await page.getByTestId('report-x').waitFor();
  await check('shift open, X report');
  await page.getByLabel(M.shift.counted).fill('90');
  await page.getByTestId('shift-close').click();
  await page.getByTestId('shift-confirm').waitFor();
  await check('Z confirmation');
  await page.getByTestId('shift-confirm-back').click();
  await esc('shift-dialog');

  // Cash payment, receipt, void dialog.
  await scan(DEMO_NOTICES.plain.qr, 'pay-cash');
  await page.getByTestId('pay-cash').click();
  await page.getByTestId('cash-panel').waitFor();
  await check('cash');
  await page.getByTestId('cash-confirm').click();
  await page.getByTestId('done-panel').waitFor();
  await check('receipt');
  await page.getByTestId('new-payment').click();

  // Two notices: a cart.
  await scan(DEMO_NOTICES.second.qr, 'notice-card');
  await scan(DEMO_NOTICES.alreadyPaid.qr, 'cart-item');
  await new Promise((r) => setTimeout(r, 1000));
  await check('cart');
  await page.keyboard.press('Escape');
  await page.getByTestId('scan-prompt').waitFor();

  // A notice already paid: a refusal.
  await scan(DEMO_NOTICES.alreadyPaid.qr, 'flow-message');
  await check('refusal');

  // pagoPA unreachable: offline quote, offline receipt, an outcome in the queue.
  const sim = simAdminUrl(served);
  await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'http503' });
  await scan(DEMO_NOTICES.multiTransfer.qr, 'notice-card', 30_000);
  await page.getByTestId('offline-banner').waitFor();
  await check('offline quote');
  await page.getByTestId('pay-cash').click();
  await page.getByTestId('cash-confirm').click();
  await page.getByTestId('done-panel').waitFor();
  await check('offline receipt');
  // An offline payment pagoPA has not seen can be voided.
  await page.keyboard.press('F7');
  await page.getByTestId('void-dialog').waitFor();
  await check('void');
  await esc('void-dialog');
  await page.getByTestId('new-payment').click();

  await page.keyboard.press('F3');
  await page.getByTestId('recent-payments').locator('table').waitFor();
  await check('recent payments');
  await esc('recent-dialog');
  await page.keyboard.press('F8');
  await page.getByTestId('exceptions-inbox').waitFor();
  await check('exceptions');
  await esc('exceptions-dialog');

  // Technician: locked, wrong PIN, then every tab with the outcome still queued.
  await page.keyboard.press('F12');
  await page.getByRole('heading', { name: M.tech.locked }).waitFor();
  await check('technician locked');
  for (const d of '1111') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: M.keypad.confirm }).click();
  await page.getByRole('alert').waitFor();
  await check('technician wrong PIN');
  for (const d of '000000') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: M.keypad.confirm }).click();
  await page.getByTestId('device-printer').waitFor();
  await check('technician devices');
  await page.getByTestId('diag-printer-status').click();
  await page.getByTestId('diag-result').first().waitFor({ timeout: 20_000 });
  await check('technician diagnostics');
  await page.getByTestId('tab-node').click();
  await page.getByTestId('queue-pending').waitFor();
  await page.getByTestId('node-check').click();
  await page.getByTestId('node-check-result').waitFor({ timeout: 20_000 });
  // The offline payment waits in the queue: its row is read too, in words.
  expect(await page.locator('[data-testid="queue-kind"][data-kind="offline-payment"]').first().innerText()).toBe(M.tech.queue.kinds['offline-payment']);
  await check('technician node and queue');
  // Every other tab, whatever tabs the screen has.
  const tabs = (await page.getByRole('tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).filter((id) => !['tab-devices', 'tab-node'].includes(id));
  expect(tabs.length).toBeGreaterThan(4);
  for (const tab of tabs) {
    await page.getByTestId(tab).click();
    await new Promise((r) => setTimeout(r, 500));
    await check(`technician ${tab}`);
  }
  await admin(sim, 'POST', '/admin/faults/clear');
  await page.getByTestId('tech-exit').click();
  await page.getByTestId('scan-prompt').waitFor();

  // Logging out with the shift open asks first.
  await page.locator('[data-testid="idle-shift"][data-open="true"]').waitFor();
  await page.keyboard.press('F10');
  await page.getByTestId('logout-dialog').waitFor();
  await check('logout with the shift open');
  await esc('logout-dialog');
}

async function walkKiosk(kiosk: Served): Promise<void> {
  await page.bringToFront();
  await page.getByTestId('attract').waitFor({ timeout: 20_000 });
  await chooseLanguage();
  await check('kiosk start');
  await page.getByTestId('kiosk-manual').click();
  await page.getByTestId('manual-entry').waitFor();
  await check('kiosk manual entry');
  await esc('manual-entry');
  await page.getByTestId('kiosk-bollo-open').click();
  await page.getByTestId('kiosk-bollo').waitFor();
  await check('kiosk car tax');
  await page.keyboard.press('Escape');
  await page.getByTestId('attract').waitFor();
  await scan(DEMO_NOTICES.plain.qr, 'kiosk-quote');
  await check('kiosk quote');
  // Nobody touches the screen: the idle warning.
  await page.getByTestId('idle-warning').waitFor({ timeout: 15_000 });
  await check('kiosk idle warning');
  await page
    .getByTestId('kiosk-cancel')
    .click({ force: true })
    .catch(() => undefined);
  await page.getByTestId('attract').waitFor({ timeout: 40_000 });
  await chooseLanguage();
  const lab = labAdminUrl(kiosk);
  await admin(lab, 'POST', '/printer/paper?state=out');
  try {
    await page.getByTestId('out-of-service').waitFor({ timeout: 20_000 });
    await check('kiosk out of service');
  } finally {
    await admin(lab, 'POST', '/printer/paper?state=ok');
  }
}

/** Every screen was read (a walk that reads nothing cannot pass), and nothing was in the other language. */
function verdict(): void {
  for (const [screen, n] of seen) expect(n, screen).toBeGreaterThan(3);
  expect(found).toEqual([]);
}

for (const l of ['it', 'en'] as const) {
  describe(`no untranslated string on any screen (${l})`, () => {
    it(`counter: login, errors, quote, manual entry, car tax, shift, cash, receipt, void, cart, offline, recent, exceptions, technician (${l})`, async () => {
      lang = l;
      found.length = 0;
      seen.clear();
      const served = await startServe({ mode: 'counter' });
      try {
        page = await newPage(browser, served.url);
        await walkCounter(served);
        verdict();
      } catch (e) {
        await shot(page, `FAILED-i18n-${lang}-${Date.now()}`, false).catch(() => undefined);
        throw e;
      } finally {
        if (found.length) console.log(found.join('\n'));
        await page.context().close();
        await served.stop();
      }
    }, 240_000);

    it(`kiosk: start, manual entry, car tax, quote, idle warning, out of service (${l})`, async () => {
      lang = l;
      found.length = 0;
      seen.clear();
      const kiosk = await startServe({ mode: 'kiosk', config: { terminal: { mode: 'kiosk' }, ui: { kioskIdleSeconds: 4, kioskIdleWarningSeconds: 30 } } });
      try {
        page = await newPage(browser, kiosk.url, { width: 1080, height: 1200 });
        await walkKiosk(kiosk);
        verdict();
      } catch (e) {
        await shot(page, `FAILED-i18n-${lang}-${Date.now()}`, false).catch(() => undefined);
        throw e;
      } finally {
        if (found.length) console.log(found.join('\n'));
        await page.context().close();
        await kiosk.stop();
      }
    }, 120_000);
  });
}
