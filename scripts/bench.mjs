#!/usr/bin/env node
// `npm run bench`: every bench in bench/ (*.bench.ts), one after the other on this machine, each printing
// its own figures (ratios measured side by side within the bench), then one summary table. The README's
// figures come from this command. Tests never time anything (docs/ARCHITECTURE.md).
//   npm run bench                 all benches
//   npm run bench -- queue-drain  only the benches whose name contains one of the arguments
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTs } from './run-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const filters = process.argv.slice(2);
const benches = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const rows = [];
for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const started = Date.now();
  const out = await bundleTs(path.join('bench', file));
  const r = spawnSync(process.execPath, ['--expose-gc', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout ?? '');
  // The bench's own headline: its last non-empty line is its summary figure.
  const last = (r.stdout ?? '').trim().split('\n').filter(Boolean).at(-1) ?? '';
  rows.push({ name, ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1), headline: last.trim().slice(0, 110) });
}

const width = Math.max(...rows.map((r) => r.name.length), 5);
process.stdout.write(`\n${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`);
process.stdout.write(`${'bench'.padEnd(width)}  status  time    last line\n`);
for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  ${(r.ok ? 'ok' : 'FAILED').padEnd(6)}  ${`${r.seconds}s`.padEnd(6)}  ${r.headline}\n`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
