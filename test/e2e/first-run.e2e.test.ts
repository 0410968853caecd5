// Production first run in Chromium (issue #10 §2): `sportello serve` with a configured (external) node has
// no demo accounts, so the counter shows the first-run screen instead of the login; it creates the first
// supervisor through the core, then the normal login follows. A second first-run form is refused by the core.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { axeViolations, launchBrowser, loginAs, newPage, pageErrors, shot, startServe, type Served } from './harness';

let browser: Browser;
let sim: NodeSimulator;
let served: Served;
let page: Page;
let late: Page;

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  // An external node URL and its password: production mode, no embedded simulator, no demo account.
  [browser, served] = await Promise.all([launchBrowser(), startServe({ mode: 'counter', config: { node: { url: sim.soapUrl, password: 'pwdpwdpwd' } } })]);
  page = await newPage(browser, served.url);
  // A second window that shows the first-run form before anybody fills in the first one.
  late = await newPage(browser, served.url);
}, 90_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
  if (ctx.task.result?.state === 'fail' && late) await shot(late, `FAILED-late-${ctx.task.name.slice(0, 34).replace(/[^a-z0-9]+/gi, '-')}`, false);
});

afterAll(async () => {
  await page?.context().close();
  await late?.context().close();
  await browser?.close();
  await served?.stop();
  await sim?.close();
});

async function fill(p: Page, id: string, name: string, pin: string, confirm: string): Promise<void> {
  await p.getByLabel('Codice operatore').fill(id);
  await p.getByLabel('Nome e cognome').fill(name);
  await p.getByLabel('PIN', { exact: true }).fill(pin);
  await p.getByLabel('Ripeti il PIN').fill(confirm);
}

describe('first run without operators (production config, real serve, Chromium)', () => {
  it('asks for the first supervisor instead of the login, accessible', async () => {
    await page.getByRole('heading', { name: 'Primo avvio: il primo supervisore' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Accesso operatore' }).count()).toBe(0);
    expect(await page.locator('[data-testid^="operator-"]').count()).toBe(0); // no demo account
    await late.getByRole('heading', { name: 'Primo avvio: il primo supervisore' }).waitFor();
    await fill(page, 'boss', 'Carla Neri', '739164', '739164');
    await shot(page, 'first-run');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses PINs that differ and a PIN the core does not accept; nothing is created', async () => {
    await fill(page, 'boss', 'Carla Neri', '739164', '739165');
    await page.getByText('I due PIN non coincidono.').first().waitFor();
    await page.getByTestId('first-run-create').click();
    await page.getByRole('heading', { name: 'Primo avvio: il primo supervisore' }).waitFor();
    await fill(page, 'boss', 'Carla Neri', '12', '12'); // too short: refused by the core, not the form
    await page.getByTestId('first-run-create').click();
    await page.getByText('Dati non accettati').waitFor();
    await expect(page.getByText(/the PIN must be 4 to 12 digits/).textContent()).resolves.toBeTruthy();
    expect(await page.locator('[data-testid^="operator-"]').count()).toBe(0);
  });

  it('creates the supervisor, then the normal login with the chosen PIN', async () => {
    await fill(page, 'boss', 'Carla Neri', '739164', '739164');
    await page.getByTestId('first-run-create').click();
    await page.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    await loginAs(page, 'boss', '739164');
    await expect(page.getByTestId('operator-name').textContent()).resolves.toBe('Carla Neri');
    // The terminal has one session (shared by its windows): log out so the other window meets the login.
    await page.getByRole('button', { name: /Esci/ }).click();
    await page.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('a first-run form still open elsewhere is refused by the core and goes to the login', async () => {
    await fill(late, 'eve', 'Eva Intrusa', '111111', '111111');
    await late.getByTestId('first-run-create').click();
    await late.getByText('Esiste già un operatore: accedi con le tue credenziali.').waitFor();
    await late.getByTestId('first-run-to-login').click();
    await late.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    // Only the first supervisor exists: eve was not created.
    await late.getByTestId('operator-boss').waitFor();
    expect(await late.getByTestId('operator-eve').count()).toBe(0);
    // Reloading shows the login, never the first-run screen again.
    await late.reload();
    await late.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    expect(await late.getByTestId('first-run').count()).toBe(0);
  });
});
