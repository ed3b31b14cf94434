// Developer script: a screenshot of the running app (npm start first), optionally after a script.
// node tools/screenshot.mjs [url] [out.png] [javascript to evaluate in the page]
/* global window -- the page-side callbacks of page.evaluate */
import { chromium } from '@playwright/test';
const url = process.argv[2] ?? 'http://127.0.0.1:4173/?motion=off';
const out = process.argv[3] ?? '/tmp/shot.png';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({
  viewport: { width: 1280, height: Number(process.env.HEIGHT ?? 900) },
});
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForFunction(() => window.gicscope !== undefined);
await page.evaluate(() => window.gicscope.whenIdle());
const script = process.argv[4];
if (script) await page.evaluate(script);
await page.evaluate(() => window.gicscope.whenIdle());
console.log(
  JSON.stringify(
    await page.evaluate(() => {
      const s = window.gicscope.state();
      return {
        status: s.status,
        scenario: s.scenario,
        time: s.time,
        failure: s.failure,
        logSize: s.logSize,
      };
    }),
  ),
);
await page.screenshot({ path: out, fullPage: process.env.FULL !== '0' });
await browser.close();
