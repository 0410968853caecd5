#!/usr/bin/env node
// `npm start`: launch Electron when its binary is installed, else serve the UI to a browser.
// Electron >= 42 has no install script: its binary is fetched on first use (toolchain.md §1a). So on
// first start we run electron's own installer once (a machine with internet gets a working Electron;
// here it fails at once with no network) and fall back to the browser bridge, saying so.
// SPORTELLO_NO_ELECTRON=1 skips Electron entirely.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

export function electronBinary(electronDir = path.join(root, 'node_modules', 'electron')) {
  try {
    const rel = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const bin = path.join(electronDir, 'dist', rel);
    return rel && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Runs node_modules/electron/install.js (the lazy binary download); true when a binary is then present. */
function tryInstallElectron() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return false;
  process.stderr.write('Electron binary not present: trying to download it once (electron install.js)…\n');
  const r = spawnSync(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (r.status !== 0) {
    const why =
      String(r.stderr ?? '')
        .split('\n')
        .find((l) => /error|failed|ENOTFOUND|fetch/i.test(l)) ?? `exit ${r.status}`;
    process.stderr.write(`  download failed: ${why.trim().slice(0, 160)}\n`);
    return false;
  }
  return electronBinary() !== null;
}

function run(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bin = process.env.SPORTELLO_NO_ELECTRON ? null : (electronBinary() ?? (tryInstallElectron() ? electronBinary() : null));
  if (bin) {
    run(bin, [path.join(root, 'dist', 'main', 'electron-main.cjs'), ...args]);
  } else {
    process.stderr.write('Electron binary not installed here: serving the UI to your browser instead (open the URL below).\n');
    run(process.execPath, [path.join(root, 'bin', 'sportello'), 'serve', ...args]);
  }
}
