// The technician screen against the project's own virtual devices and node simulator (issue #11 §8):
// terminal totals after card sales, the scanner echo through the default keyboard wedge, the queue that
// refreshes by itself, sync feedback with the node down, log lines that say what failed, configuration
// secrets, one drawer state, three different printer test pages, the PIN from the physical keyboard.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_NOTICES } from '../../src/main/node-sim/seed';
import { admin, axeViolations, eventually, labAdminUrl, launchBrowser, loginAs, newPage, pageErrors, requireDemo, shot, simAdminUrl, startServe, wedgeScan, type Served } from './harness';

let browser: Browser;
let served: Served;
let page: Page;

beforeAll(async () => {
  // The default devices: virtual printer and card terminal, the keyboard wedge as the only scanner.
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

async function ensureShift(p: Page): Promise<void> {
  await p.keyboard.press('F9');
  await p.getByTestId('shift-dialog').waitFor();
  await p.getByTestId('shift-state').waitFor();
  const open = p.getByTestId('shift-open');
  if (await open.count()) {
    await p.getByLabel('Fondo cassa iniziale').fill('150');
    await open.click();
    await p.getByTestId('shift-close').waitFor();
  }
  await p.keyboard.press('Escape');
  await p.getByTestId('shift-dialog').waitFor({ state: 'detached' });
  await p.getByTestId('scan-prompt').waitFor();
}

/** The notice by manual entry (F2): these scenarios are about the technician, not the wedge timing. */
async function enterNotice(p: Page, n: { noticeNumber: string; fiscalCode: string }): Promise<void> {
  await p.keyboard.press('F2');
  await p.getByTestId('manual-entry').waitFor();
  await p.getByLabel('Codice avviso (18 cifre)').fill(n.noticeNumber);
  await p.getByLabel('Codice fiscale ente creditore (11 cifre)').fill(n.fiscalCode);
  await p.getByTestId('manual-submit').click();
  await p.getByTestId('notice-card').waitFor({ timeout: 20_000 });
}

/** A QR by the wedge (offline, only the QR carries the amount); one more scan if a loaded machine split the burst. */
async function scanQr(p: Page, qr: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await wedgeScan(p, qr);
    const shown = await Promise.race([
      p
        .getByTestId('notice-card')
        .waitFor({ timeout: 20_000 })
        .then(() => 'card' as const),
      p
        .getByText('Codice non valido')
        .waitFor({ timeout: 20_000 })
        .then(() => 'refused' as const),
    ]);
    if (shown === 'card' || attempt > 0) break;
  }
  await p.getByTestId('notice-card').waitFor({ timeout: 20_000 });
}

async function cardSale(n: { noticeNumber: string; fiscalCode: string }): Promise<void> {
  await enterNotice(page, n);
  await page.getByTestId('pay-card').click();
  await page.getByTestId('done-panel').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('attention-panel').count()).toBe(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('scan-prompt').waitFor();
}

/** Opens the technician screen with the PIN pressed on the on-screen keypad. */
async function openTech(): Promise<void> {
  await page.keyboard.press('F12');
  await page.getByRole('heading', { name: 'Area tecnica' }).waitFor();
  for (const d of '000000') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Conferma' }).click();
  await page.getByTestId('tab-devices').waitFor();
}

async function closeTech(): Promise<void> {
  await page.getByTestId('tech-exit').click();
  await page.getByTestId('scan-prompt').waitFor();
}

/** Runs one diagnostic and returns its (newest) result. */
async function diag(action: string, timeout = 25_000): Promise<{ ok: boolean; text: string }> {
  const before = await page.locator(`[data-testid="diag-result"][data-action="${action}"]`).count();
  await page.getByTestId(`diag-${action}`).click();
  await eventually(async () => (await page.locator(`[data-testid="diag-result"][data-action="${action}"]`).count()) > before, `the ${action} result`, timeout);
  const li = page.locator(`[data-testid="diag-result"][data-action="${action}"]`).first();
  return { ok: (await li.getAttribute('data-ok')) === 'true', text: await li.innerText() };
}

type LabState = { terminal: { totals: { count: number; totalCents: number }; received: Record<string, number> } };

describe('technician screen against the virtual devices (issue #11 §8)', () => {
  it('"Totali POS" answers after card sales, even when the terminal repeats a result whose ACK it missed', async () => {
    requireDemo(served, ['payment/collectCard', 'devices/diagnostic'], { sim: true, lab: true });
    const lab = labAdminUrl(served);
    await ensureShift(page);
    // The ECR's ACK of each result is lost: the terminal sends the result again, unasked.
    await admin(lab, 'POST', '/terminal/scenario?name=lost-ack');
    try {
      await cardSale(DEMO_NOTICES.plain);
      await cardSale(DEMO_NOTICES.second);
    } finally {
      await admin(lab, 'POST', '/terminal/scenario?name=approve');
    }
    const state = (await admin(lab, 'GET', '/state')) as LabState;
    expect(state.terminal.totals.count).toBe(2);
    expect(state.terminal.received.P).toBe(2);
    await openTech();
    const status = await diag('terminal-status');
    expect(status.ok).toBe(true);
    // The transcript reads in the screen's language (labels and the drivers' fixed words).
    expect(status.text).toContain('Stato: pronto');
    expect(status.text).not.toMatch(/^state: /m);
    const totals = await diag('terminal-totals');
    expect(totals.text).not.toContain('not a totals reply');
    expect(totals.ok).toBe(true);
    expect(totals.text).toContain('Transazioni: 2');
    expect(totals.text).toContain(`Totale: € ${(state.terminal.totals.totalCents / 100).toFixed(2).replace('.', ',')}`);
    expect(pageErrors(page)).toEqual([]);
  });

  it('scanner echo: a wedge scan passes, with a visible countdown; nothing scanned fails after 10 s', async () => {
    const qr = DEMO_NOTICES.plain.qr;
    const countdown = page.getByTestId('scanner-echo-countdown');
    const li = page.locator('[data-testid="diag-result"][data-action="scanner-echo"]').first();
    let text = '';
    // A loaded machine can split a wedge burst (the echo then shows what arrived): one more scan then.
    for (let attempt = 0; attempt < 2 && !text.includes(JSON.stringify(qr)); attempt++) {
      await page.getByTestId('diag-scanner-echo').click();
      await countdown.waitFor();
      expect(await countdown.innerText()).toMatch(/ancora (10|9) s/);
      if (attempt === 0) await shot(page, 'technician-scanner-echo', false);
      await wedgeScan(page, qr);
      await countdown.waitFor({ state: 'detached' });
      expect(await li.getAttribute('data-ok')).toBe('true');
      text = await li.innerText();
    }
    expect(text).toContain(`wedge: ${JSON.stringify(qr)}`);
    expect(text).toContain(`pagoPA notice ${DEMO_NOTICES.plain.noticeNumber}`);

    const started = Date.now();
    await page.getByTestId('diag-scanner-echo').click();
    await countdown.waitFor();
    await eventually(async () => /ancora [1-8] s/.test(await countdown.innerText()), 'the countdown to go down');
    expect(await axeViolations(page)).toEqual([]); // with the countdown on screen
    await countdown.waitFor({ state: 'detached', timeout: 15_000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(9_500);
    expect(elapsed).toBeLessThan(13_000);
    const failed = page.locator('[data-testid="diag-result"][data-action="scanner-echo"]').first();
    expect(await failed.getAttribute('data-ok')).toBe('false');
    expect(await failed.innerText()).toContain('nessuna scansione entro 10 s');
  }, 40_000);

  it('the three printer test buttons print three different pages', async () => {
    const lab = labAdminUrl(served);
    const jobsBefore = ((await admin(lab, 'GET', '/printer/text')) as { jobs: string[] }).jobs.length;
    for (const a of ['printer-test', 'printer-codepage', 'printer-qr']) expect((await diag(a)).ok).toBe(true);
    const jobs = ((await admin(lab, 'GET', '/printer/text')) as { jobs: string[] }).jobs;
    expect(jobs.length).toBe(jobsBefore + 3);
    const [full, codepage, codes] = jobs.slice(-3) as [string, string, string];
    expect(new Set([full, codepage, codes]).size).toBe(3);
    expect(full).toContain('PAGINA DI PROVA');
    expect(full).toContain('QR (pagoPA)');
    expect(codepage).toContain('PROVA CARATTERI');
    expect(codepage).toMatch(/à è é ì ò ù/);
    expect(codepage).not.toContain('QR (pagoPA)');
    expect(codes).toContain('PROVA QR E CODICE A BARRE');
    expect(codes).toContain('Code 128');
    expect(codes).not.toContain('Accenti');
  });

  it('the drawer shows one state: open after the test pulse, never "pronto" next to "open"', async () => {
    const card = page.getByTestId('device-drawer');
    expect((await diag('drawer-open')).ok).toBe(true);
    await eventually(async () => /aperto/.test(await card.innerText()), 'the drawer to read "aperto"');
    const text = await card.innerText();
    expect(text).not.toMatch(/pronto/);
    expect(text).not.toMatch(/\bopen\b/);
    await shot(page, 'technician-drawer-open', false);
  });

  it('the configuration shows no "password": null while Segreti says the password is set', async () => {
    await page.getByTestId('tab-config').click();
    const json = await page.getByLabel('Configurazione (JSON)').inputValue();
    expect(json).toContain('"idPSP"');
    expect(json).not.toMatch(/"password"\s*:/);
    expect(json).not.toMatch(/"subscriptionKey"\s*:|"clientSecret"\s*:/);
    expect(json).not.toContain('pwdpwdpwd');
    expect(await page.getByText('node.password — impostato').count()).toBe(1);
  });

  it('the queue refreshes by itself; "Sincronizza ora" with the node down says so; the log says what failed', async () => {
    requireDemo(served, ['queue/syncNow', 'payment/collectCash'], { sim: true });
    const sim = simAdminUrl(served);
    await page.getByTestId('tab-node').click();
    await page.getByTestId('queue-pending').waitFor();
    const n = DEMO_NOTICES.multiTransfer;
    const row = page.locator('tr', { hasText: n.noticeNumber });
    expect(await row.count()).toBe(0);
    await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'http503' });
    // A clerk's counter in another window takes an offline payment: it is queued for the node.
    const counter = await newPage(browser, served.url);
    try {
      await counter.bringToFront(); // the window the scanner types into
      await counter.getByTestId('scan-prompt').waitFor();
      await scanQr(counter, n.qr);
      await counter.getByTestId('offline-banner').waitFor();
      await counter.getByTestId('pay-cash').click();
      await counter.getByTestId('cash-confirm').click();
      await counter.getByTestId('done-panel').waitFor();
    } catch (e) {
      await shot(counter, 'FAILED-technician-counter-window', false);
      throw e;
    } finally {
      await counter.context().close();
      await page.bringToFront();
    }
    // No reload, no click: the technician's table shows the queued payment.
    await row.waitFor({ timeout: 10_000 });
    await page.getByTestId('queue-sync').click();
    const result = page.getByTestId('queue-sync-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('Nodo pagoPA non raggiungibile: nessun esito inviato.');
    await shot(page, 'technician-sync-node-down', false);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('queue-sync').click();
    await eventually(async () => (await result.innerText()).includes('pagoPA node unreachable: no outcome was sent.'), 'the English sync message');
    await page.getByRole('button', { name: 'Italiano' }).click();

    // The node check's failed call, in the log: operation, host, class and HTTP status.
    await page.getByTestId('node-check').click();
    await page.locator('[data-testid="node-check-result"][data-online="false"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('tab-logs').click();
    const host = new URL(simAdminUrl(served)!).host;
    await eventually(async () => (await page.getByRole('log').innerText()).includes(`to ${host} failed: http HTTP 503`), 'the failed node call in the log');
    expect(await page.getByRole('log').innerText()).toMatch(/node call verifyPaymentNotice to \S+ failed: http HTTP 503/);

    await admin(sim, 'POST', '/admin/faults/clear');
    await page.getByTestId('tab-node').click();
    await page.getByTestId('queue-sync').click();
    await eventually(async () => (await page.getByTestId('queue-sync-result').innerText()).includes('Sincronizzazione eseguita'), 'the sync report');
    await eventually(async () => (await row.count()) === 0, 'the delivered payment to leave the queue');
    await closeTech();
    expect(pageErrors(page)).toEqual([]);
  }, 90_000);

  it('the technician PIN from the physical keyboard: digits, Backspace, Enter', async () => {
    await page.keyboard.press('F12');
    await page.getByRole('heading', { name: 'Area tecnica' }).waitFor();
    // A wrong digit, taken back with Backspace, then the PIN and Enter: no on-screen key pressed.
    await page.keyboard.press('9');
    await page.keyboard.press('Backspace');
    for (const d of '000000') await page.keyboard.press(d);
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-devices').waitFor();
    await closeTech();
    expect(pageErrors(page)).toEqual([]);
  });
});
