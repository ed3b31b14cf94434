// `npm test`: every check a change must pass, in order, ending with one line
// `N passed, N failed[, N skipped]` (the line CI reads). Each step runs even if an earlier one
// failed, so one run shows everything; e2e needs a successful build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findChromium } from './find-chromium.mjs';

const require = createRequire(import.meta.url);
const bin = (name) => `node_modules/.bin/${name}`;
const t0 = Date.now();
const failedChecks = [];
let passedChecks = 0;

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} (${((Date.now() - t0) / 1000).toFixed(0)} s elapsed)`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function check(title, command, args, env) {
  const ok = run(title, command, args, env);
  if (ok) passedChecks += 1;
  else failedChecks.push(title);
  return ok;
}

/**
 * Runs checks side by side (each is mostly one thread: tsc, eslint), printing each one's output
 * as a block when it ends, in the order given.
 */
async function checksSideBySide(list) {
  console.log(
    `\n=== ${list.map((c) => c.title).join(', ')}, side by side (${((Date.now() - t0) / 1000).toFixed(0)} s elapsed)`,
  );
  const runs = list.map(
    ({ title, command, args }) =>
      new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
        const chunks = [];
        child.stdout.on('data', (d) => chunks.push(d));
        child.stderr.on('data', (d) => chunks.push(d));
        child.on('error', (error) => resolve({ title, ok: false, output: String(error) }));
        child.on('close', (code) =>
          resolve({ title, ok: code === 0, output: Buffer.concat(chunks).toString() }),
        );
      }),
  );
  for (const { title, ok, output } of await Promise.all(runs)) {
    console.log(`\n--- ${title}: ${ok ? 'ok' : 'FAILED'}`);
    if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    if (ok) passedChecks += 1;
    else failedChecks.push(title);
  }
}

function playwrightsOwnChromium() {
  try {
    const path = require('playwright-core').chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function ensureChromium() {
  const found = findChromium() ?? playwrightsOwnChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log('No Chromium found: installing Debian\'s "chromium" with apt-get (root).');
    run('apt-get install chromium', 'bash', [
      '-c',
      'export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q chromium',
    ]);
  } else {
    console.log(
      'No Chromium found: installing Playwright\'s own with "npx playwright install chromium".',
    );
    run('playwright install chromium', bin('playwright'), ['install', 'chromium']);
  }
  return findChromium() ?? playwrightsOwnChromium();
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

rmSync('reports', { recursive: true, force: true }); // not test-results/: Playwright owns that one

// on 2 cores two single-threaded checks at a time; tsc and eslint are the long ones (~1 min each)
await checksSideBySide([
  { title: 'typecheck (tsc -b)', command: bin('tsc'), args: ['-b'] },
  { title: 'lint (eslint)', command: bin('eslint'), args: ['.'] },
]);
await checksSideBySide([
  {
    title: 'format (prettier --check)',
    command: bin('prettier'),
    args: ['--check', '.', '--log-level', 'warn'],
  },
  {
    title: 'import rules (dependency-cruiser)',
    command: bin('depcruise'),
    args: ['src', '--config', '.dependency-cruiser.cjs'],
  },
]);
run(
  'unit tests (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/unit.json'],
  { NO_COLOR: '1' },
);
const built = check('build (vite build)', bin('vite'), ['build']);

let e2eRan = false;
let e2eExitedOk = false;
const chromium = ensureChromium();
if (!chromium) failedChecks.push('e2e: no Chromium could be found or installed');
else if (!built) failedChecks.push('e2e: skipped because the build failed');
else {
  console.log(`Chromium: ${chromium}`);
  e2eRan = true;
  e2eExitedOk = run('e2e (playwright, Chromium)', bin('playwright'), ['test'], {
    CHROMIUM_PATH: chromium,
  });
}

const unit = readJson('reports/unit.json');
const e2e = e2eRan ? readJson('reports/e2e.json') : undefined;
let passed = passedChecks;
let failed = failedChecks.length;
let skipped = 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
  if (unit.numTotalTests === 0) failedChecks.push('unit: no test ran');
} else failedChecks.push('unit: no report (vitest crashed?)');
if (e2eRan) {
  if (e2e?.stats) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
    // a web server that could not start (a port in use) ends the run with an empty report
    const ran = e2e.stats.expected + e2e.stats.unexpected + e2e.stats.flaky;
    if (ran === 0) failedChecks.push('e2e: no test ran (see the e2e section above)');
    else if (!e2eExitedOk && e2e.stats.unexpected === 0)
      failedChecks.push('e2e: Playwright failed outside the tests (see the e2e section above)');
  } else failedChecks.push('e2e: no report (playwright crashed?)');
}
failed = Math.max(failed, failedChecks.length);

console.log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
if (unit) console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
if (e2e?.stats)
  console.log(
    `e2e: ${e2e.stats.expected + e2e.stats.flaky} passed, ${e2e.stats.unexpected} failed`,
  );
console.log(
  `checks: ${passedChecks} passed${failedChecks.length ? `; failed: ${failedChecks.join('; ')}` : ''}`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
