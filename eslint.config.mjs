// Lint: typescript-eslint recommended rules, the type-aware promise rules for the Node side, and the
// layer zones of docs/ARCHITECTURE.md ("Layers": one zone per row of that table, enforced by the local
// rule `sportello/layers` below; test/node/lint-zones.test.ts proves each zone rejects a forbidden import).
import path from 'node:path';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// sportello/layers: resolves every import (static, `export … from`, dynamic `import()`, `import x =
// require()`, `typeof import()`) of the linted file to a repo-relative path and checks it against the
// zone's allow-list; bare package names are checked against the zone's deny-list. Relative paths are
// resolved, not pattern-matched, so '../../x' and './a/../../x' are judged alike whatever the depth.
//   zone:     the table row, used in the message
//   from:     regex on the linted file's repo-relative path; its groups feed $1… in `allow`
//   allow:    regexes on the resolved target (repo-relative, extension dropped)
//   packages: denied bare modules ('node:builtin' = every Node built-in, 'pkg/*' = a scope or subpaths)
//   rule:     what the zone may import, said in the message
// ---------------------------------------------------------------------------------------------
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const toPosix = (p) => p.split(path.sep).join('/');

function deniedPackage(spec, denied) {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  return denied.find((d) => {
    if (d === 'node:builtin') return spec.startsWith('node:') || builtins.has(bare) || builtins.has(bare.split('/')[0]);
    if (d.endsWith('/*')) return spec.startsWith(d.slice(0, -1));
    return spec === d || spec.startsWith(`${d}/`);
  });
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports only point downward: the zones of docs/ARCHITECTURE.md (Layers).' },
    schema: false,
    messages: {
      path: '[{{zone}}] may import {{rule}}; "{{spec}}" resolves to {{target}} (docs/ARCHITECTURE.md, Layers).',
      pkg: '[{{zone}}] must not import "{{spec}}": {{why}} (docs/ARCHITECTURE.md, Layers).',
    },
  },
  create(context) {
    const [zone] = context.options;
    if (!zone) return {};
    const file = toPosix(path.relative(root, context.filename));
    const groups = zone.from ? (new RegExp(zone.from).exec(file) ?? []) : [];
    const allow = (zone.allow ?? []).map((re) => new RegExp(re.replace(/\$(\d)/g, (_, i) => (groups[Number(i)] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))));
    // A unit test beside the code is in its file's zone, and may also use the shared test helpers.
    const testHelpers = /\.test\.tsx?$/.test(file) ? [/^test\/helpers\//] : [];
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.(tsx?|mts|cts|mjs|cjs|js|json)$/, '');
        if (target.startsWith('../')) return; // outside the repo: not a layer
        if (![...allow, ...testHelpers].some((re) => re.test(target))) context.report({ node, messageId: 'path', data: { zone: zone.zone, rule: zone.rule, spec, target } });
        return;
      }
      const denied = deniedPackage(spec, zone.packages ?? []);
      if (denied) context.report({ node, messageId: 'pkg', data: { zone: zone.zone, spec, why: zone.packagesWhy ?? 'not in this layer' } });
    };
    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => check(n.source, literal(n.source)),
      TSImportEqualsDeclaration: (n) => n.moduleReference.type === 'TSExternalModuleReference' && check(n.moduleReference, literal(n.moduleReference.expression)),
      TSImportType: (n) => check(n, literal('source' in n ? n.source : n.argument?.literal)), // `source` since typescript-eslint 8.x
    };
  },
};

// The zones: one per row of the Layers table in docs/ARCHITECTURE.md, in the same order. Paths are
// repo-relative and extensionless; `(/|$)` admits a folder's index file and everything below it.
const R = {
  common: '^src/common(/|$)',
  drivers: '^drivers(/|$)',
  serialLine: '^drivers/serial-line(/|$)',
  driverInterface: '^drivers/[^/]+/interface$',
  core: '^src/main/core(/|$)',
  coreNode: '^src/main/core/node(/|$)',
  nodeSim: '^src/main/node-sim(/|$)',
  milSim: '^src/main/mil-sim(/|$)',
  lab: '^src/main/virtual-lab(/|$)',
  app: '^src/main/app(/|$)',
  bridge: '^src/main/bridge(/|$)',
  cli: '^src/main/cli(/|$)',
  main: '^src/main(/|$)',
  renderer: '^src/renderer(/|$)',
};
const platform = ['node:builtin', 'electron', 'react', 'react-dom', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', '@napi-rs/canvas'];
const zones = [
  {
    files: ['src/common/**/*.{ts,tsx}'],
    zone: 'src/common',
    allow: [R.common],
    rule: 'nothing else in the repo (src/common only)',
    packages: platform,
    packagesWhy: 'src/common is plain TS shared by main and renderer (no Node, no DOM, no electron/react/native modules)',
  },
  {
    files: ['drivers/*/**/*.ts'],
    ignores: ['drivers/serial-line/**'],
    zone: 'drivers/<device>',
    from: '^drivers/([^/]+)/',
    allow: ['^drivers/$1(/|$)', R.serialLine, R.common],
    rule: 'only its own folder, drivers/serial-line and src/common (never another driver, the core or the lab)',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'drivers are plain Node',
  },
  {
    files: ['drivers/serial-line/**/*.ts'],
    zone: 'drivers/serial-line',
    allow: [R.serialLine, R.common],
    rule: 'only src/common (no device folder)',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'drivers are plain Node',
  },
  {
    files: ['src/main/core/**/*.ts'],
    zone: 'src/main/core',
    allow: [R.common, R.core, R.driverInterface],
    rule: 'only src/common, its own tree and drivers/*/interface (concrete drivers, node-sim, virtual-lab, app, bridge, cli, electron and renderer are injected or above it)',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the core is platform-free Node, never electron',
  },
  {
    files: ['src/main/node-sim/**/*.ts'],
    zone: 'src/main/node-sim',
    allow: [R.nodeSim, R.common, R.coreNode],
    rule: 'only src/common and src/main/core/node (the XML helpers and node types), not the payments engine or the rest of the core',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the simulator is plain Node',
  },
  {
    files: ['src/main/mil-sim/**/*.ts'],
    zone: 'src/main/mil-sim',
    allow: [R.milSim, R.common, R.coreNode],
    rule: 'only src/common and src/main/core/node (it calls the node like the real MIL), not the payments engine, the MIL client or the rest of the core',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the simulator is plain Node',
  },
  {
    files: ['src/main/virtual-lab/**/*.ts'],
    zone: 'src/main/virtual-lab',
    allow: [R.lab, R.common, R.drivers, '^src/main/core/config(/|$)', '^src/main/core/log(/|$)'],
    rule: 'only src/common, drivers/*, src/main/core/config and src/main/core/log',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the lab is plain Node',
  },
  {
    files: ['src/main/app/**/*.ts'],
    zone: 'src/main/app',
    allow: [R.app, R.common, R.drivers, R.core, R.nodeSim, R.milSim, R.lab],
    rule: 'src/common, drivers, the core, node-sim, mil-sim and virtual-lab (the composition root), never bridge, cli, electron or renderer',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the composition root runs under both shells; electron belongs to src/main/electron',
  },
  {
    files: ['src/main/bridge/**/*.ts'],
    zone: 'src/main/bridge',
    allow: [R.bridge, R.common, R.drivers, R.core, R.app],
    rule: 'src/common, drivers, the core and src/main/app, never node-sim, mil-sim, virtual-lab, cli, electron or renderer',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the browser bridge is the electron-free shell',
  },
  {
    files: ['src/main/cli/**/*.ts'],
    zone: 'src/main/cli',
    allow: [R.cli, R.common, R.drivers, R.core, R.nodeSim, R.milSim, R.lab, R.app, R.bridge],
    rule: 'src/common, drivers, the core, node-sim, mil-sim, virtual-lab, app and bridge, never electron or renderer',
    packages: ['electron', 'react', 'react-dom'],
    packagesWhy: 'the CLI runs without electron',
  },
  {
    files: ['src/main/electron/**/*.ts'],
    zone: 'src/main/electron',
    allow: [R.main, R.common, R.drivers],
    rule: 'everything in src/main, drivers and src/common, never src/renderer (the renderer is loaded as a page)',
    packages: ['react', 'react-dom'],
    packagesWhy: 'the shell never imports the renderer',
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    zone: 'src/renderer',
    allow: [R.renderer, R.common],
    rule: 'only src/common (talk to the core through window.sportello)',
    packages: platform.filter((p) => p !== 'react' && p !== 'react-dom'),
    packagesWhy: 'the renderer is DOM + React only',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tool configs (vite, vitest, eslint) must default-export; our own code never does.
    files: ['src/**/*.{ts,tsx}', 'drivers/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }] },
  },
  // Type-aware rules for the Node side (tsconfig.json's project): a dropped promise there is a lost
  // error or an unordered write. Fire-and-forget is spelled `void x()` with a comment saying why.
  {
    files: ['src/main/**/*.ts', 'drivers/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // The layer zones. Unit tests beside the code (*.test.ts) are in their file's zone too; their one
  // extra is test/helpers/ (see layersRule). bench/, scripts/ and test/ are tooling, outside the zones.
  { plugins: { sportello: { rules: { layers: layersRule } } } },
  ...zones.map(({ files, ignores, ...zone }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'sportello/layers': ['error', zone] },
  })),
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'bin/*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: '.only must not be committed.' },
      ],
    },
  },
);
