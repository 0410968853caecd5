#!/usr/bin/env node
// `npm run soak`: the crash harness (test/crash/) with many more kill points than the CI test.
//   node bench/crash-soak.mjs [iterationsPerCampaign=500] [rounds=1] [firstSeed=100]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTs } from '../scripts/run-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const out = await bundleTs('test/crash/soak.ts');
const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
