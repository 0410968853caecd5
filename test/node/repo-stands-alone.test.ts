// Issue 11 §14–15: a clone of the repository needs nothing beside it.
// - no source, test or script reads a path outside the repository (the official pagoPA schemas are
//   vendored unchanged under vendor/pagopa-api with a SOURCE.md naming upstream repository and commit);
// - `./bin/sportello serve` in a tree without dist/ builds the UI it serves, as `npm start` does.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { NODE_FOR_PSP_XSD } from './node-helpers/xmllint';

const root = path.resolve(__dirname, '../..');
const SCANNED = ['src', 'test', 'scripts', 'drivers', 'bench', 'bin', '.ci'];
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|json|sh)$|^run$|^sportello$/;

function walk(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (TEXT.test(e.name)) out.push(p);
  }
  return out;
}

describe('the repository stands on its own', () => {
  it('reads nothing outside the repository (no /work/… or ../shared paths)', () => {
    const self = path.join(root, 'test/node/repo-stands-alone.test.ts');
    const offenders: string[] = [];
    for (const d of SCANNED) {
      const dir = path.join(root, d);
      if (!fs.existsSync(dir)) continue;
      for (const f of walk(dir, [])) {
        if (f === self) continue;
        const text = fs.readFileSync(f, 'utf8');
        const bad = /['"`]\/work\/|['"`](\.\.\/)+shared\/|'\.\.', '\.\.', 'shared'/.exec(text);
        if (bad) offenders.push(`${path.relative(root, f)}: ${bad[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('vendors the official schemas with a SOURCE naming upstream repository and commit', () => {
    expect(path.relative(root, NODE_FOR_PSP_XSD)).toBe(path.join('vendor', 'pagopa-api', 'wsdl', 'xsd', 'nodeForPsp.xsd'));
    for (const f of ['wsdl/xsd/nodeForPsp.xsd', 'xsd-common/sac-common-types-1.0.xsd', 'xsd-common/envelope.xsd']) {
      expect(fs.existsSync(path.join(root, 'vendor/pagopa-api', f)), f).toBe(true);
    }
    const source = fs.readFileSync(path.join(root, 'vendor/pagopa-api/SOURCE.md'), 'utf8');
    expect(source).toMatch(/pagopa\/pagopa-api/);
    expect(source).toMatch(/\b[0-9a-f]{40}\b/);
  });
});

describe('a fresh Debian machine (.ci/run) and a strict npm (allowScripts)', () => {
  it('.ci/run installs or checks every tool the tests use, then runs exactly `npm ci && npm test`', () => {
    const run = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
    const install = (/apt-get install(?:[^\n]*\\\n)*[^\n]*/.exec(run)?.[0] ?? '').split(/[\s\\]+/);
    for (const pkg of ['build-essential', 'python3', 'openssl', 'mount', 'socat', 'chromium', 'libxml2-utils', 'libusb-1.0-0']) expect(install, pkg).toContain(pkg);
    const checked = /for cmd in ([^;]+);/.exec(run)?.[1]?.split(/\s+/) ?? [];
    for (const cmd of ['openssl', 'mount', 'make', 'g++', 'python3', 'xmllint', 'socat', 'chromium']) expect(checked, cmd).toContain(cmd);
    expect(run.trimEnd().split('\n').at(-1)).toBe('npm ci && npm test');
  });

  it('package.json decides every install script in the lock file (allowed or denied)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, v]) => v.hasInstallScript)
      .map(([k]) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const decided = Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/(.)@[^@]*$/, '$1'));
    expect(withScripts.filter((n) => !decided.includes(n))).toEqual([]);
    for (const n of ['better-sqlite3', 'node-hid', '@serialport/bindings-cpp', 'esbuild']) expect(pkg.allowScripts?.[n], n).toBe(true);
  });
});

describe('./bin/sportello serve on a tree without dist/', () => {
  let child: ChildProcess | null = null;
  let tmp = '';
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = null;
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('builds the UI first and serves it (no "The UI is not built" 503)', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-clone-'));
    const clone = path.join(tmp, 'repo');
    fs.mkdirSync(clone);
    for (const entry of fs.readdirSync(root)) {
      if (['dist', 'node_modules', 'test-results', '.git', '.sportello-data', 'docs', 'bench', 'test'].includes(entry)) continue;
      fs.cpSync(path.join(root, entry), path.join(clone, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const data = path.join(tmp, 'data');
    child = spawn(process.execPath, [path.join(clone, 'bin/sportello'), 'serve', '--port', '0', '--data-dir', data], {
      cwd: clone,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SPORTELLO_CONFIG: '' },
    });
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child!.stdout!.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        const i = buf.indexOf('\n');
        if (i >= 0) resolve(buf.slice(0, i));
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code} before printing the URL`)));
    });
    const port = Number(/^http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1]);
    expect(port, line).toBeGreaterThan(0);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let b = '';
          res.on('data', (c: Buffer) => (b += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
        })
        .on('error', reject);
    });
    expect(status, body.slice(0, 200)).toBe(200);
    expect(body).toMatch(/<div id="root"|<script type="module"/);
    expect(fs.existsSync(path.join(clone, 'dist/renderer/index.html'))).toBe(true);
  }, 180_000);
});
