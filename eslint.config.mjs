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
