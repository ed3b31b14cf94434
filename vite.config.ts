import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  base: './',
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    // child-process tests (CLI, dependency rules) take seconds on a loaded 2-core machine
    testTimeout: 30_000,
  },
});
