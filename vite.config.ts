import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { CSP_HEADER, cspMeta } from './scripts/csp.mjs';

export default defineConfig({
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  base: './',
  // npm start and the e2e suite serve the build with the strict policy (scripts/csp.mjs)
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    // child-process tests (CLI, dependency rules) take seconds on a loaded 2-core machine
    testTimeout: 30_000,
  },
});
