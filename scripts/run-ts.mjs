#!/usr/bin/env node
// Runs a TypeScript entry point (a bench, a crash-harness child, a dev script) in plain Node:
// bundles it with esbuild (dependencies stay external) into dist/run/ and executes it with the given args.
//   node scripts/run-ts.mjs bench/node-client.bench.ts [args…]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (relative to the repo root or absolute) and returns the path of the .cjs file. */
export async function bundleTs(entry) {
  const abs = path.resolve(root, entry);
  const out = path.join(root, 'dist', 'run', `${path.relative(root, abs).replace(/[\\/]/g, '__').replace(/\.ts$/, '')}.cjs`);
  await build({ entryPoints: [abs], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: 'inline', logLevel: 'warning' });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args…]\n');
    process.exit(2);
  }
  const out = await bundleTs(entry);
  const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
