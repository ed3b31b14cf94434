import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The model must be deterministic: virtual time and a seeded generator only (ARCHITECTURE.md).
const nondeterministic = [
  'Date',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'document',
  'window',
];

export default defineConfig([
  globalIgnores([
    'dist',
    'test-results',
    'playwright-report',
    'reports',
    'node_modules',
    'tools/.work',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  {
    files: ['src/gic/**/*.ts', 'src/machine/**/*.ts', 'src/arch/**/*.ts', 'src/lib/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...nondeterministic.map((name) => ({
          name,
          message: 'The core runs on virtual time and a seeded generator.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in the state.' },
      ],
    },
  },
  {
    // classic zod is 114 kB in the worker the first screen waits for; zod/mini runs the same
    // checks in about 28 kB (docs/architecture.md, Loading)
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { name: 'zod', message: "Import * as z from 'zod/mini' (the worker's start-up size)." },
      ],
    },
  },
  {
    // Playwright fixtures take a `use` callback that is not React's
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
]);
