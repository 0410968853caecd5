// Bollo auto (issue #13) end to end in Chromium, against `sportello serve` with the embedded node simulator
// and the virtual devices: at the counter (cash, plate on the printed receipt), a wrong plate, a plate with
// nothing due, the node down (clear refusal, nothing taken offline); at the kiosk by card with the plate
// typed on the on-screen keyboard; the technician's catalogue tab.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildQrPayload } from '../../src/common/notice';
import { generatePositions } from '../../src/main/node-sim/seed';
import { admin, axeViolations, eventually, labAdminUrl, launchBrowser, ledger, loginAs, newPage, pageErrors, requireDemo, shot, simAdminUrl, startServe, wedgeScan, type Served } from './harness';

const BOLLO = ['spontaneous/services', 'spontaneous/demand', 'spontaneous/catalogue', 'payment/begin', 'payment/collectCash', 'payment/collectCard'];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const printedJobs = async (served: Served): Promise<string[]> => ((await admin(labAdminUrl(served), 'GET', '/printer/text')) as { jobs: string[] }).jobs;

describe('bollo auto at the counter', () => {
  let served: Served;
  let page: Page;
  beforeAll(async () => {
    served = await startServe({ mode: 'counter' });
    page = await newPage(browser, served.url);
    await loginAs(page, 'mario', '1234');
    // Money only inside a shift.
    await page.keyboard.press('F9');
    await page.getByTestId('shift-dialog').waitFor();
    await page.getByTestId('shift-state').waitFor();
    if (await page.getByTestId('shift-open').count()) {
      await page.getByLabel('Fondo cassa iniziale').fill('150');
      await page.getByTestId('shift-open').click();
      await page.getByTestId('shift-close').waitFor();
    }
    await page.keyboard.press('Escape');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
  });
  afterAll(async () => {
    await page?.context().close();
    await served?.stop();
  });

  const openBollo = async () => {
    await page.getByTestId('scan-prompt').waitFor();
    await page.keyboard.press('F1');
    await page.getByTestId('spontaneous-form').waitFor();
  };
  const demand = async (plate: string) => {
    await page.getByTestId('spontaneous-plate').fill(plate);
    await page.getByTestId('spontaneous-submit').click();
  };

  it('a wrong plate: the mistake is named under the field and nothing is asked to pagoPA', async () => {
    requireDemo(served, BOLLO, { sim: true, lab: true });
    await openBollo();
    // The terminal's region (Lazio) is preselected, the vehicle type defaults to "autoveicolo".
    expect(await page.getByTestId('spontaneous-service').inputValue()).toBe('00101');
    expect(await page.getByTestId('spontaneous-vehicleType-1').isChecked()).toBe(true);
    const before = ((await admin(simAdminUrl(served), 'GET', '/admin/positions')) as unknown[]).length;
    await demand('AB12345');
    const err = page.getByTestId('field-error-plate');
    await err.waitFor();
    expect(await err.getAttribute('data-code')).toBe('plate-is-moto');
    expect(await err.innerText()).toContain('Motoveicolo');
    await shot(page, 'counter-bollo-wrong-plate');
    expect(await axeViolations(page)).toEqual([]);
    await demand('AB1O3CD');
    await eventually(async () => (await err.getAttribute('data-code')) === 'plate-letters-ioqu', 'the I/O/Q/U message');
    expect(((await admin(simAdminUrl(served), 'GET', '/admin/positions')) as unknown[]).length).toBe(before);
    await page.keyboard.press('Escape');
  });

  it('nothing due: a clear refusal, the clerk can correct the plate', async () => {
    await openBollo();
    await demand('ZZ999ZZ');
    const m = page.getByTestId('spontaneous-message');
    await m.waitFor();
    expect(await m.innerText()).toContain('Nulla da pagare');
    await page.keyboard.press('Escape');
  });

  it('paid in cash: demand → notice card → cash → receipt with the plate', async () => {
    await openBollo();
    await demand('ab 123 cd');
    await page.getByTestId('notice-card').waitFor();
    expect(await page.getByTestId('notice-creditor').textContent()).toBe('Regione Lazio');
    expect(await page.getByTestId('notice-card').innerText()).toContain('AB123CD');
    await shot(page, 'counter-bollo-quote');
    await page.keyboard.press('F4');
    await page.getByTestId('cash-panel').waitFor();
    await page.getByTestId('cash-tendered').fill('300');
    await page.keyboard.press('Enter');
    await page.getByTestId('done-panel').waitFor();
    await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
    await page.getByTestId('receipt-preview').waitFor();
    await shot(page, 'counter-bollo-receipt');
    const receipt = (await printedJobs(served)).at(-1) ?? '';
    expect(receipt).toContain('ATTESTAZIONE DI PAGAMENTO');
    expect(receipt).toContain('Tassa automobilistica - Regione Lazio');
    expect(receipt).toMatch(/Targa\s+AB123CD/);
    const ok = await eventually(async () => {
      const e = (await ledger(served)).filter((x) => x.fiscalCode === '80143490581' && x.outcome === 'OK');
      return e.length > 0 ? e : null;
    }, 'the OK outcome at the node');
    expect(ok).toEqual([expect.objectContaining({ amountCents: 24_530 })]);
    await page.keyboard.press('Escape');
  });

  it('the second catalogue service uses the same form, built from its own definition', async () => {
    await openBollo();
    await page.getByTestId('spontaneous-service').selectOption('00201');
    await page.getByTestId('spontaneous-permit').waitFor();
    expect(await page.getByTestId('spontaneous-plate').count()).toBe(0);
    await page.getByTestId('spontaneous-permit').fill('MI12');
    await page.getByTestId('spontaneous-year').fill('2026');
    await page.getByTestId('spontaneous-submit').click();
    await page.getByTestId('field-error-permit').waitFor();
    await page.getByTestId('spontaneous-permit').fill('mi123456');
    await page.getByTestId('spontaneous-submit').click();
    await page.getByTestId('notice-card').waitFor();
    expect(await page.getByTestId('notice-creditor').textContent()).toBe('Comune di Milano');
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('node down: a clear refusal saying spontaneous payments are never taken offline', async () => {
    await page.getByTestId('scan-prompt').waitFor();
    await admin(simAdminUrl(served), 'POST', '/admin/faults', { operation: '*', kind: 'reset' });
    try {
      await openBollo();
      await demand('EF456GH');
      const m = page.getByTestId('spontaneous-message');
      await m.waitFor({ timeout: 20_000 });
      const text = await m.innerText();
      expect(text).toContain('pagoPA non raggiungibile');
      expect(text).toContain('non possono essere accettati offline');
      await shot(page, 'counter-bollo-node-down');
      // No quote, so nothing can be collected (let alone queued offline).
      expect(await page.getByTestId('notice-card').count()).toBe(0);
    } finally {
      await admin(simAdminUrl(served), 'DELETE', '/admin/faults');
    }
    await page.keyboard.press('Escape');
    expect(pageErrors(page)).toEqual([]);
  });

  it('bollo auto in a cart (issue #12 + #13): added to a cart being built, and a bollo on screen joins the cart a scan starts', async () => {
    const sim = simAdminUrl(served);
    await admin(sim, 'POST', '/admin/catalogue/debts', [{ service: 'TassaAutomobilistica_1_1_0', key: '1|GH789JK', amountCents: 15_000, description: 'Tassa automobilistica 2026 - GH789JK' }]);
    const notices = generatePositions(3, 717).map((p, i) => ({ ...p, amountCents: 2_000 + i * 500 }));
    await admin(sim, 'POST', '/admin/positions', { positions: notices });
    const qr = (n: (typeof notices)[number]) => buildQrPayload({ noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, amountCents: n.amountCents });
    /** A wedge scan a loaded machine may split: scanned again until `ready`, as a clerk would. */
    const scan = async (code: string, ready: () => Promise<unknown>) => {
      for (let attempt = 1; ; attempt++) {
        await wedgeScan(page, code);
        try {
          await ready();
          return;
        } catch (e) {
          if (attempt === 3) throw e;
          if (await page.getByTestId('cart-adding').count()) await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
        }
      }
    };
    const cartOf = (n: number) => page.locator(`[data-testid="cart"][data-count="${n}"]`).waitFor({ timeout: 8_000 });
    const payCash = async () => {
      await page.keyboard.press('F4');
      await page.getByTestId('cash-panel').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('done-panel').waitFor();
      await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
    };

    // Two notices scanned (a cart), then F1 Bollo auto: the demanded notice is its third line.
    await page.getByTestId('scan-prompt').waitFor();
    await scan(qr(notices[0]!), () => page.getByTestId('notice-card').waitFor({ timeout: 8_000 }));
    await scan(qr(notices[1]!), () => cartOf(2));
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
    await page.keyboard.press('F1');
    await page.getByTestId('spontaneous-form').waitFor();
    await demand('GH789JK');
    await cartOf(3);
    expect(await page.getByTestId('cart').innerText()).toContain('Regione Lazio');
    await shot(page, 'counter-bollo-in-cart');
    await payCash();
    expect(await page.getByTestId('done-notice').count()).toBe(3);
    expect((await printedJobs(served)).at(-1)).toContain('GH789JK');
    for (const n of notices.slice(0, 2)) await eventually(async () => (await ledger(served)).some((e) => e.noticeNumber === n.noticeNumber && e.outcome === 'OK'), `the OK of ${n.noticeNumber}`);
    await eventually(async () => (await ledger(served)).some((e) => e.amountCents === 15_000 && e.outcome === 'OK'), 'the OK of the bollo');
    await page.keyboard.press('Escape');

    // The bollo first, on screen on its own; the next scan puts both in one cart, the bollo as it is.
    await openBollo();
    await demand('RM123456');
    await page.getByTestId('notice-card').waitFor();
    await scan(qr(notices[2]!), () => cartOf(2));
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
    await payCash();
    expect(await page.getByTestId('done-notice').count()).toBe(2);
    expect((await printedJobs(served)).at(-1)).toContain('RM123456');
    await eventually(async () => (await ledger(served)).some((e) => e.amountCents === 31_275 && e.outcome === 'OK'), 'the OK of the second bollo');
    await page.keyboard.press('Escape');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('the technician sees the catalogue date and the collectable services', async () => {
    await page.keyboard.press('F12');
    await page.getByRole('button', { name: '0', exact: true }).waitFor();
    for (const d of '000000') await page.getByRole('button', { name: d, exact: true }).click();
    await page
      .getByRole('button', { name: /conferma|confirm/i })
      .first()
      .click();
    await page.getByTestId('tab-catalogue').click();
    await page.getByTestId('catalogue-tab').waitFor();
    expect(await page.getByTestId('catalogue-date').innerText()).toMatch(/\d{4}|\d{2}\/\d{2}/);
    const collectable = page.locator('[data-testid="catalogue-entry"][data-collectable="true"]');
    expect(await collectable.count()).toBe(3);
    expect(await page.getByTestId('catalogue-tab').innerText()).toContain('Regione Piemonte');
    await shot(page, 'technician-catalogue');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('tech-exit').click();
  });
});

describe('bollo auto at the kiosk', () => {
  let served: Served;
  let page: Page;
  beforeAll(async () => {
    served = await startServe({ mode: 'kiosk', config: { terminal: { mode: 'kiosk' } } });
    page = await newPage(browser, served.url, { width: 1080, height: 1400 });
    await page.getByTestId('kiosk').waitFor();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-kiosk-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
  });
  afterAll(async () => {
    await page?.context().close();
    await served?.stop();
  });

  it('by card, the plate typed on the on-screen keyboard', async () => {
    requireDemo(served, BOLLO, { sim: true, lab: true });
    await page.getByTestId('attract').waitFor({ timeout: 20_000 });
    await page.getByTestId('kiosk-bollo-open').click();
    await page.getByTestId('spontaneous-form').waitFor();
    const osk = page.getByTestId('on-screen-keyboard');
    await osk.waitFor();
    for (const k of 'EF456GH') await osk.locator(`[data-key="${k}"]`).click();
    expect(await page.getByTestId('spontaneous-plate').inputValue()).toBe('EF456GH');
    await shot(page, 'kiosk-bollo');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('spontaneous-submit').click();
    await page.getByTestId('kiosk-quote').waitFor();
    expect(await page.getByTestId('kiosk-quote').innerText()).toContain('EF456GH');
    await page.getByTestId('kiosk-pay-card').click();
    await page.getByTestId('kiosk-done').waitFor({ timeout: 30_000 });
    const receipt = await eventually(async () => (await printedJobs(served)).find((j) => j.includes('EF456GH')) ?? null, 'the receipt with the plate');
    expect(receipt).toMatch(/Targa\s+EF456GH/);
    expect(receipt).toContain('Carta');
    expect(pageErrors(page)).toEqual([]);
  });
});
