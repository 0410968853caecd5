// Issue #12 §1 "Must show", in Chromium against `sportello serve` (real core, node simulator, virtual
// devices): a 5-notice cart paid in cash and by card with one receipt listing every notice; an offline cart
// that syncs later with one notice already paid (one exception, four confirmations); a cart with
// one activation refused by the node; a 6th notice refused; a kiosk cart of 2 notices paid by card and
// a kiosk cart cancelled by the idle timeout. Screenshots at 1366×768 (counter) and 1080×1920 (kiosk).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildQrPayload } from '../../src/common/notice';
import { formatCentsIt } from '../../src/common/money';
import { DEMO_NOTICES, generatePositions } from '../../src/main/node-sim/seed';
import { admin, axeViolations, eventually, labAdminUrl, launchBrowser, loginAs, newPage, pageErrors, shot, simAdminUrl, startServe, requireDemo, wedgeScan, type Served } from './harness';

const CART = ['cart/add', 'cart/remove', 'cart/begin', 'cart/collectCash', 'cart/collectCard', 'cart/cancel', 'cart/get', 'notice/lookup', 'receipt/preview'];
const COUNTER_VIEW = { width: 1366, height: 768 };
const KIOSK_VIEW = { width: 1080, height: 1920 };

type Notice = { noticeNumber: string; fiscalCode: string; amountCents: number; qr: string };
type Ledger = { noticeNumber: string; outcome: 'OK' | 'KO'; paymentToken: string; amountCents: number }[];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** `n` open notices of the simulator's bench creditor, € 20, € 30, … (under the cash ceiling together). */
async function seedNotices(served: Served, n: number, seed: number, amountCents = (i: number) => 2_000 + i * 1_000): Promise<Notice[]> {
  const positions = generatePositions(n, seed).map((p, i) => ({ ...p, amountCents: amountCents(i) }));
  await admin(simAdminUrl(served), 'POST', '/admin/positions', { positions });
  return positions.map((p) => ({ ...p, qr: buildQrPayload({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: p.amountCents }) }));
}

async function ledgerFor(served: Served, notices: readonly Notice[]): Promise<Ledger> {
  return ((await admin(simAdminUrl(served), 'GET', '/admin/ledger')) as Ledger).filter((e) => notices.some((n) => n.noticeNumber === e.noticeNumber));
}

/** Text of every receipt the virtual printer printed (the UI only shows its image). */
async function printedJobs(served: Served): Promise<string[]> {
  return ((await admin(labAdminUrl(served), 'GET', '/printer/text')) as { jobs: string[] }).jobs;
}

/** The serial scanner of the virtual lab (bytes on its pty): a scan that no machine load can stretch. */
async function serialScan(served: Served, qr: string): Promise<void> {
  await admin(labAdminUrl(served), 'POST', '/scanner/scan', `${qr}\r`);
}

/**
 * Scans with the keyboard wedge, then waits for `ready`. A wedge burst that a loaded 2-core machine
 * stretched past the scanner timing is scanned again on the serial scanner, as a clerk would rescan, but
 * only while nothing is being verified (a second scan of a notice on its way would be a duplicate).
 */
async function scanUntil(page: Page, served: Served, qr: string, ready: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (attempt === 1) await wedgeScan(page, qr);
    else await serialScan(served, qr);
    try {
      await ready();
      return;
    } catch (e) {
      const busy = (await page.locator('[data-testid="cart-adding"], [data-testid="lookup-countdown"], [data-flow="lookup"]').count()) > 0;
      if (attempt >= 3 || busy) throw e;
    }
  }
}

/** Both scanners a counter has: the keyboard wedge and a serial one (the virtual lab's pty). */
const SCANNERS = {
  devices: {
    scanners: [
      { name: 'serial', transport: { type: 'virtual' } },
      { name: 'wedge', transport: { type: 'wedge' } },
    ],
  },
};

/**
 * What does not fit: each test id fully inside the viewport and not covered at its centre, and no
 * horizontal scrolling. Checked at `viewports` (then back to `restore`), a screenshot at each.
 */
async function layoutProblems(page: Page, name: string, ids: string[], viewports: { width: number; height: number }[], restore: { width: number; height: number }): Promise<string[]> {
  const found: string[] = [];
  for (const v of viewports) {
    await page.setViewportSize(v);
    await new Promise((r) => setTimeout(r, 150));
    const here = await page.evaluate((ids) => {
      const out: string[] = [];
      const doc = document.scrollingElement ?? document.documentElement;
      if (doc.scrollWidth > window.innerWidth + 0.5) out.push(`horizontal overflow: ${doc.scrollWidth} > ${window.innerWidth}`);
      // A table or a row of buttons wider than its card spills out of it (no scrollbar shows it).
      for (const card of document.querySelectorAll<HTMLElement>('.card')) {
        if (card.scrollWidth > card.clientWidth + 1) out.push(`content wider than its card: ${card.dataset.testid ?? card.className} (${card.scrollWidth} > ${card.clientWidth})`);
      }
      for (const id of ids) {
        const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
        if (!el) {
          out.push(`${id}: missing`);
          continue;
        }
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5) {
          out.push(`${id}: outside the viewport (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`);
          continue;
        }
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(hit === el || el.contains(hit))) out.push(`${id}: covered by ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className)}` : 'nothing'}`);
      }
      return out;
    }, ids);
    for (const p of here) found.push(`${name} @ ${v.width}×${v.height}: ${p}`);
    await shot(page, `${name}-${v.width}x${v.height}`, false);
  }
  await page.setViewportSize(restore);
  return found;
}

/** Counter screens: the usual till monitors. */
const COUNTER_SIZES = [COUNTER_VIEW, { width: 1280, height: 800 }, { width: 1024, height: 768 }];
/** Kiosk screens: portrait totems and the landscape panels. */
const KIOSK_SIZES = [KIOSK_VIEW, { width: 1080, height: 1200 }, { width: 1024, height: 768 }];

const cents = (s: string): number => {
  const m = /(-)?€\s?([\d.]+),(\d\d)/.exec(s.replace(/\s+/g, ' '));
  if (!m) throw new Error(`no amount in ${JSON.stringify(s)}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replace(/\./g, '')) * 100 + Number(m[3]));
};

describe('counter cart (1366×768)', () => {
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    // A short wait for the terminal's answer, so the 'outcome unknown' scenario runs in seconds (default 120 s).
    served = await startServe({ mode: 'counter', config: { devices: { ...SCANNERS.devices, terminal: { responseTimeoutMs: 8_000 } } } });
    requireDemo(served, [...CART, 'shift/open'], { sim: true, lab: true });
    page = await newPage(browser, served.url, COUNTER_VIEW);
    await loginAs(page, 'mario', '1234');
    // Money needs an open shift (F9 → float → Enter).
    await page.keyboard.press('F9');
    await page.getByTestId('shift-open').waitFor();
    await page.locator('#shift-amount:focus').waitFor();
    await page.keyboard.type('100', { delay: 60 });
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-close').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="idle-shift"][data-open="true"]').waitFor();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-cart-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
  });

  afterAll(async () => {
    await page?.context().close();
    await served?.stop();
  });

  const cartCount = async () => Number((await page.getByTestId('cart').getAttribute('data-count')) ?? '-1');

  /** Scans a notice into the cart (the first one shows its quote) and waits for the cart to hold `expectCount`. */
  async function scanInto(n: Notice, expectCount: number): Promise<void> {
    await scanUntil(page, served, n.qr, async () => {
      if (expectCount === 1) await page.getByTestId('notice-card').waitFor({ timeout: 6_000 });
      else await page.locator(`[data-testid="cart"][data-count="${expectCount}"]`).waitFor({ timeout: 6_000 });
    });
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
  }

  async function fill(notices: readonly Notice[]): Promise<void> {
    await page.getByTestId('scan-prompt').waitFor();
    for (const [i, n] of notices.entries()) await scanInto(n, i + 1);
    expect(await page.locator('[data-testid="cart-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-notice')))).toEqual(notices.map((n) => n.noticeNumber));
  }

  /** Sum of the rows (amount + fee) as shown, which must be the total shown. */
  async function shownRowsTotal(): Promise<number> {
    const rows = await page.locator('[data-testid="cart-item"]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td.num')].map((td) => td.textContent ?? '')));
    return rows.reduce((s, cells) => s + cells.reduce((a, c) => a + cents(c), 0), 0);
  }

  it('5 notices, one cash collection, one receipt listing every notice', async () => {
    const notices = await seedNotices(served, 5, 301);
    await fill(notices);
    expect(await page.getByTestId('cart-count').innerText()).toBe('5 avvisi su 5');
    for (const [i, row] of (await page.locator('[data-testid="cart-item-creditor"]').allInnerTexts()).entries()) expect(row, `row ${i}`).toBe('Ente di prova (simulatore)');
    const shownTotal = cents(await page.getByTestId('cart-total').innerText());
    expect(shownTotal).toBe(await shownRowsTotal());
    expect(shownTotal).toBeGreaterThanOrEqual(20_000);
    expect(cents(await page.getByTestId('cart-pay-cash-total').innerText())).toBe(shownTotal);
    await shot(page, 'cart-counter-5-notices');
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutProblems(page, 'cart-layout-building', ['cart-pay-cash', 'cart-pay-card', 'cart-cancel', 'cart-total'], COUNTER_SIZES, COUNTER_VIEW)).toEqual([]);

    await page.keyboard.press('F4');
    await page.getByTestId('cash-panel').waitFor();
    expect(await page.getByTestId('cart-refused').count()).toBe(0);
    const due = cents(await page.locator('[data-testid="cash-panel"] .due-row').innerText());
    expect(due).toBe(shownTotal);
    await page.getByTestId('cash-tendered').fill('300');
    await shot(page, 'cart-counter-cash');
    expect(await layoutProblems(page, 'cart-layout-cash', ['cash-confirm', 'cash-change', 'cart-total'], COUNTER_SIZES, COUNTER_VIEW)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByTestId('done-panel').waitFor();
    await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
    await page.getByTestId('receipt-preview').waitFor();
    expect(await page.getByTestId('done-notice').count()).toBe(5);
    expect(cents(await page.getByTestId('done-change').innerText())).toBe(30_000 - due);
    await shot(page, 'cart-counter-receipt');
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutProblems(page, 'cart-layout-receipt', ['new-payment', 'print-button', 'print-job', 'done-change'], COUNTER_SIZES, COUNTER_VIEW)).toEqual([]);

    // One OK outcome per token at the node, and the one receipt names every token and notice's amount.
    const ledger = await eventually(async () => {
      const l = await ledgerFor(served, notices);
      return l.length === 5 ? l : null;
    }, 'five outcomes at the node');
    expect(ledger.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(new Set(ledger.map((e) => e.paymentToken)).size).toBe(5);
    const receipt = (await printedJobs(served)).at(-1)!;
    for (const e of ledger) expect(receipt).toContain(e.paymentToken);
    for (const n of notices) expect(receipt).toContain(formatCentsIt(n.amountCents).replace(/^€\s?/, ''));
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('5 notices by card: one charge on the terminal, one receipt', async () => {
    const lab = labAdminUrl(served);
    await admin(lab, 'POST', '/terminal/scenario?name=approve');
    const before = ((await admin(lab, 'GET', '/state')) as { terminal: { totals: { count: number } } }).terminal.totals.count;
    const notices = await seedNotices(served, 5, 302);
    await fill(notices);
    const shownTotal = cents(await page.getByTestId('cart-pay-card-total').innerText());
    await page.keyboard.press('F5');
    await page.getByTestId('card-panel').waitFor();
    expect(cents(await page.locator('[data-testid="card-panel"] .due-row').innerText())).toBeGreaterThanOrEqual(20_000);
    await shot(page, 'cart-counter-card');
    await page.getByTestId('done-panel').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
    expect(await page.getByTestId('done-notice').count()).toBe(5);
    expect(await page.getByTestId('done-change').count()).toBe(0);
    const state = (await admin(lab, 'GET', '/state')) as { terminal: { totals: { count: number; amountCents?: number } } };
    expect(state.terminal.totals.count).toBe(before + 1);
    const ledger = await eventually(async () => {
      const l = await ledgerFor(served, notices);
      return l.length === 5 ? l : null;
    }, 'five outcomes at the node');
    expect(ledger.every((e) => e.outcome === 'OK')).toBe(true);
    const receipt = (await printedJobs(served)).at(-1)!;
    for (const e of ledger) expect(receipt).toContain(e.paymentToken);
    expect(shownTotal).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('offline cart: 5 notices taken in cash while the node is down; when it returns one was paid elsewhere → one exception, four confirmations', async () => {
    const sim = simAdminUrl(served);
    const exceptionsShown = async () => Number(await page.locator('[data-testid="status-exceptions"] .badge-value').innerText());
    const exceptionsBefore = await exceptionsShown();
    const notices = await seedNotices(served, 5, 309);
    await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'reset' });
    try {
      await fill(notices);
      await page.keyboard.press('F4');
      await page.getByTestId('cash-panel').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('done-panel').waitFor();
      await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
      expect(await page.getByTestId('done-notice').count()).toBe(5);
      await shot(page, 'cart-counter-offline-receipt');
      expect((await printedJobs(served)).at(-1)).toContain('RICEVUTA PROVVISORIA');
      await page.locator('[data-testid="status-queue"] .badge-value', { hasText: /^[1-9]/ }).waitFor();
      expect(await ledgerFor(served, notices)).toEqual([]);
      // Meanwhile the citizen paid the third notice at another PSP.
      const { qr: _qr, ...third } = notices[2]!;
      await admin(sim, 'POST', '/admin/positions', { positions: [{ ...third, status: 'paid' }] });
    } finally {
      await admin(sim, 'POST', '/admin/faults/clear');
    }
    // The sync worker finds the node again and registers each notice on its own.
    const ledger = await eventually(
      async () => {
        const l = await ledgerFor(served, notices);
        return l.length === 4 ? l : null;
      },
      'four outcomes at the node',
      60_000,
    );
    expect(ledger.map((e) => e.outcome)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(ledger.some((e) => e.noticeNumber === notices[2]!.noticeNumber)).toBe(false);
    await eventually(async () => (await exceptionsShown()) === exceptionsBefore + 1, 'one more exception on the status bar', 30_000);
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  }, 120_000);

  it('one activation refused by the node: that notice is named with the reason and left out, the rest is paid', async () => {
    const notices = await seedNotices(served, 3, 303);
    await fill(notices);
    // A notice the node refuses at verification never joins the cart: said in words, the cart unchanged.
    await serialScan(served, DEMO_NOTICES.alreadyPaid.qr);
    const verifyMsg = page.locator('[data-testid="cart-methods"] [data-testid="flow-message"]');
    await verifyMsg.waitFor();
    expect(await verifyMsg.innerText()).toContain('Avviso già pagato');
    expect(await cartCount()).toBe(3);
    await admin(simAdminUrl(served), 'POST', '/admin/faults', { operation: 'activatePaymentNotice', kind: 'fault', faultCode: 'PPT_PAGAMENTO_IN_CORSO', count: 1 });
    await page.keyboard.press('F4');
    await page.getByTestId('cash-panel').waitFor();
    const refused = page.getByTestId('cart-refused-item');
    expect(await refused.count()).toBe(1);
    const refusedNotice = (await refused.getAttribute('data-notice'))!;
    expect(notices.map((n) => n.noticeNumber)).toContain(refusedNotice);
    const why = await page.getByTestId('cart-refused').innerText();
    expect(why).toContain('Ente di prova (simulatore)');
    expect(why).toMatch(/in corso/i);
    expect(why).toContain('PPT_PAGAMENTO_IN_CORSO');
    // It already left the cart: the list and the amount due are the other two.
    expect(await cartCount()).toBe(2);
    expect(await page.locator(`[data-testid="cart-item"][data-notice="${refusedNotice}"]`).count()).toBe(0);
    const due = cents(await page.locator('[data-testid="cash-panel"] .due-row').innerText());
    expect(due).toBe(await shownRowsTotal());
    await shot(page, 'cart-counter-refused');
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutProblems(page, 'cart-layout-refused', ['cash-confirm', 'cart-refused'], COUNTER_SIZES, COUNTER_VIEW)).toEqual([]);
    await page.keyboard.press('Enter'); // exact amount
    await page.getByTestId('done-panel').waitFor();
    expect(await page.getByTestId('done-notice').count()).toBe(2);
    const ledger = await eventually(async () => {
      const l = await ledgerFor(served, notices);
      return l.length === 2 ? l : null;
    }, 'two outcomes at the node');
    expect(ledger.every((e) => e.outcome === 'OK' && e.noticeNumber !== refusedNotice)).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('over the cash ceiling (€ 1.000 per transaction) cash is refused with the reason and the cart stays; the card pays it', async () => {
    await admin(labAdminUrl(served), 'POST', '/terminal/scenario?name=approve');
    const notices = await seedNotices(served, 3, 305, () => 40_000); // 3 × € 400
    await fill(notices);
    await page.keyboard.press('F4');
    const msg = page.locator('[data-testid="cart-methods"] [data-testid="flow-message"]');
    await msg.waitFor();
    expect(await msg.innerText()).toContain('limite per i pagamenti in contanti');
    expect(await page.getByTestId('cash-panel').count()).toBe(0);
    expect(await cartCount()).toBe(3);
    await shot(page, 'cart-counter-cash-ceiling');
    await page.keyboard.press('F5');
    await page.getByTestId('done-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('done-notice').count()).toBe(3);
    const ledger = await eventually(async () => {
      const l = await ledgerFor(served, notices);
      return l.length === 3 ? l : null;
    }, 'three outcomes at the node');
    expect(ledger.every((e) => e.outcome === 'OK')).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('the terminal never answers: outcome unknown for the whole cart → the attention panel, nothing charged twice, resolved later', async () => {
    const lab = labAdminUrl(served);
    await admin(lab, 'POST', '/terminal/scenario?name=timeout-unprocessed');
    try {
      const notices = await seedNotices(served, 2, 306);
      await fill(notices);
      await page.keyboard.press('F5');
      await page.getByTestId('card-panel').waitFor();
      await page.getByTestId('attention-panel').waitFor({ timeout: 40_000 });
      expect(await page.getByTestId('attention-panel').innerText()).toContain('Non incassare di nuovo');
      // Both notices rode on the one charge: each has its exception to resolve.
      await eventually(async () => (await page.locator('[data-testid="attention-panel"] [data-testid="exception-item"]').count()) === 2, 'an exception per notice');
      await shot(page, 'cart-counter-attention');
      expect(await axeViolations(page)).toEqual([]);
      expect(await ledgerFor(served, notices)).toEqual([]); // no outcome while nobody knows whether the card was charged
      await page.keyboard.press('Escape');
      await page.getByTestId('scan-prompt').waitFor();
    } finally {
      await admin(lab, 'POST', '/terminal/scenario?name=approve');
    }
  });

  it('a 6th notice is refused with a clear message (it, en); a notice can be removed; Esc cancels the whole cart', async () => {
    const notices = await seedNotices(served, 6, 304);
    await fill(notices.slice(0, 5));
    await serialScan(served, notices[5]!.qr);
    const msg = page.locator('[data-testid="cart-methods"] [data-testid="flow-message"]');
    await msg.waitFor();
    expect(await msg.innerText()).toContain('Al massimo 5 avvisi per pagamento');
    expect(await cartCount()).toBe(5);
    await shot(page, 'cart-counter-sixth-refused');

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Notices paid together' }).waitFor();
    // (A message already on screen keeps the language it was said in; the next one is in English.)
    await serialScan(served, notices[5]!.qr);
    await page.locator('[data-testid="cart-methods"] [data-testid="flow-message"]', { hasText: 'At most 5 notices per payment' }).waitFor();
    expect(await page.getByTestId('cart-count').innerText()).toBe('5 notices of 5');
    await shot(page, 'cart-counter-sixth-refused-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('heading', { name: 'Avvisi da pagare insieme' }).waitFor();

    // Remove the first, then the sixth fits.
    await page.getByRole('button', { name: `Rimuovi l’avviso ${notices[0]!.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}` }).click();
    await page.locator('[data-testid="cart"][data-count="4"]').waitFor();
    // … typed this time (F2, the two codes, Enter): a typed notice joins the cart like a scanned one.
    await page.keyboard.press('F2');
    await page.getByTestId('manual-entry').waitFor();
    await page.getByLabel('Codice avviso (18 cifre)').fill(notices[5]!.noticeNumber);
    await page.getByLabel('Codice fiscale ente creditore (11 cifre)').fill(notices[5]!.fiscalCode);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="cart"][data-count="5"]').waitFor();
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-hint').innerText()).toContain('il massimo');
    expect(await page.locator('[data-testid="cart-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-notice')))).toEqual(notices.slice(1).map((n) => n.noticeNumber));

    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
    expect(await page.getByTestId('flow-message').innerText()).toContain('Pagamento annullato');
    expect(await ledgerFor(served, notices)).toEqual([]); // nothing was activated, nothing to settle
    expect(pageErrors(page)).toEqual([]);
  });

  it('payer (issue #12 §6): what was typed in the quote follows it into the cart; saved once for the whole cart, it is on the receipt', async () => {
    const notices = await seedNotices(served, 2, 451);
    await page.getByTestId('scan-prompt').waitFor();
    await scanInto(notices[0]!, 1);
    await page.locator('[data-testid="payer-section"] summary').click();
    await page.getByTestId('payer-id').fill('01199250158');
    await page.getByTestId('payer-fullName').fill('Ditta Rossi');
    await page.getByTestId('payer-save').click();
    await page.getByTestId('payer-saved').waitFor();
    // Typed but not saved yet when the second notice arrives.
    await page.getByTestId('payer-email').fill('ditta@example.it');
    await scanInto(notices[1]!, 2);

    // One section for the whole cart: the saved payer came with the quote, the unsaved e-mail too (open, so it is seen).
    const section = page.getByTestId('payer-section');
    await section.waitFor();
    expect(await section.count()).toBe(1);
    expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await section.locator('summary').innerText()).toContain('Ditta Rossi · 01199250158');
    expect(await page.getByTestId('payer-id').inputValue()).toBe('01199250158');
    expect(await page.getByTestId('payer-email').inputValue()).toBe('ditta@example.it');
    await page.getByTestId('payer-fullName').fill('Ditta Rossi S.r.l.');
    await page.getByTestId('payer-save').click();
    await section.locator('summary', { hasText: 'Ditta Rossi S.r.l. · 01199250158' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('F4');
    await page.getByTestId('cash-panel').waitFor();
    await page.getByTestId('cash-tendered').fill('100');
    await page.keyboard.press('Enter');
    await page.getByTestId('done-panel').waitFor();
    await page.locator('[data-testid="print-job"][data-state="printed"]').waitFor();
    expect((await printedJobs(served)).at(-1)).toContain('Ditta Rossi S.r.l. - 01199250158');
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });
});

describe('kiosk cart (1080×1920 portrait)', () => {
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    // Short idle timings so the timeout path runs in seconds (defaults: 60 s + 15 s warning).
    served = await startServe({ mode: 'kiosk', config: { ...SCANNERS, terminal: { mode: 'kiosk' }, ui: { kioskIdleSeconds: 12, kioskIdleWarningSeconds: 5 } } });
    requireDemo(served, CART, { sim: true, lab: true });
    page = await newPage(browser, served.url, KIOSK_VIEW);
    await page.getByTestId('kiosk').waitFor();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `FAILED-kiosk-cart-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`, false);
  });

  afterAll(async () => {
    await page?.context().close();
    await served?.stop();
  });

  it('adds another notice, removes one, pays 2 notices with one card and prints one receipt', async () => {
    await admin(labAdminUrl(served), 'POST', '/terminal/scenario?name=approve');
    const notices = await seedNotices(served, 3, 401);
    await page.getByTestId('attract').waitFor({ timeout: 20_000 });
    await scanUntil(page, served, notices[0]!.qr, () => page.getByTestId('kiosk-quote').waitFor({ timeout: 6_000 }));
    await page.getByTestId('kiosk-add-another').click();
    await page.getByTestId('kiosk-add').waitFor();
    await page.locator('[data-testid="kiosk-add-summary"]', { hasText: '1 avviso su 5' }).waitFor();
    await shot(page, 'cart-kiosk-add');
    expect(await axeViolations(page)).toEqual([]);
    await scanUntil(page, served, notices[1]!.qr, () => page.locator('[data-testid="cart"][data-count="2"]').waitFor({ timeout: 6_000 }));
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
    // A third one, straight from the list screen, then taken out again.
    await page.getByTestId('kiosk-add-another').click();
    await scanUntil(page, served, notices[2]!.qr, () => page.locator('[data-testid="cart"][data-count="3"]').waitFor({ timeout: 6_000 }));
    await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
    await shot(page, 'cart-kiosk-3-notices');
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutProblems(page, 'cart-layout-kiosk', ['kiosk-pay-card', 'kiosk-add-another', 'kiosk-cancel', 'cart-total'], KIOSK_SIZES, KIOSK_VIEW)).toEqual([]);
    await page.locator(`[data-testid="cart-item"][data-notice="${notices[2]!.noticeNumber}"] [data-testid="cart-remove"]`).click();
    await page.locator('[data-testid="cart"][data-count="2"]').waitFor();
    const total = cents(await page.getByTestId('cart-total').innerText());
    expect(total).toBeGreaterThanOrEqual(5_000);
    expect(cents(await page.getByTestId('kiosk-pay-card').innerText())).toBe(total);
    // Touch targets: every button of the screen is at least 56 px high.
    const heights = await page.locator('[data-testid="kiosk-cart"] button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(56);
    await shot(page, 'cart-kiosk-2-notices');

    await page.getByTestId('kiosk-pay-card').click();
    await page.getByTestId('kiosk-done').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="kiosk-receipt-state"][data-state="printed"]').waitFor();
    expect(await page.locator('[data-testid="kiosk-done"] [data-testid="cart-item"]').count()).toBe(2);
    await shot(page, 'cart-kiosk-done');
    expect(await layoutProblems(page, 'cart-layout-kiosk-done', ['kiosk-finish', 'kiosk-receipt-state'], KIOSK_SIZES, KIOSK_VIEW)).toEqual([]);
    const ledger = await eventually(async () => {
      const l = await ledgerFor(served, notices);
      return l.length === 2 ? l : null;
    }, 'two outcomes at the node');
    expect(ledger.map((e) => e.noticeNumber).sort()).toEqual([notices[0]!.noticeNumber, notices[1]!.noticeNumber].sort());
    expect(ledger.every((e) => e.outcome === 'OK')).toBe(true);
    const receipt = (await printedJobs(served)).at(-1)!;
    for (const e of ledger) expect(receipt).toContain(e.paymentToken);
    await page.getByTestId('kiosk-finish').click();
    await page.getByTestId('attract').waitFor();
  });

  it('English; the card is declined, the citizen walks away: the idle timeout cancels the whole cart (KO for every notice)', async () => {
    const lab = labAdminUrl(served);
    await admin(lab, 'POST', '/terminal/scenario?name=decline');
    try {
      const notices = await seedNotices(served, 2, 402);
      await page.getByTestId('attract').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'English' }).click();
      await scanUntil(page, served, notices[0]!.qr, () => page.getByTestId('kiosk-quote').waitFor({ timeout: 6_000 }));
      await page.getByRole('button', { name: 'Add another notice' }).click();
      await page.getByRole('heading', { name: 'Hold the QR code of the next notice to the reader' }).waitFor();
      await scanUntil(page, served, notices[1]!.qr, () => page.locator('[data-testid="cart"][data-count="2"]').waitFor({ timeout: 6_000 }));
      await page.getByTestId('cart-adding').waitFor({ state: 'detached' });
      expect(await page.getByTestId('cart-count').innerText()).toBe('2 notices of 5');
      expect(await page.locator('main').innerText()).not.toMatch(/\b(avvisi|Aggiungi|Annulla|Paga)\b/);
      await shot(page, 'cart-kiosk-en');
      await page.getByTestId('kiosk-pay-card').click();
      // Declined: both notices stay activated; the citizen may try another card or cancel.
      await page.getByTestId('cart-card-ready').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('cart-card-ready').innerText()).toContain('The card payment did not go through');
      await shot(page, 'cart-kiosk-declined');
      expect(await axeViolations(page)).toEqual([]);
      // Nobody touches the kiosk again: warning, then the cart is cancelled and the kiosk starts over.
      await page.getByTestId('idle-warning').waitFor({ timeout: 20_000 });
      await page.getByTestId('attract').waitFor({ timeout: 30_000 });
      const ledger = await eventually(
        async () => {
          const l = await ledgerFor(served, notices);
          return l.length === 2 ? l : null;
        },
        'two KO outcomes at the node',
        30_000,
      );
      expect(ledger.map((e) => e.outcome)).toEqual(['KO', 'KO']);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await admin(lab, 'POST', '/terminal/scenario?name=approve');
    }
  });
});
