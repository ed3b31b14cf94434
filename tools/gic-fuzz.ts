/**
 * `npm run fuzz` — the register-API fuzz at scale: 10⁶ operations by default (`--ops N`), from a
 * fresh seed each run unless `--seed N` is given (the seed is printed, so any run can be
 * repeated). Prints operations per second, configurations, warnings by code, the documented
 * misuse errors seen and any failure, shrunk to a short sequence, with what it takes to replay
 * it (paste `config` and `ops` into REGRESSIONS in src/gic/fuzz.test.ts). Exits 1 on a failure.
 */
import { describeFailure, runFuzz } from '../src/gic/testing/fuzz/run.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const operations = Number(arg('ops') ?? 1_000_000);
const seed = arg('seed') === undefined ? Date.now() % 2 ** 31 : Number(arg('seed'));
if (!Number.isInteger(operations) || operations <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--ops N] [--seed N]');
  process.exit(2);
}

console.log(`register-API fuzz: ${operations.toLocaleString('en-US')} operations, seed ${seed}`);
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
// In slices, so progress shows; each slice continues the sequence of seeds deterministically.
const slice = 100_000;
const totals = {
  operations: 0,
  configurations: 0,
  events: 0,
  peeks: 0,
  warnings: {} as Record<string, number>,
  expected: {} as Record<string, number>,
};
let failed = false;
for (let done = 0, k = 0; done < operations && !failed; done += slice, k++) {
  const report = runFuzz({
    seed: (seed + k * 7919) >>> 0,
    operations: Math.min(slice, operations - done),
  });
  totals.operations += report.operations;
  totals.configurations += report.configurations;
  totals.events += report.events;
  totals.peeks += report.peeks;
  for (const [code, n] of Object.entries(report.warnings))
    totals.warnings[code] = (totals.warnings[code] ?? 0) + n;
  for (const [kind, n] of Object.entries(report.expectedExceptions))
    totals.expected[kind] = (totals.expected[kind] ?? 0) + n;
  for (const f of report.failures) {
    failed = true;
    console.log(`\n${describeFailure(f)}`);
    console.log(`(slice seed ${(seed + k * 7919) >>> 0}; run again with --seed ${seed})`);
  }
  const s = (performance.now() - wall0) / 1000;
  process.stderr.write(
    `  ${totals.operations.toLocaleString('en-US')} operations, ${s.toFixed(0)} s\n`,
  );
}
const wall = (performance.now() - wall0) / 1000;
const c = process.cpuUsage(cpu0);
const cpu = (c.user + c.system) / 1e6;

console.log(`\noperations       ${totals.operations.toLocaleString('en-US')}`);
console.log(`configurations   ${totals.configurations.toLocaleString('en-US')}`);
console.log(`events           ${totals.events.toLocaleString('en-US')}`);
console.log(`peeks checked    ${totals.peeks.toLocaleString('en-US')}`);
console.log(
  `operations/s     ${Math.round(totals.operations / cpu).toLocaleString('en-US')} by CPU time, ${Math.round(totals.operations / wall).toLocaleString('en-US')} by wall clock (${wall.toFixed(1)} s)`,
);
console.log('warnings by code');
for (const [code, n] of Object.entries(totals.warnings).sort((a, b) => b[1] - a[1]))
  console.log(`  ${code.padEnd(30)} ${n.toLocaleString('en-US')}`);
console.log(
  `documented misuse errors: ${
    Object.entries(totals.expected)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none'
  }`,
);
console.log(`exceptions found (unexpected) and failures: ${failed ? 'YES — see above' : '0'}`);
process.exit(failed ? 1 : 0);
