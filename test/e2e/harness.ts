// E2E harness: a real `sportello serve` process per scenario group (temp data dir, its own config),
// one Chromium for the whole file, screenshots into test-results/ (and docs/screenshots/ on request).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// import.meta.url is empty when a bench bundles this file to CommonJS (scripts/run-ts.mjs): use the cwd.
export const ROOT = import.meta.url ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..') : process.cwd();
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** `extraArgs` are appended to the defaults, e.g. the fake camera flags of kiosk-camera.e2e.test.ts. */
export async function launchBrowser(opts: { extraArgs?: string[] } = {}): Promise<Browser> {
  // toolchain.md §8: first launch ~6 s.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])], timeout: 60_000 });
}

export type Served = {
  url: string;
  dataDir: string;
  /** Admin URLs from serve's second stdout line (null when a real node / real devices are configured). */
  nodeSimulatorAdmin: string | null;
  deviceLabAdmin: string | null;
  /** The embedded MIL simulator's admin URL (upstream.kind "mil" with no MIL URL), else null. */
  milSimulatorAdmin: string | null;
  /** Intents serve reported as missing in this build. */
  missing: string[];
  stderr: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `sportello serve --port 0` with a fresh data dir and the given configuration. `dataDir`: one the
 * test prepared (e.g. operators seeded through the core before serve holds the writer lock); removed on stop.
 */
export async function startServe(opts: { mode?: 'counter' | 'kiosk'; config?: Record<string, unknown>; dataDir?: string } = {}): Promise<Served> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-e2e-'));
  const args = [path.join(ROOT, 'dist', 'cli.cjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--static-dir', path.join(ROOT, 'dist', 'renderer')];
  if (opts.mode) args.push('--mode', opts.mode);
  if (opts.config) {
    const file = path.join(dataDir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(opts.config));
    args.push('--config', file);
  }
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SPORTELLO_NO_REBUILD: '1' } });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  // Line 1: the URL with the token; line 2: {"nodeSimulatorAdmin","deviceLabAdmin","dataDir"}.
  const [url, control] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in 30 s; stderr: ${err}`)), 30_000);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const lines = out.split('\n');
      if (lines.length >= 3) {
        clearTimeout(timer);
        resolve([(lines[0] ?? '').trim(), (lines[1] ?? '').trim()]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
  let admins: { nodeSimulatorAdmin?: string | null; deviceLabAdmin?: string | null; milSimulatorAdmin?: string | null } = {};
  try {
    admins = JSON.parse(control) as typeof admins;
  } catch {
    // no control line (real node and devices configured): scenarios that need it fail in requireDemo
  }
  // serve prints its "intents not available" note on stderr right after: give it a moment.
  await new Promise((r) => setTimeout(r, 200));
  const missingLine = /intents are not available in this build: (.*)/.exec(err);
  return {
    url,
    dataDir,
    nodeSimulatorAdmin: admins.nodeSimulatorAdmin ?? null,
    deviceLabAdmin: admins.deviceLabAdmin ?? null,
    milSimulatorAdmin: admins.milSimulatorAdmin ?? null,
    missing: missingLine?.[1]?.split(',').map((s) => s.trim()) ?? [],
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'it-IT' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  ERRORS.set(page, errors);
  await page.goto(url);
  return page;
}

const ERRORS = new WeakMap<Page, string[]>();

/** Uncaught exceptions thrown in the page since it was opened. */
export function pageErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

/** Screenshot into test-results/e2e (always) and docs/screenshots (when SPORTELLO_UPDATE_SCREENSHOTS=1). */
export async function shot(page: Page, name: string, publish = true): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const buf = await page.screenshot({ fullPage: false, animations: 'disabled' });
  fs.writeFileSync(path.join(RESULTS, `${name}.png`), buf);
  if (publish && process.env.SPORTELLO_UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, `${name}.png`), buf);
  }
}

/** axe-core WCAG 2.1 A/AA violations on the current screen, as readable strings. */
export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map(
    (v) =>
      `${v.id}: ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

/** A keyboard-wedge scanner: characters 5 ms apart, then Enter (pos-practice.md §5). */
export async function wedgeScan(page: Page, payload: string): Promise<void> {
  await page.keyboard.type(payload, { delay: 5 });
  await page.keyboard.press('Enter');
}

export async function loginAs(page: Page, operatorId: string, pin: string): Promise<void> {
  const btn = page.getByTestId(`operator-${operatorId}`);
  await btn.waitFor();
  await btn.click();
  for (const d of pin) await page.getByRole('button', { name: d, exact: true }).click();
  await page
    .getByRole('button', { name: /conferma|confirm/i })
    .first()
    .click();
  await page.getByTestId('scan-prompt').waitFor();
}

/**
 * Fails the test (never skips it) when serve lacks an intent the scenario needs or did not announce the
 * demo controls (simulator / device-lab admin URLs) it drives: a scenario that cannot run is a defect.
 */
export function requireDemo(served: Served, intents: string[], needs: { sim?: boolean; lab?: boolean } = {}): void {
  const missing = intents.filter((i) => served.missing.includes(i));
  if (missing.length > 0) throw new Error(`serve reports these intents as not available: ${missing.join(', ')}`);
  if (needs.sim && !simAdminUrl(served)) throw new Error('serve did not announce the embedded node simulator URL (needed to inspect the ledger and inject faults)');
  if (needs.lab && !labAdminUrl(served)) throw new Error('serve did not announce the virtual lab admin URL (needed for paper-out and terminal scenarios)');
}

/** Base URL of the embedded node simulator (serve announces '<base>/admin/'). */
export function simAdminUrl(served: Served): string | null {
  return served.nodeSimulatorAdmin ? served.nodeSimulatorAdmin.replace(/\/admin\/?$/, '') : null;
}

/** The virtual device lab's admin URL. */
export function labAdminUrl(served: Served): string | null {
  return served.deviceLabAdmin ? served.deviceLabAdmin.replace(/\/$/, '') : null;
}

export async function admin(base: string | null, method: string, pathAndQuery: string, body?: unknown): Promise<unknown> {
  if (!base) throw new Error('no admin URL');
  const res = await fetch(`${base}${pathAndQuery}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} → HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

export type LedgerEntry = { fiscalCode: string; noticeNumber: string; outcome: 'OK' | 'KO'; amountCents: number };

export async function ledger(served: Served): Promise<LedgerEntry[]> {
  return (await admin(simAdminUrl(served), 'GET', '/admin/ledger')) as LedgerEntry[];
}

/** Polls `fn` until it returns a truthy value (the core works asynchronously: sync worker, printer). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
