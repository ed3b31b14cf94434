// First screen (issue 13): navigation → the first Distributor cell on screen, for the built app
// and for a blank Vite + React page built here that renders the same region (the Distributor
// with one cell per SPI, nothing else). Alternated runs, each in a fresh browser context (empty
// cache), median of RUNS each; the ratio is the figure. The app's first cell is that of the static
// first screen in index.html (scripts/first-screen-html.mjs); the bench also prints when React's
// own cell replaced it (the page answers clicks from then on). Also prints what the first screen
// loads.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview, type PreviewServer } from 'vite';
import { findChromium } from '../scripts/find-chromium.mjs';

const RUNS = Number(process.env.STARTUP_RUNS ?? 7);
const APP_PORT = Number(process.env.STARTUP_BENCH_PORT ?? 4196);
const BLANK_PORT = APP_PORT + 1;
const root = resolve(import.meta.dirname, '..');
// inside the project, so the blank page resolves react from the same node_modules
const blankRoot = join(root, 'node_modules', '.cache', 'gicscope-startup-blank');

/** The first cell of the Distributor region, in the app and in the blank page alike. */
const FIRST_CELL = '[aria-label="Distributor"] [aria-label^="SPI "]';

const BLANK_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>blank</title></head>
  <body><div id="root"></div><script type="module" src="./main.tsx"></script></body>
</html>
`;

const BLANK_MAIN = `import { createRoot } from 'react-dom/client';

const spis = Array.from({ length: 64 }, (_, i) => 32 + i);

function Distributor() {
  return (
    <section aria-label="Distributor">
      <h2>Distributor</h2>
      <div>
        {spis.map((intid) => (
          <button key={intid} type="button" aria-label={\`SPI \${intid} inactive\`}>
            {intid}
          </button>
        ))}
      </div>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(<Distributor />);
`;

async function buildBoth(): Promise<void> {
  await build({ root, logLevel: 'warn', build: { manifest: true } });
  rmSync(blankRoot, { recursive: true, force: true });
  mkdirSync(blankRoot, { recursive: true });
  writeFileSync(join(blankRoot, 'index.html'), BLANK_HTML);
  writeFileSync(join(blankRoot, 'main.tsx'), BLANK_MAIN);
  await build({
    root: blankRoot,
    configFile: false,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true },
  });
}

/**
 * Milliseconds from navigation start to the frame that first shows a Distributor cell, and to
 * the frame that first shows one drawn by React (outside the static first screen).
 */
async function firstCell(browser: Browser, url: string): Promise<{ cell: number; live: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // in-page code as text: tsx would wrap named functions in a helper the page does not have
  await page.addInitScript(`(() => {
    const cells = () => [...document.querySelectorAll(${JSON.stringify(FIRST_CELL)})];
    let cell = false;
    const seen = () => {
      const found = cells();
      if (!cell && found.length > 0) {
        cell = true;
        requestAnimationFrame(() => { window.__firstCell = performance.now(); });
      }
      if (found.some((c) => c.closest('.first-screen') === null)) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__liveCell = performance.now(); });
      }
    };
    const observer = new MutationObserver(seen);
    observer.observe(document, { childList: true, subtree: true });
  })()`);
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __firstCell?: number; __liveCell?: number };
      return w.__liveCell !== undefined && w.__firstCell !== undefined
        ? { cell: w.__firstCell, live: w.__liveCell }
        : undefined;
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  const ms = (await handle.jsonValue()) as { cell: number; live: number };
  await context.close();
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

interface Asset {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

function asset(dir: string, file: string): Asset {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
}

/** The React tree's chunk: loaded by the entry at once, so it is part of the first screen. */
const FIRST_SCREEN_DYNAMIC = ['src/ui/boot/render.tsx'];

/**
 * What the first screen loads (the entry, the React tree, their static imports and styles, from
 * Vite's manifest; for a page without one, what index.html references), the worker, and the
 * rest (views loaded later).
 */
function bundleReport(dist: string): { first: Asset[]; worker: Asset[]; lazy: Asset[] } {
  const all = readdirSync(join(dist, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => `assets/${f}`);
  const first = new Set<string>();
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    const visit = (key: string): void => {
      const chunk = manifest[key];
      if (chunk === undefined || first.has(chunk.file)) return;
      first.add(chunk.file);
      for (const css of chunk.css ?? []) first.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const [key, chunk] of Object.entries(manifest))
      if (chunk.isEntry === true || FIRST_SCREEN_DYNAMIC.includes(chunk.src ?? key)) visit(key);
  } else {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const m of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g))
      first.add(m[1] ?? '');
  }
  const isWorker = (f: string): boolean => /worker/.test(f) && !first.has(f);
  return {
    first: all.filter((f) => first.has(f)).map((f) => asset(dist, f)),
    worker: all.filter(isWorker).map((f) => asset(dist, f)),
    lazy: all.filter((f) => !first.has(f) && !isWorker(f)).map((f) => asset(dist, f)),
  };
}

const kb = (n: number): string => (n / 1000).toFixed(1);
const sum = (xs: readonly Asset[], k: 'raw' | 'gzip'): number => xs.reduce((a, x) => a + x[k], 0);

async function main(): Promise<void> {
  await buildBoth();
  const servers: PreviewServer[] = [
    await preview({
      root,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: APP_PORT, strictPort: true },
    }),
    await preview({
      root: blankRoot,
      configFile: false,
      base: './',
      logLevel: 'warn',
      build: { outDir: 'dist' },
      preview: { host: '127.0.0.1', port: BLANK_PORT, strictPort: true },
    }),
  ];
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const app = `http://127.0.0.1:${APP_PORT}/`;
    const blank = `http://127.0.0.1:${BLANK_PORT}/`;
    // one of each first: the browser's own start-up is not the page's
    await firstCell(browser, app);
    await firstCell(browser, blank);
    const appMs: number[] = [];
    const liveMs: number[] = [];
    const blankMs: number[] = [];
    const appRun = async (): Promise<void> => {
      const { cell, live } = await firstCell(browser, app);
      appMs.push(cell);
      liveMs.push(live);
    };
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        await appRun();
        blankMs.push((await firstCell(browser, blank)).cell);
      } else {
        blankMs.push((await firstCell(browser, blank)).cell);
        await appRun();
      }
    }
    const a = median(appMs);
    const b = median(blankMs);
    const { first, worker, lazy } = bundleReport(join(root, 'dist'));
    const blankBundle = bundleReport(join(blankRoot, 'dist')).first;
    console.log(
      `navigation -> first Distributor cell, ${RUNS} alternated runs, fresh context each`,
    );
    console.log(`  app    ${appMs.map((x) => x.toFixed(0)).join(' ')} ms`);
    console.log(`  blank  ${blankMs.map((x) => x.toFixed(0)).join(' ')} ms`);
    console.log(
      `  app, first cell drawn by React (static first screen replaced): ${liveMs.map((x) => x.toFixed(0)).join(' ')} ms`,
    );
    console.log(
      `  what the app's first screen loads (entry, React tree, their imports and styles):`,
    );
    for (const f of first)
      console.log(`    ${f.file.padEnd(40)} ${kb(f.raw)} kB, ${kb(f.gzip)} kB gzip`);
    console.log(
      `  worker: ${worker.map((f) => `${f.file} ${kb(f.raw)} kB (${kb(f.gzip)} gzip)`).join(', ')}`,
    );
    console.log(
      `  loaded later: ${lazy.length} chunk(s), ${kb(sum(lazy, 'raw'))} kB (${kb(sum(lazy, 'gzip'))} kB gzip)`,
    );
    console.log(
      `  blank page: ${kb(sum(blankBundle, 'raw'))} kB (${kb(sum(blankBundle, 'gzip'))} kB gzip)`,
    );
    console.log(`FIGURE startup.first_cell.app = ${a.toFixed(0)} ms`);
    console.log(`FIGURE startup.first_cell.blank = ${b.toFixed(0)} ms`);
    console.log(`FIGURE startup.ratio_to_blank = ${(a / b).toFixed(2)} x (target <= 1.5 x)`);
    console.log(`FIGURE startup.first_live_cell.app = ${median(liveMs).toFixed(0)} ms`);
    console.log(`FIGURE startup.live_ratio_to_blank = ${(median(liveMs) / b).toFixed(2)} x`);
    console.log(`FIGURE startup.first_screen_js_css = ${kb(sum(first, 'raw'))} kB`);
    console.log(`FIGURE startup.first_screen_js_css_gzip = ${kb(sum(first, 'gzip'))} kB`);
    console.log(`FIGURE startup.worker_js = ${kb(sum(worker, 'raw'))} kB`);
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}

await main();
