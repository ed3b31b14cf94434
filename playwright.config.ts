import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// E2E_PORT lets several checkouts run their suites side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  retries: process.env.CI ? 1 : 0,
  // a cap, not a measure: a loaded 2-core CI machine runs two tests side by side
  timeout: process.env.CI ? 60_000 : 30_000,
  // one page at a time: the tests are CPU-bound (Chromium, the simulation worker, axe), and two
  // workers on the 2-core CI machine took 1,494 s of test time for 766 s of wall time, no faster
  // than one; E2E_WORKERS=N for a bigger machine
  workers: Number(process.env.E2E_WORKERS ?? 1),
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: {
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
    },
    trace: 'retain-on-failure',
    // the offline spec allows the service worker; elsewhere its precaching is only extra load
    serviceWorkers: 'block',
  },
  webServer: {
    command: `node_modules/.bin/vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
