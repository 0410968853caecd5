// Issue 11 §1–5: money and accounting as the clerk lives it, against the real core, the node simulator and
// the virtual devices. A Z needs a typed count and an explicit confirmation; X shows every line of the
// expected cash (refunds too) and counts what was taken offline; an offline void says what to hand back
// and shows the annulment slip; an exception says what to refund; logging out with a shift open warns.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_NOTICES } from '../../src/main/node-sim/seed';
import { formatCentsIt } from '../../src/common/money';
import { admin, eventually, launchBrowser, loginAs, newPage, pageErrors, shot, simAdminUrl, startServe, requireDemo, wedgeScan, type Served } from './harness';

const MONEY = ['notice/lookup', 'payment/begin', 'payment/collectCash', 'payment/void', 'shift/open', 'shift/close', 'shift/x', 'exceptions/resolve'];

let browser: Browser;
let served: Served;
let page: Page;
/** What the offline void of §3 handed back (a cash refund of this shift too). */
let voidedCents = 0;

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

/**
 * A wedge scan that shows `testId`. Under a loaded CI machine a burst can arrive too slowly to count as a
 * scan (use-scanner.ts times the keys): then it is scanned again, as a clerk would.
 */
async function scanTo(qr: string, testId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('scan-prompt').waitFor();
    await wedgeScan(page, qr);
    try {
      await page.getByTestId(testId).waitFor({ timeout: 6_000 });
      return;
    } catch (e) {
      if (attempt >= 3 || (await page.getByTestId('lookup-countdown').count()) > 0) throw e;
    }
  }
}

/** Italian amount as the UI prints it, with the minus sign the report uses. */
const it$ = (cents: number) => (cents < 0 ? `−${formatCentsIt(-cents)}` : formatCentsIt(cents));
const text = async (testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
const cents = (s: string) => {
  const m = /(−|-)?€\s?([\d.]+),(\d\d)/.exec(s);
  if (!m) throw new Error(`no amount in ${JSON.stringify(s)}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replace(/\./g, '')) * 100 + Number(m[3]));
};

describe('money and accounting on the counter screen', () => {
  it('§5: the idle screen says no shift is open', async () => {
    requireDemo(served, MONEY);
    await page.locator('[data-testid="idle-shift"][data-open="false"]').waitFor();
  });

  it('§1: F9 → float → Enter → Enter opens the shift and issues no Z; empty count is not zero', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('shift-open').waitFor();
    // The field has the focus: the float is typed straight away (at a person's pace, not a scanner's).
    await page.locator('#shift-amount:focus').waitFor();
    await page.keyboard.type('100', { delay: 60 });
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-close').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('report-z').count()).toBe(0);
    expect(await page.getByTestId('shift-confirm').count()).toBe(0);
    expect(await text('shift-state')).toMatch(/Turno aperto/);
    // Nothing typed: the close button cannot be used.
    expect(await page.getByTestId('shift-close').isDisabled()).toBe(true);
    await page.getByLabel('Contanti contati in cassa').fill('90');
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-confirm').waitFor();
    expect(await text('confirm-expected')).toBe(it$(10_000));
    expect(await text('confirm-counted')).toBe(it$(9_000));
    expect(await text('confirm-difference')).toBe(it$(-1_000));
    // Repeated Enter does not reach the confirmation button.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('report-z').count()).toBe(0);
    await shot(page, 'counter-z-confirm');
    await page.getByTestId('shift-confirm-back').click();
    await page.getByTestId('shift-close').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
  });

  it('§5: the idle screen shows the open shift, and F10 warns before logging out', async () => {
    await page.locator('[data-testid="idle-shift"][data-open="true"]').waitFor();
    expect(await text('idle-shift')).toContain(formatCentsIt(10_000));
    await page.keyboard.press('F10');
    await page.getByTestId('logout-dialog').waitFor();
    await shot(page, 'counter-logout-warning');
    await page.keyboard.press('Escape');
    await page.getByTestId('scan-prompt').waitFor();
    expect(await page.getByTestId('operator-name').count()).toBe(1);
  });

  it('§3: an offline void says how much cash to hand back and shows the annulment slip', async () => {
    const sim = simAdminUrl(served);
    await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'http503' });
    try {
      const n = DEMO_NOTICES.second;
      await scanTo(n.qr, 'notice-card');
      await page.getByTestId('pay-cash').click();
      await page.getByTestId('cash-confirm').click();
      await page.getByTestId('done-panel').waitFor();
      const paid = await page.getByTestId('receipt-preview').getAttribute('src');
      const total = cents(await page.locator('.done-info > p.muted').first().innerText());
      await page.keyboard.press('F7');
      await page.getByTestId('void-dialog').waitFor();
      await page.getByLabel('Motivo').fill('errore di cassa');
      await page.getByLabel('PIN supervisore').fill('5678');
      await page.getByTestId('void-confirm').click();
      await page.getByTestId('void-refund').waitFor();
      expect(await text('void-refund')).toContain('Restituisci');
      expect(cents(await text('void-refund'))).toBe(total);
      voidedCents = total;
      expect(await page.getByTestId('done-change').count()).toBe(0);
      await eventually(async () => (await page.getByTestId('receipt-preview').getAttribute('src')) !== paid, 'the annulment slip in the preview');
      await shot(page, 'counter-offline-void');
      await page.keyboard.press('Escape');
      await page.getByTestId('scan-prompt').waitFor();
    } finally {
      await admin(sim, 'POST', '/admin/faults/clear');
    }
  });

  it('§4 and §2: an offline payment found already paid says what to refund; X shows the refund and the offline count', async () => {
    const sim = simAdminUrl(served);
    const n = DEMO_NOTICES.alreadyPaid;
    await admin(sim, 'POST', '/admin/faults', { operation: '*', kind: 'http503' });
    const total = await (async () => {
      try {
        await scanTo(n.qr, 'notice-card');
        await page.getByTestId('pay-cash').click();
        await page.getByTestId('cash-confirm').click();
        await page.getByTestId('done-panel').waitFor();
        const paid = cents(await page.locator('.done-info > p.muted').first().innerText());
        await page.keyboard.press('Escape');
        return paid;
      } finally {
        await admin(sim, 'POST', '/admin/faults/clear');
      }
    })();
    await page.locator('[data-testid="status-exceptions"] .badge-value', { hasText: /^[1-9]/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('open-exceptions').click();
    const item = page.getByTestId('exception-item').first();
    await item.waitFor();
    expect(await item.getByTestId('exception-explain').innerText()).toMatch(/già pagato/);
    expect(cents(await item.getByTestId('exception-amount').innerText())).toBe(total);
    expect(await item.getByTestId('exception-creditor').innerText()).toContain(n.fiscalCode);
    expect((await item.getByTestId('exception-reference').innerText()).trim()).not.toBe('');
    await item.getByTestId('resolve-refund').click();
    expect(cents(await page.getByTestId('refund-amount').innerText())).toBe(total);
    await shot(page, 'counter-exception-refund');
    await page.getByLabel('Nota').fill('restituiti in contanti');
    await page.getByLabel('PIN supervisore').fill('5678');
    await page.getByTestId('resolve-confirm').click();
    await page.getByText('Nessuna eccezione aperta.').waitFor();
    await page.keyboard.press('Escape');

    await page.keyboard.press('F9');
    await page.getByTestId('report-x-button').click();
    await page.getByTestId('report-x').waitFor();
    // Cash handed back in this shift: the offline void (§3) and this refund.
    expect(voidedCents).toBeGreaterThan(0);
    expect(cents(await text('report-cash-refunds'))).toBe(-(total + voidedCents));
    // Taken offline: the voided one (§3) and this one, though neither is pending any more.
    expect(Number(await page.getByTestId('report-offline-count').locator('td').innerText())).toBe(2);
    // Every line of the expected cash is on screen and they add up.
    const rows = await page.getByTestId('report-x').locator('tr').allInnerTexts();
    const value = (label: string) => cents(rows.find((r) => r.startsWith(label)) ?? '');
    expect(value('Fondo iniziale')).toBe(10_000);
    expect(value('Contanti attesi')).toBe(value('Fondo iniziale') + value('Contanti\t') + value('Rimborsi in contanti'));
    expect(value('Contanti attesi')).toBe(10_000 + value('Contanti\t') - total - voidedCents);
    await shot(page, 'counter-x-report');
  });

  it('§1: the Z is issued only from the confirmation step, with the typed count', async () => {
    await page.getByLabel('Contanti contati in cassa').fill('100');
    await page.getByTestId('shift-close').click();
    await page.getByTestId('shift-confirm').waitFor();
    await page.getByTestId('shift-close-confirm').click();
    await page.getByTestId('report-z').waitFor();
    expect(cents(await text('report-difference'))).toBe(10_000 - cents(await text('report-expected')));
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="idle-shift"][data-open="false"]').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('§7: a slow node shows a countdown and the check can be cancelled; the late answer is dropped', async () => {
    const sim = simAdminUrl(served);
    await admin(sim, 'POST', '/admin/faults', { operation: 'verifyPaymentNotice', kind: 'hang' });
    try {
      await page.getByTestId('scan-prompt').waitFor();
      await scanTo(DEMO_NOTICES.plain.qr, 'lookup-countdown');
      const countdown = page.getByTestId('lookup-countdown');
      const first = Number(await countdown.getAttribute('data-remaining'));
      expect(first).toBeGreaterThan(0);
      expect(await countdown.innerText()).toMatch(/\d+ s/);
      await eventually(async () => Number(await countdown.getAttribute('data-remaining')) < first, 'the countdown to go down');
      await shot(page, 'counter-lookup-countdown');
      await page.keyboard.press('Escape');
      await page.getByText('Verifica annullata').waitFor();
      expect(await page.getByTestId('lookup-countdown').count()).toBe(0);
      // The node's late failure (after its 12 s timeout) must not replace what the clerk sees now.
      await new Promise((r) => setTimeout(r, 13_000));
      expect(await page.getByText('Verifica annullata').count()).toBe(1);
      expect(await page.getByTestId('notice-card').count()).toBe(0);
    } finally {
      await admin(sim, 'POST', '/admin/faults/clear');
    }
    await scanTo(DEMO_NOTICES.plain.qr, 'notice-card');
    await page.keyboard.press('Escape');
  });
});
