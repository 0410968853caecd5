#!/usr/bin/env node
// The whole test suite, as README and .ci/run call it (`npm test`):
//   1. type-check every layer (common, node side, tests, renderer)   — one check each
//   2. lint (eslint: layer zones, type-aware promise rules) and format (prettier --check) — one check each
//   3. build (CLI, Electron shell, renderer)                          — one check
//   4. electron-builder config check                                  — one check
//   5. vitest: unit + integration (real SQLite files, ptys, sockets)  — one per test
//   6. vitest e2e: the real UI in Debian's Chromium via Playwright    — one per test
// and ends with the line CI reads: "N passed, N failed, N skipped", summing all of the above.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(label, cmd, args, opts = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
}

function check(label, cmd, args) {
  if (step(label, cmd, args)) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(label);
  }
}

function vitest(label, config) {
  if (!fs.existsSync(path.join(root, config))) return;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-vitest-')), 'results.json');
  const ok = step(label, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  let counted = false;
  try {
    const res = JSON.parse(fs.readFileSync(out, 'utf8'));
    tally.passed += res.numPassedTests ?? 0;
    tally.failed += res.numFailedTests ?? 0;
    tally.skipped += (res.numPendingTests ?? 0) + (res.numTodoTests ?? 0);
    // A suite file that failed to load has no tests to count: count it as a failure.
    const brokenFiles = (res.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    tally.failed += brokenFiles;
    counted = true;
    if (!ok && (res.numFailedTests ?? 0) === 0 && brokenFiles === 0) {
      tally.failed += 1;
      failures.push(`${label} (runner exited non-zero)`);
    }
    if ((res.numFailedTests ?? 0) > 0 || brokenFiles > 0) failures.push(label);
  } catch {
    // no results file: the runner itself crashed
  }
  if (!counted) {
    tally.failed += 1;
    failures.push(`${label} (no results)`);
  }
}

check('typecheck: src/common (no Node, no DOM)', bin('tsc'), ['-p', 'tsconfig.common.json']);
check('typecheck: main, drivers, benches', bin('tsc'), ['-p', 'tsconfig.json']);
check('typecheck: tests', bin('tsc'), ['-p', 'tsconfig.test.json']);
check('typecheck: renderer', bin('tsc'), ['-p', 'tsconfig.renderer.json']);
check('lint', bin('eslint'), ['--max-warnings=0', '.']);
check('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('build (CLI, Electron shell, renderer)', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
if (fs.existsSync(path.join(root, 'scripts', 'check-builder-config.mjs'))) {
  check('electron-builder configuration', process.execPath, [path.join(root, 'scripts', 'check-builder-config.mjs')]);
}
vitest('unit and integration tests', 'vitest.config.mts');
vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.mts');

if (failures.length > 0) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
process.exit(tally.failed > 0 ? 1 : 0);
