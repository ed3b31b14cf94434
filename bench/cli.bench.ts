// The CLI over a long run (issue 13): `gicscope run rfc-nmi --until 1000000s --format jsonl`
// streams into a pipe for RUN_S seconds while its resident memory is sampled; then Ctrl-C.
// Prints the RSS growth after warm-up (flat is the target), the peak, the event rate, and how
// the run ended (exit 130 with a summary line).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const RUN_S = Number(process.env.CLI_BENCH_SECONDS ?? 40);
const WARM_UP_S = 10;
const SAMPLE_MS = 500;

function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const child = spawn(
  process.execPath,
  [
    'bin/gicscope.mjs',
    'run',
    'rfc-nmi',
    '--until',
    '1000000s',
    '--format',
    'jsonl',
    '--no-progress',
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let lines = 0;
let tail = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
  tail = (tail + chunk).slice(-4096);
});
let stderr = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk: string) => (stderr += chunk));
const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

const samples: [number, number][] = [];
const started = performance.now();
let warmLines = 0;
let warmAt = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const t = (performance.now() - started) / 1000;
    const rss = child.pid === undefined ? null : rssMb(child.pid);
    if (rss !== null) samples.push([t, rss]);
    if (warmAt === 0 && t >= WARM_UP_S) {
      warmAt = t;
      warmLines = lines;
    }
    if (t >= RUN_S) {
      clearInterval(timer);
      resolve();
    }
  }, SAMPLE_MS);
});
const steadyLines = lines - warmLines;
const steadySeconds = (performance.now() - started) / 1000 - warmAt;
child.kill('SIGINT');
const status = await exited;

const steady = samples.filter(([t]) => t >= WARM_UP_S);
const growth = slope(steady);
const peak = Math.max(...samples.map(([, rss]) => rss));
const summary = tail.trimEnd().split('\n').at(-1) ?? '';
console.log(
  `gicscope run rfc-nmi --until 1000000s --format jsonl, ${RUN_S} s into a pipe, then SIGINT`,
);
console.log(
  `  RSS samples (MB): ${samples
    .filter((_, i) => i % 4 === 0)
    .map(([t, rss]) => `${t.toFixed(0)}s:${rss.toFixed(0)}`)
    .join(' ')}`,
);
console.log(`  exit status ${status}; last stdout line starts ${summary.slice(0, 60)}`);
console.log(`  stderr: ${stderr.trim().split('\n').at(-1) ?? ''}`);
console.log(`FIGURE cli.rss_growth_after_warmup = ${growth.toFixed(2)} MB/s (target <= 1 MB/s)`);
console.log(`FIGURE cli.rss_peak = ${peak.toFixed(0)} MB`);
console.log(`FIGURE cli.events_per_s = ${Math.round(steadyLines / steadySeconds)} /s`);
console.log(`FIGURE cli.sigint_exit_status = ${status ?? 'none'} (target = 130)`);
if (status !== 130 || !summary.includes('"kind":"summary"')) process.exitCode = 1;
