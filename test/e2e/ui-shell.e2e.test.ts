// The UI without money: operator login, the language switch, the technician screen, accessibility.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, eventually, launchBrowser, loginAs, newPage, pageErrors, shot, startServe, type Served } from './harness';

let browser: Browser;
let served: Served;
let page: Page;

beforeAll(async () => {
  [browser, served] = await Promise.all([launchBrowser(), startServe({ mode: 'counter' })]);
  page = await newPage(browser, served.url);
});

afterEach(async (ctx) => {
  // A failed step leaves a picture of the screen behind (test-results/e2e/FAILED-*.png).
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await served?.stop();
});

describe('counter shell (real serve, Chromium)', () => {
  it('shows the operator login with a numeric keypad, accessible', async () => {
    await page.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    await page.getByTestId('operator-mario').click();
    expect(await page.getByRole('group', { name: 'PIN' }).getByRole('button').count()).toBe(12);
    await shot(page, 'login');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a wrong PIN, then logs in with the right one', async () => {
    for (const d of '9999') await page.getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: 'Conferma' }).click();
    await expect(page.getByText('PIN errato.').waitFor()).resolves.toBeUndefined();
    await loginAs(page, 'mario', '1234');
    await expect(page.getByTestId('operator-name').textContent()).resolves.toBe('Mario Rossi');
    await page.getByTestId('status-node').waitFor();
    await shot(page, 'counter-idle');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches language on the spot, every visible string included', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Scan the notice' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const text = await page.locator('body').innerText();
    for (const italian of ['Scansiona', 'Inserimento manuale', 'Eccezioni', 'Esci', 'Stampante']) expect(text).not.toContain(italian);
    await shot(page, 'counter-idle-en');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('heading', { name: "Scansiona l'avviso" }).waitFor();
  });

  it('validates manual entry while typing (F2), and Esc goes back', async () => {
    await page.keyboard.press('F2');
    const dialog = page.getByTestId('manual-entry');
    await dialog.waitFor();
    await page.getByLabel('Codice avviso (18 cifre)').fill('3007 1570 0000');
    await expect(dialog.getByText('12 cifre su 18').count()).resolves.toBe(1);
    await expect(page.getByTestId('manual-submit').isDisabled()).resolves.toBe(true);
    await page.getByLabel('Codice avviso (18 cifre)').fill('9007157000000000321');
    await dialog.getByText('Il codice avviso ha 18 cifre.').waitFor();
    await page.getByLabel('Codice avviso (18 cifre)').fill('3007 1570 0000 0000 32');
    await page.getByLabel('Codice fiscale ente creditore (11 cifre)').fill('00085240950');
    await expect(page.getByTestId('manual-submit').isEnabled()).resolves.toBe(true);
    await shot(page, 'counter-manual-entry');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens the shift panel (F9), opens a shift and shows the X report', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('shift-dialog').waitFor();
    await page.getByTestId('shift-state').waitFor();
    const openBtn = page.getByTestId('shift-open');
    if (await openBtn.count()) {
      await page.getByLabel('Fondo cassa iniziale').fill('100,00');
      await openBtn.click();
    }
    await page.getByTestId('shift-close').waitFor();
    await page.getByTestId('report-x-button').click();
    await page.getByTestId('report-x').waitFor();
    await shot(page, 'counter-shift-x');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('technician screen: PIN, live devices, node check, configuration without secrets', async () => {
    await page.keyboard.press('F12');
    await page.getByRole('heading', { name: 'Area tecnica' }).waitFor();
    for (const d of '000000') await page.getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: 'Conferma' }).click();
    await page.getByTestId('tab-devices').waitFor();
    await page.getByTestId('device-printer').waitFor();
    // A diagnostics run on the virtual devices: test print and terminal status, answered by the devices.
    if (!served.missing.includes('devices/diagnostic')) {
      await page.getByTestId('diag-printer-test').click();
      await page.locator('[data-testid="diag-result"][data-ok="true"]').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('diag-terminal-status').click();
      await eventually(async () => (await page.getByTestId('diag-result').count()) >= 2, 'the terminal status result');
      expect(await page.locator('[data-testid="diag-result"][data-ok="false"]').count()).toBe(0);
    }
    await shot(page, 'technician-devices');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('tab-node').click();
    await page.getByTestId('node-check').click();
    await page.getByTestId('node-check-result').waitFor();
    await page.getByTestId('tab-config').click();
    const json = await page.getByLabel('Configurazione (JSON)').inputValue();
    expect(json).toContain('"idPSP"');
    expect(json).not.toContain('pwdpwdpwd');
    await shot(page, 'technician-config');
    await page.getByTestId('tab-info').click();
    await page.getByTestId('info-table').waitFor();
    await page.getByTestId('tech-exit').click();
    await page.getByTestId('scan-prompt').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
