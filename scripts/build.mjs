#!/usr/bin/env node
// Builds everything that runs outside vitest:
//   dist/cli.cjs                 the `sportello` CLI (plain Node)
//   dist/main/electron-main.cjs  the Electron main process (thin shell over the same core)
//   dist/main/preload.cjs        the sandboxed preload bridge
//   dist/renderer/               the React UI (Vite), served by Electron or by `sportello serve`
// Node code is bundled with esbuild (dependencies stay in node_modules); `--node-only` skips Vite.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

export async function buildNode() {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { 'process.env.SPORTELLO_BUILD_VERSION': JSON.stringify(pkg.version) },
  };
  await build({ ...common, entryPoints: [path.join(root, 'src/main/cli/entry.ts')], outfile: path.join(root, 'dist/cli.cjs') });
  const electronMain = path.join(root, 'src/main/electron/main.ts');
  if (fs.existsSync(electronMain)) {
    await build({ ...common, entryPoints: [electronMain], outfile: path.join(root, 'dist/main/electron-main.cjs'), external: ['electron'] });
  }
  const preload = path.join(root, 'src/main/electron/preload.ts');
  if (fs.existsSync(preload)) {
    // A sandboxed preload may only require('electron'): bundle everything else into it.
    await build({ ...common, packages: undefined, entryPoints: [preload], outfile: path.join(root, 'dist/main/preload.cjs'), external: ['electron'] });
  }
}

export async function buildRenderer() {
  if (!fs.existsSync(path.join(root, 'vite.config.mts'))) return;
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const nodeOnly = process.argv.includes('--node-only');
  await buildNode();
  if (!nodeOnly) await buildRenderer();
}
