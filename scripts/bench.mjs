// `npm run bench`: every benchmark in bench/, one after another, each printing its own figures.
// Node benchmarks are *.bench.ts, browser ones *.browser.bench.ts (Playwright); all run with tsx.
// Each figure a benchmark prints as
//     FIGURE <name> = <value> <unit> (target <op> <value> <unit>)
// is collected into one table at the end: figure, measured, target, met or not.
// `npm run bench -- startup` runs only the benchmarks whose file name contains "startup".
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIGURE =
  /^FIGURE\s+(\S+)\s*=\s*(\S+)(?:\s+([^(]*?))?\s*(?:\(target\s*(<=|>=|==|=|<|>|≤|≥)\s*(\S+)\s*([^)]*)\))?\s*$/;

/** A FIGURE line as data, or null when the line is not one. */
export function parseFigure(line) {
  const m = FIGURE.exec(line.trim());
  if (!m) return null;
  const [, name, value, unit = '', op, target, targetUnit = ''] = m;
  return {
    name,
    value,
    unit: unit.trim(),
    target: op === undefined ? null : { op, value: target, unit: targetUnit.trim() },
  };
}

/** true / false when the figure has a numeric target in the same unit, else null. */
export function targetMet(figure) {
  if (figure.target === null) return null;
  const v = Number(figure.value);
  const t = Number(figure.target.value);
  if (!Number.isFinite(v) || !Number.isFinite(t)) return null;
  if (figure.target.unit !== '' && figure.unit !== '' && figure.target.unit !== figure.unit)
    return null;
  switch (figure.target.op) {
    case '<=':
    case '≤':
      return v <= t;
    case '>=':
    case '≥':
      return v >= t;
    case '<':
      return v < t;
    case '>':
      return v > t;
    default:
      return v === t;
  }
}

/** The closing table, as lines. */
export function figureTable(runs) {
  const rows = runs.flatMap((run) =>
    run.figures.map((f) => {
      const met = targetMet(f);
      return [
        f.name,
        `${f.value}${f.unit ? ` ${f.unit}` : ''}`,
        f.target
          ? `${f.target.op} ${f.target.value}${f.target.unit ? ` ${f.target.unit}` : ''}`
          : '—',
        met === null ? (f.target ? '?' : '—') : met ? 'met' : 'NOT MET',
      ];
    }),
  );
  const header = ['figure', 'measured', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const run of runs) {
    if (run.status !== 0) out.push(`bench/${run.file} FAILED (exit ${run.status ?? run.signal})`);
    else if (run.figures.length === 0) out.push(`bench/${run.file} printed no FIGURE lines`);
  }
  const targets = rows.filter((r) => r[2] !== '—');
  const missed = rows.filter((r) => r[3] === 'NOT MET').length;
  out.push(
    `${rows.length} figure(s), ${targets.length} with a target: ${targets.length - missed - rows.filter((r) => r[3] === '?').length} met, ${missed} not met`,
  );
  return out;
}

function runOne(file) {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', [`bench/${file}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const figures = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        const f = parseFigure(l);
        if (f) figures.push(f);
      }
    });
    child.on('close', (status, signal) => {
      const f = parseFigure(pending);
      if (f) figures.push(f);
      resolve({ file, status, signal, figures });
    });
  });
}

async function main() {
  const only = process.argv[2];
  const files = readdirSync('bench')
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f.includes(only))
    .sort();
  const runs = [];
  for (const file of files) {
    console.log(`\n=== bench/${file}`);
    runs.push(await runOne(file));
  }
  console.log('\n=== figures');
  for (const l of figureTable(runs)) console.log(l);
  const failed = runs.filter((r) => r.status !== 0).length;
  if (failed) {
    console.error(`${failed} benchmark(s) failed`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
