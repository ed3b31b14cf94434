// Renders public/favicon.svg to the PNG icons the web app manifest names (Chromium wants PNGs of
// at least 192 and 512 px to offer installation). Run once after changing the favicon:
//   node tools/pwa-icons.mjs
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [192, 512]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({
    path: new URL(`../public/icon-${size}.png`, import.meta.url).pathname,
    omitBackground: true,
  });
}
await browser.close();
