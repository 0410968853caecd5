#!/usr/bin/env node
// Offline check of electron.builder.yml (toolchain.md §1b): validates it against electron-builder's own
// JSON schema (app-builder-lib/scheme.json), checks the files it references exist after a build, and
// with --pack runs `electron-builder --dir` against a fake unpacked Electron (electronDist) with
// npmRebuild:false to check the asar/unpack layout. Exit 0 = ok, 1 = problems (listed on stderr).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml');
const Ajv = require('ajv');

const problems = [];
const configFile = path.join(root, 'electron.builder.yml');
const config = yaml.load(fs.readFileSync(configFile, 'utf8'));
const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const validate = ajv.compile(schema);
if (!validate(config)) for (const e of validate.errors) problems.push(`schema: ${e.instancePath || '(root)'} ${e.message}`);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const main = config.extraMetadata?.main ?? pkg.main;
for (const rel of [main, 'dist/main/preload.cjs']) {
  if (!fs.existsSync(path.join(root, rel))) problems.push(`missing build output ${rel} (run npm run build)`);
}
// The renderer is built by vite (another step); its absence is reported but does not fail the check.
if (!fs.existsSync(path.join(root, 'dist/renderer/index.html'))) process.stderr.write('warning: dist/renderer/index.html not built yet\n');
for (const dep of ['better-sqlite3', 'node-hid', '@serialport/bindings-cpp', '@napi-rs/canvas']) {
  const unpacked = (config.asarUnpack ?? []).some((g) => g.includes(dep.split('/')[0]));
  if (!unpacked) problems.push(`native module ${dep} is not in asarUnpack`);
}
if (config.nsis?.perMachine !== false) problems.push('nsis.perMachine must be false (per-user, silent updates)');
const publish = [].concat(config.publish ?? []);
if (!publish.some((p) => p.provider === 'generic')) problems.push('publish: a generic provider is expected');

if (process.argv.includes('--pack') && problems.length === 0) {
  // A fake unpacked Electron: enough for electron-builder to lay out resources/app.asar offline.
  const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-fake-electron-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-pack-'));
  try {
    fs.writeFileSync(path.join(fake, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(fake, 'version'), `v${require('electron/package.json').version}`);
    fs.writeFileSync(path.join(fake, 'LICENSE'), 'fake');
    fs.writeFileSync(path.join(fake, 'LICENSES.chromium.html'), 'fake');
    fs.mkdirSync(path.join(fake, 'resources'));
    // Fuses flip bytes inside the real Electron binary, which the fake one is not: drop them here.
    const packConfig = { ...config, electronDist: fake, npmRebuild: false, directories: { ...config.directories, output: out } };
    delete packConfig.electronFuses;
    const packFile = path.join(out, 'pack-config.json');
    fs.writeFileSync(packFile, JSON.stringify(packConfig));
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--config', packFile], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) problems.push(`electron-builder --dir failed: ${(r.stderr || r.stdout).split('\n').filter(Boolean).slice(-3).join(' | ')}`);
    else {
      const res = path.join(out, 'linux-unpacked', 'resources');
      if (!fs.existsSync(path.join(res, 'app.asar'))) problems.push('pack: resources/app.asar missing');
      if (!fs.existsSync(path.join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3'))) problems.push('pack: better-sqlite3 not unpacked from the asar');
      else process.stdout.write(`pack ok: ${res}/app.asar + app.asar.unpacked\n`);
    }
  } finally {
    fs.rmSync(fake, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exit(1);
}
process.stdout.write('electron.builder.yml ok\n');
