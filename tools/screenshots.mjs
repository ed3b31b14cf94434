// Screenshots of the app for docs/ and for looking at the picture (npm run build first; it
// serves dist/ itself). `npm run screenshots` writes the docs set to docs/screenshots/;
// node tools/screenshots.mjs <outDir> [name-filter] [--all] writes any of them elsewhere.
// Browser zoom at 150 % on a 1280×720 window is a 853×480 CSS viewport at device scale 1.5.
/* global window, document -- the page-side callbacks of page.evaluate */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';

const PORT = Number(process.env.SHOT_PORT ?? 4199);
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const all = process.argv.includes('--all');
const out = args[0] ?? 'docs/screenshots';
const only = args[1] ?? '';

const idle = (page) => page.evaluate(() => window.gicscope.whenIdle());
const key = async (page, k) => {
  await page.keyboard.press(k);
  await idle(page);
};

/** name, viewport, device scale, what to do first */
const SHOTS = [
  { name: 'start-1280x720', width: 1280, height: 720, docs: true },
  { name: 'start-1920x1080', width: 1920, height: 1080 },
  { name: 'zoom-150-1280x720', width: 853, height: 480, scale: 1.5, full: true, docs: true },
  { name: 'zoom-200-1280x720', width: 640, height: 360, scale: 2, full: true },
  { name: 'tablet-768', width: 768, height: 1024, full: true, docs: true },
  { name: 'phone-390', width: 390, height: 844, scale: 2, full: true },
  {
    name: 'nmi-moment-1280x720',
    width: 1280,
    height: 720,
    docs: true,
    act: async (page) => {
      await page.evaluate(() => window.gicscope.runUntil(120_000));
      await idle(page);
      await page.getByRole('button', { name: 'Inject NMI', exact: true }).click();
      await idle(page);
      await page.evaluate(() => window.gicscope.step(8));
      await idle(page);
    },
  },
  {
    name: 'presenter-1920x1080',
    width: 1920,
    height: 1080,
    docs: true,
    act: (page) => key(page, 'p'),
  },
  {
    name: 'presenter-1280x720',
    width: 1280,
    height: 720,
    act: (page) => key(page, 'p'),
  },
  {
    name: 'its-msi-1280x720',
    width: 1280,
    height: 720,
    docs: true,
    act: async (page) => {
      await page.evaluate(() => window.gicscope.loadScenario('msi-nic'));
      await idle(page);
      await page.evaluate(() => window.gicscope.runUntil(150_010));
      await idle(page);
    },
  },
  {
    name: 'details-1280x720',
    width: 1280,
    height: 720,
    full: true,
    docs: true,
    act: async (page) => {
      await page
        .getByRole('region', { name: 'Redistributor 2', exact: true })
        .getByRole('button', { name: /^PPI 27 / })
        .click();
      await idle(page);
    },
  },
];

const server = spawn(
  'node_modules/.bin/vite',
  ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  { stdio: 'ignore' },
);
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  mkdirSync(out, { recursive: true });
  const docsOnly = out === 'docs/screenshots' && !all;
  for (const shot of SHOTS.filter((s) => s.name.includes(only) && (s.docs || !docsOnly))) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: shot.scale ?? 1,
    });
    page.on('pageerror', (e) => console.log(`${shot.name}: pageerror ${e.message}`));
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(`http://127.0.0.1:${PORT}/?motion=off`);
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.waitForFunction(() => window.gicscope !== undefined);
    await idle(page);
    if (shot.act) await shot.act(page);
    await idle(page);
    const overflow = await page.evaluate(
      () => document.scrollingElement.scrollWidth - window.innerWidth,
    );
    const path = join(out, `${shot.name}.png`);
    await page.screenshot({ path, fullPage: shot.full ?? false });
    console.log(`${path}${overflow > 0 ? `  (scrolls sideways by ${overflow}px!)` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
