/**
 * Shared by the Node benchmarks: the FIGURE line format `npm run bench` collects, and timed
 * trials that report the best and the median of several runs by CPU time and by wall clock.
 */

/** 3.4e6, 1.05, 812 — three significant digits, exponent form for large values. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e5) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(3)));
}

/**
 * Prints `FIGURE <name> = <value> <unit> (target <op> <value> <unit>)`. `target` is written as
 * "<op> <value>" (for example ">= 3e6"); the unit is repeated after it.
 */
export function figure(name: string, value: number, unit: string, target?: string): void {
  const u = unit === '' ? '' : ` ${unit}`;
  const t = target === undefined ? '' : ` (target ${target}${u})`;
  console.log(`FIGURE ${name} = ${formatValue(value)}${u}${t}`);
}

export interface TrialStats {
  readonly best: number;
  readonly median: number;
}

export interface TrialResult {
  /** Nanoseconds per operation by this process's CPU time (user + system). */
  readonly cpu: TrialStats;
  /** Nanoseconds per operation by the wall clock. */
  readonly wall: TrialStats;
  readonly operations: number;
}

export function stats(values: readonly number[]): TrialStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { best: sorted[0] ?? NaN, median: sorted[sorted.length >> 1] ?? NaN };
}

export interface Trial {
  readonly cpuNs: number;
  readonly wallNs: number;
  readonly operations: number;
}

/**
 * One trial: runs `batch` (which performs `perBatch` operations) until `minMs` have passed.
 * Returns nanoseconds per operation by this process's CPU time (user + system: the cost of the
 * operations, GC threads included) and by the wall clock (which on a shared machine also counts
 * the time other processes held the CPU).
 */
export function trial(batch: () => void, perBatch: number, minMs: number): Trial {
  let ops = 0;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    batch();
    ops += perBatch;
    elapsed = performance.now() - w0;
  }
  const c = process.cpuUsage(c0);
  return {
    cpuNs: ((c.user + c.system) * 1000) / ops,
    wallNs: (elapsed * 1e6) / ops,
    operations: ops,
  };
}

/** `trials` trials of one workload: best and median by CPU time and by wall clock. */
export function trials(
  batch: () => void,
  perBatch: number,
  options: { readonly trials: number; readonly minMs: number },
): TrialResult {
  const runs: Trial[] = [];
  for (let t = 0; t < options.trials; t++) runs.push(trial(batch, perBatch, options.minMs));
  return summarize(runs);
}

export function summarize(runs: readonly Trial[]): TrialResult {
  return {
    cpu: stats(runs.map((r) => r.cpuNs)),
    wall: stats(runs.map((r) => r.wallNs)),
    operations: runs.reduce((n, r) => n + r.operations, 0),
  };
}
