// The developer tools' common start: the built app under `vite preview`, a Chromium page at
// 1280×720 with the 64-PE storm loaded, run past boot and set to max speed (not yet playing).
/* global window -- the page-side callbacks of page.evaluate */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';

/** Returns { browser, page, close }; `close()` ends the browser and the preview server. */
export async function openStormPage(port) {
  const storm = readFileSync(new URL('../bench/storm-64.json', import.meta.url), 'utf8');
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' },
  );
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const close = async () => {
    await browser.close();
    server.kill();
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://127.0.0.1:${port}/?motion=off`);
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.waitForFunction(() => window.gicscope !== undefined);
    await page.evaluate(() => window.gicscope.whenIdle());
    await page.evaluate((text) => window.gicscope.loadScenario(text), storm);
    await page.evaluate(() => window.gicscope.runUntil(1_000_000));
    await page.evaluate(() => window.gicscope.setSpeed(Infinity));
    return { browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
