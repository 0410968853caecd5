// Lint: typescript-eslint recommended rules plus the layer boundaries of docs/ARCHITECTURE
// (imports only point downward; the core never imports electron; common imports nothing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'core/drivers must not import electron; expose it via src/main/electron/.' };

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
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto'], message: 'src/common is platform-free: no Node modules.' },
        { group: ['**/main/**', '**/renderer/**', '**/drivers/**'], message: 'src/common imports nothing else in the repo.' },
        { group: ['electron', 'react', 'better-sqlite3'], message: 'src/common is platform-free.' },
      ] }],
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'drivers/**/*.ts', 'src/main/cli/**/*.ts', 'src/main/node-sim/**/*.ts', 'src/main/bridge/**/*.ts', 'src/main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [
        { group: ['**/renderer/**'], message: 'main and drivers never import the renderer.' },
      ] }],
    },
  },
  // A device driver imports src/common, its own folder and the shared serial plumbing, nothing else
  // (docs/ARCHITECTURE.md): drivers never depend on each other or on the core. One entry per folder
  // depth, since the rule sees relative paths: '../x' leaves a top-level file's folder, '../../x' a
  // nested one's (drivers/card-terminal/protocol17/).
  ...['escpos-printer', 'card-terminal', 'scanner', 'camera'].flatMap((device) =>
    [
      { files: [`drivers/${device}/*.ts`], up: '\\.\\./' },
      { files: [`drivers/${device}/*/**/*.ts`], up: '\\.\\./\\.\\./' },
    ].map(({ files, up }) => ({
      files,
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', { paths: [noElectron], patterns: [
          { group: ['**/src/main/**', '**/renderer/**'], message: 'drivers never import the core or the renderer.' },
          { regex: `^${up}(?!serial-line(/|$)|\\.\\./)`, message: `drivers/${device} may import only its own folder, drivers/serial-line and src/common.` },
        ] }],
      },
    })),
  ),
  {
    files: ['drivers/serial-line/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ regex: '^\\.\\./(?!\\.\\./src/common/)', message: 'drivers/serial-line imports only src/common.' }, { group: ['**/src/main/**'], message: 'drivers never import the core.' }] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [
        { group: ['**/main/**', '**/drivers/**', 'node:*'], message: 'the renderer may import src/common only; talk to the core through the bridge.' },
      ] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'bin/*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }, { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: '.only must not be committed.' }] },
  },
);
