// The layer zones of eslint.config.mjs (docs/ARCHITECTURE.md, Layers) hold both ways: for every zone
// a forbidden import fails lint with that zone's message, and an allowed one passes. The probes are
// linted as text under a virtual file name in the zone's folder, through the real config; the type-aware
// rules are switched off for them (a virtual file is in no tsconfig project and the probes need no types).
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

type Probe = { file: string; code: string; zone: string };

// [file in the zone, import statement] pairs; the zone is the label the rule reports.
const forbidden: Probe[] = [
  // src/common: nothing else in the repo, no Node, no platform packages
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import 'node:fs';" },
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import 'fs';" },
  { zone: 'src/common', file: 'src/common/notice/probe.ts', code: "import '../../main/core/log/logger';" },
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import '../renderer/App';" },
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import '../../drivers/scanner/interface';" },
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import 'react';" },
  { zone: 'src/common', file: 'src/common/probe.ts', code: "import 'electron';" },
  // drivers/<device>: own folder, drivers/serial-line, src/common
  { zone: 'drivers/<device>', file: 'drivers/scanner/probe.ts', code: "import '../escpos-printer/printer';" },
  { zone: 'drivers/<device>', file: 'drivers/card-terminal/protocol17/probe.ts', code: "import type { Printer } from '../../escpos-printer/interface';" },
  { zone: 'drivers/<device>', file: 'drivers/escpos-printer/probe.ts', code: "import '../../src/main/core/log/logger';" },
  { zone: 'drivers/<device>', file: 'drivers/camera/probe.ts', code: "import '../../src/main/virtual-lab/virtual-lab';" },
  { zone: 'drivers/<device>', file: 'drivers/camera/probe.ts', code: "import '../../src/main/node-sim/simulator';" },
  { zone: 'drivers/<device>', file: 'drivers/camera/probe.ts', code: "import 'electron';" },
  // drivers/serial-line: src/common only
  { zone: 'drivers/serial-line', file: 'drivers/serial-line/probe.ts', code: "import '../scanner/interface';" },
  { zone: 'drivers/serial-line', file: 'drivers/serial-line/probe.ts', code: "import '../../src/main/core/log/logger';" },
  // src/main/core: src/common, its own tree, drivers/*/interface
  { zone: 'src/main/core', file: 'src/main/core/payments/probe.ts', code: "import '../../app/create-app';" },
  { zone: 'src/main/core', file: 'src/main/core/payments/probe.ts', code: "import '../../node-sim/simulator';" },
  { zone: 'src/main/core', file: 'src/main/core/payments/probe.ts', code: "import '../../../../drivers/escpos-printer/virtual-printer';" },
  { zone: 'src/main/core', file: 'src/main/core/payments/probe.ts', code: "import type { VirtualPrinter } from '../../../../drivers/escpos-printer/virtual-printer';" },
  { zone: 'src/main/core', file: 'src/main/core/devices/probe.ts', code: "import '../../../../drivers/scanner';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import '../virtual-lab/virtual-lab';" },
  { zone: 'src/main/core', file: 'src/main/core/mil/probe.ts', code: "import '../../mil-sim/simulator';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import '../bridge/bridge-server';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import '../cli/main';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import '../electron/main';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import '../../renderer/App';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "import 'electron';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "export * from '../app/create-app';" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "export const load = () => import('../node-sim/simulator');" },
  { zone: 'src/main/core', file: 'src/main/core/probe.ts', code: "export type Sim = typeof import('../node-sim/simulator');" },
  { zone: 'src/main/core', file: 'src/main/core/store/probe.test.ts', code: "import '../../node-sim/simulator';" },
  { zone: 'src/main/core', file: 'src/main/core/store/probe.test.ts', code: "import '../../../../test/node/app-helpers';" },
  // src/main/node-sim: src/common and src/main/core/node only
  { zone: 'src/main/node-sim', file: 'src/main/node-sim/probe.ts', code: "import '../core/payments/engine';" },
  { zone: 'src/main/node-sim', file: 'src/main/node-sim/probe.ts', code: "import '../core/log/logger';" },
  { zone: 'src/main/node-sim', file: 'src/main/node-sim/probe.ts', code: "import '../app/create-app';" },
  { zone: 'src/main/node-sim', file: 'src/main/node-sim/probe.ts', code: "import '../../../drivers/escpos-printer/interface';" },
  // src/main/mil-sim: src/common and src/main/core/node only
  { zone: 'src/main/mil-sim', file: 'src/main/mil-sim/probe.ts', code: "import '../core/payments/engine';" },
  { zone: 'src/main/mil-sim', file: 'src/main/mil-sim/probe.ts', code: "import '../core/mil/client';" },
  { zone: 'src/main/mil-sim', file: 'src/main/mil-sim/probe.ts', code: "import '../node-sim/simulator';" },
  { zone: 'src/main/mil-sim', file: 'src/main/mil-sim/probe.ts', code: "import '../app/create-app';" },
  // src/main/virtual-lab: src/common, drivers, core/config, core/log
  { zone: 'src/main/virtual-lab', file: 'src/main/virtual-lab/probe.ts', code: "import '../core/payments/engine';" },
  { zone: 'src/main/virtual-lab', file: 'src/main/virtual-lab/probe.ts', code: "import '../node-sim/simulator';" },
  { zone: 'src/main/virtual-lab', file: 'src/main/virtual-lab/probe.ts', code: "import '../app/create-app';" },
  // src/main/app: the composition root, never bridge, cli, electron, renderer
  { zone: 'src/main/app', file: 'src/main/app/probe.ts', code: "import '../bridge/bridge-server';" },
  { zone: 'src/main/app', file: 'src/main/app/probe.ts', code: "import '../cli/main';" },
  { zone: 'src/main/app', file: 'src/main/app/devices/probe.ts', code: "import '../../electron/main';" },
  { zone: 'src/main/app', file: 'src/main/app/probe.ts', code: "import 'electron';" },
  // src/main/bridge: never node-sim, virtual-lab, cli, electron, renderer
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import '../node-sim/simulator';" },
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import '../virtual-lab/virtual-lab';" },
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import '../mil-sim/simulator';" },
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import '../../renderer/App';" },
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import 'electron';" },
  // src/main/cli: never electron, renderer
  { zone: 'src/main/cli', file: 'src/main/cli/commands/probe.ts', code: "import '../../electron/main';" },
  { zone: 'src/main/cli', file: 'src/main/cli/probe.ts', code: "import '../../renderer/App';" },
  { zone: 'src/main/cli', file: 'src/main/cli/probe.ts', code: "import 'electron';" },
  // src/main/electron: never the renderer
  { zone: 'src/main/electron', file: 'src/main/electron/probe.ts', code: "import '../../renderer/App';" },
  { zone: 'src/main/electron', file: 'src/main/electron/probe.ts', code: "import '../../renderer/i18n/locales/it.json';" },
  { zone: 'src/main/electron', file: 'src/main/electron/probe.ts', code: "import 'react';" },
  // src/renderer: src/common only
  { zone: 'src/renderer', file: 'src/renderer/counter/probe.tsx', code: "import '../../main/core/payments/engine';" },
  { zone: 'src/renderer', file: 'src/renderer/probe.ts', code: "import '../../drivers/scanner/interface';" },
  { zone: 'src/renderer', file: 'src/renderer/probe.ts', code: "import 'node:path';" },
  { zone: 'src/renderer', file: 'src/renderer/probe.ts', code: "import 'electron';" },
];

const allowed: Probe[] = [
  { zone: 'src/common', file: 'src/common/notice/probe.ts', code: "import '../money'; import 'zod';" },
  {
    zone: 'drivers/<device>',
    file: 'drivers/card-terminal/protocol17/probe.ts',
    code: "import '../../serial-line'; import '../interface'; import './lrc'; import '../../../src/common/logger'; import 'serialport';",
  },
  { zone: 'drivers/serial-line', file: 'drivers/serial-line/probe.ts', code: "import './interface'; import '../../src/common/clock'; import 'node:fs';" },
  {
    zone: 'src/main/core',
    file: 'src/main/core/payments/probe.ts',
    code: "import type { CardTerminal } from '../../../../drivers/card-terminal/interface'; import '../store/database'; import '../../../common/money'; import 'better-sqlite3';",
  },
  { zone: 'src/main/core', file: 'src/main/core/store/probe.test.ts', code: "import '../../../../test/helpers/fs-faults';" },
  { zone: 'src/main/node-sim', file: 'src/main/node-sim/probe.ts', code: "import '../core/node/xml'; import '../../common/clock'; import 'node:http';" },
  { zone: 'src/main/mil-sim', file: 'src/main/mil-sim/probe.ts', code: "import '../core/node/soap-client'; import './auth'; import '../../common/node-faults'; import 'node:http';" },
  {
    zone: 'src/main/virtual-lab',
    file: 'src/main/virtual-lab/probe.ts',
    code: "import '../../../drivers/escpos-printer/virtual-printer'; import '../core/config/schema'; import '../core/log/logger';",
  },
  {
    zone: 'src/main/app',
    file: 'src/main/app/devices/probe.ts',
    code: "import '../../node-sim/simulator'; import '../../mil-sim/simulator'; import '../../virtual-lab/virtual-lab'; import '../../../../drivers/escpos-printer/printer'; import '../../core/payments/engine';",
  },
  { zone: 'src/main/bridge', file: 'src/main/bridge/probe.ts', code: "import '../app/dispatcher'; import '../core/log/logger'; import '../../common/ipc/bridge';" },
  {
    zone: 'src/main/cli',
    file: 'src/main/cli/commands/probe.ts',
    code: "import '../../node-sim/simulator'; import '../../mil-sim/simulator'; import '../../virtual-lab/lab-admin'; import '../../bridge/bridge-server'; import '../../app/create-app';",
  },
  { zone: 'src/main/electron', file: 'src/main/electron/probe.ts', code: "import 'electron'; import '../app/create-app'; import '../bridge/bridge-server'; import '../../common/ipc';" },
  { zone: 'src/renderer', file: 'src/renderer/counter/probe.tsx', code: "import 'react'; import '../../common/money'; import '../i18n';" },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
});

async function zoneErrors(p: Probe): Promise<string[]> {
  const [result] = await eslint.lintText(p.code, { filePath: path.join(root, p.file) });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  expect(fatal, `${p.file}: parse error`).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'sportello/layers').map((m) => m.message);
}

describe('lint zones: a forbidden import fails lint', () => {
  it.each(forbidden.map((p) => [p.zone, p.file, p.code, p] as const))('[%s] %s: %s', async (_zone, _file, _code, p) => {
    const errors = await zoneErrors(p);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`[${p.zone}]`);
    expect(errors[0]).toContain('docs/ARCHITECTURE.md');
  });
});

describe('lint zones: an allowed import passes', () => {
  it.each(allowed.map((p) => [p.zone, p.file, p.code, p] as const))('[%s] %s: %s', async (_zone, _file, _code, p) => {
    expect(await zoneErrors(p)).toEqual([]);
  });
});

describe('lint zones match docs/ARCHITECTURE.md', () => {
  it('has one Layers table row per zone, and a forbidden and an allowed probe for each', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Layers'), doc.indexOf('\n## ', doc.indexOf('## Layers') + 1));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => (/^\| `([^`]+)`/.exec(l)?.[1] ?? '').replace(/(\/\*\*|\/)$/, ''));
    const zones = [...new Set(forbidden.map((p) => p.zone))];
    expect(rows).toEqual(zones);
    expect([...new Set(allowed.map((p) => p.zone))]).toEqual(zones);
  });
});
