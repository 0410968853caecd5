// Issue #10 §2 and §5 in Chromium against a production `sportello serve` (external node simulator, no demo
// accounts): an operator whose PIN a supervisor chose logs in and meets the change-PIN screen before the
// counter — the core refuses everything else meanwhile, even asked straight through the bridge — and the
// technician's DevTools button exists only under the Electron shell, asking the technician PIN again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../src/common/clock';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase } from '../../src/main/core/store/database';
import { startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { axeViolations, launchBrowser, newPage, pageErrors, shot, startServe, type Served } from './harness';

let browser: Browser;
let sim: NodeSimulator;
let served: Served;
let page: Page;

// The technician screen unlocks the account 'tech' (FIRST_RUN_TECHNICIAN), never with 000000 outside demo mode.
const TECH_PIN = '482913';

/** Seeds, before serve holds the writer lock: the first supervisor, a technician, and a clerk the supervisor created (must change the PIN). */
async function seedOperators(dataDir: string): Promise<void> {
  const db = openDatabase(path.join(dataDir, 'sportello.db'));
  try {
    const ops = new OperatorService({ db, clock: systemClock, scryptParams: { N: 1024, r: 8, p: 1 } });
    await ops.bootstrap([
      { id: 'boss', name: 'Carla Neri', role: 'supervisor', pin: '739164' },
      { id: 'tech', name: 'Tecnico di sede', role: 'technician', pin: TECH_PIN },
    ]);
    await ops.create({ id: 'luca', name: 'Luca Verdi', role: 'clerk', pin: '1111', mustChangePin: true }, 'boss');
  } finally {
    db.close();
  }
}

async function keypad(p: Page, digits: string): Promise<void> {
  for (const d of digits) await p.getByRole('button', { name: d, exact: true }).click();
  await p
    .getByRole('button', { name: /conferma|confirm/i })
    .first()
    .click();
}

/** Straight through the page's bridge, as a tampered UI would ask. */
function invoke(p: Page, name: string, arg?: unknown): Promise<{ ok: boolean; error?: { kind: string; code?: string } }> {
  return p.evaluate(([n, a]) => window.sportello!.invoke(n as never, a as never) as Promise<{ ok: boolean; error?: { kind: string; code?: string } }>, [name, arg] as const);
}

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-e2e-pin-'));
  await seedOperators(dataDir);
  [browser, served] = await Promise.all([launchBrowser(), startServe({ mode: 'counter', dataDir, config: { node: { url: sim.soapUrl, password: 'pwdpwdpwd' } } })]);
  page = await newPage(browser, served.url);
}, 90_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await served?.stop();
  await sim?.close();
});

describe('a PIN chosen by a supervisor is changed at first login (production serve, Chromium)', () => {
  it('after the login the operator meets the change-PIN screen, not the counter; accessible', async () => {
    await page.getByRole('heading', { name: 'Accesso operatore' }).waitFor();
    await page.getByTestId('operator-luca').click();
    await keypad(page, '1111');
    await page.getByRole('heading', { name: 'Scegli il tuo PIN' }).waitFor();
    await expect(page.getByTestId('change-pin-step').textContent()).resolves.toMatch(/PIN attuale.*passo 1 di 3/);
    expect(await page.getByTestId('scan-prompt').count()).toBe(0);
    await shot(page, 'change-pin');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the core refuses to act meanwhile, whatever the UI shows', async () => {
    expect(await invoke(page, 'shift/open', { openingFloatCents: 0 })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'must-change-pin' } });
    expect(await invoke(page, 'notice/lookup', { source: 'manual', noticeNumber: '302000000000000001', fiscalCode: '80016350821' })).toMatchObject({
      ok: false,
      error: { code: 'must-change-pin' },
    });
  });

  it('a wrong current PIN and PINs that differ are refused; the right ones reach the counter', async () => {
    await keypad(page, '9999'); // wrong current PIN: only the core knows
    await keypad(page, '2468');
    await keypad(page, '2468');
    await page.getByText('Il PIN attuale è errato: ricomincia dal PIN attuale.').waitFor();
    await expect(page.getByTestId('change-pin-step').textContent()).resolves.toMatch(/passo 1 di 3/);
    await keypad(page, '1111');
    await keypad(page, '2468');
    await keypad(page, '2469');
    await page.getByText('I due PIN non coincidono: digita di nuovo il nuovo PIN.').waitFor();
    await expect(page.getByTestId('change-pin-step').textContent()).resolves.toMatch(/Nuovo PIN.*passo 2 di 3/);
    await keypad(page, '2468');
    await keypad(page, '2468');
    await page.getByTestId('scan-prompt').waitFor();
    await expect(page.getByTestId('operator-name').textContent()).resolves.toBe('Luca Verdi');
    expect(await invoke(page, 'shift/open', { openingFloatCents: 0 })).toMatchObject({ ok: true });
    expect(pageErrors(page)).toEqual([]);
  });

  it('the new PIN is the one that logs in, with no change asked again', async () => {
    await page.reload();
    await page.getByTestId('scan-prompt').waitFor(); // the terminal's session survives a reload
    expect(await invoke(page, 'session/logout')).toMatchObject({ ok: true });
    await page.reload();
    await page.getByTestId('operator-luca').click();
    await keypad(page, '2468');
    await page.getByTestId('scan-prompt').waitFor();
    expect(await page.getByTestId('change-pin').count()).toBe(0);
  });
});

describe('DevTools for the technician (issue #10 §5)', () => {
  async function infoTab(p: Page): Promise<void> {
    await p.goto(`${served.url.split('#')[0]}#tech`);
    await p.locator('#tech-lock-title').waitFor();
    for (const d of TECH_PIN) await p.getByRole('button', { name: d, exact: true }).click();
    await p
      .getByRole('button', { name: /conferma/i })
      .first()
      .click();
    await p.getByTestId('tab-info').click();
    await p.getByTestId('info-table').waitFor();
  }

  it('the browser bridge offers no DevTools button (serve cannot open them)', async () => {
    await infoTab(page);
    await expect(page.getByTestId('info-table').textContent()).resolves.toContain('browser');
    expect(await page.getByTestId('open-devtools').count()).toBe(0);
  });

  it('under the Electron transport the button asks the technician PIN and shows the core refusal', async () => {
    const electronLike = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' });
    // Stand in for the Electron preload's answer to app/info; every call still reaches the real core.
    await electronLike.addInitScript(() => {
      let real: { invoke: (n: string, a?: unknown) => Promise<{ ok: boolean; value?: Record<string, unknown> }> } | undefined;
      Object.defineProperty(window, 'sportello', {
        configurable: true,
        get: () => real,
        set: (b: typeof real) => {
          real = b && {
            ...b,
            invoke: async (n: string, a?: unknown) => {
              const r = await b.invoke(n, a);
              return n === 'app/info' && r.ok ? { ...r, value: { ...r.value, transport: 'electron' } } : r;
            },
          };
        },
      });
    });
    const p = await electronLike.newPage();
    p.setDefaultTimeout(10_000);
    try {
      await p.goto(served.url);
      await infoTab(p);
      await p.getByTestId('open-devtools').click();
      const dialog = p.getByTestId('devtools-dialog');
      await dialog.getByText('Per aprire gli strumenti per sviluppatori serve di nuovo il PIN del tecnico.').waitFor();
      for (const d of '000000') await dialog.getByRole('button', { name: d, exact: true }).click();
      await dialog.getByRole('button', { name: /conferma/i }).click();
      await dialog.getByText('PIN tecnico errato.').waitFor();
      expect(await p.getByTestId('devtools-dialog').count()).toBe(1);
    } finally {
      await electronLike.close();
    }
  });
});
