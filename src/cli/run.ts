import { describeEvent, formatCounters, formatTime } from '../machine/index.ts';
import type { Machine, MachineEvent, Scenario } from '../machine/index.ts';
import type { Format } from './args.ts';
import { EXIT, signalExit } from './exit.ts';
import type { LineWriter } from './line-writer.ts';
import type { ProgressReporter } from './progress.ts';
import type { StopRequest } from './signals.ts';

/** What a run needs from its surroundings (process streams, clock, signals). */
export interface RunContext {
  readonly out: LineWriter;
  readonly err: (line: string) => void;
  readonly progress: ProgressReporter;
  readonly stop: StopRequest;
  /** Wall-clock milliseconds (performance.now). */
  readonly wallMs: () => number;
  /** Lets the event loop deliver signals and drain output between slices. */
  readonly yieldToEventLoop: () => Promise<void>;
}

/** A slice of machine work between two looks at signals, output and progress. */
const SLICE_MS = 50;

/**
 * Runs the machine to `end` in slices and streams its events. Nothing of the run is kept but the
 * current slice's output, so memory stays flat whatever the horizon.
 */
export async function runMachine(
  machine: Machine,
  scenario: Scenario,
  end: number,
  format: Format,
  ctx: RunContext,
): Promise<number> {
  let events = 0;
  const print =
    format === 'text'
      ? (e: MachineEvent) => ctx.out.line(describeEvent(e))
      : (e: MachineEvent) => ctx.out.line(JSON.stringify(e));
  const unsubscribe = machine.subscribe((e) => {
    events += 1;
    print(e);
  });
  if (format === 'text')
    ctx.out.line(`# ${scenario.id}: ${scenario.title} (until ${formatTime(end)})`);

  const started = ctx.wallMs();
  let done = false;
  while (!done && ctx.stop.signal === null) {
    const sliceEnd = ctx.wallMs() + SLICE_MS;
    done = runSlice(machine, end, () => ctx.out.full || ctx.wallMs() >= sliceEnd);
    await ctx.out.flush();
    ctx.progress.update(machine.now(), end, events, ctx.wallMs() - started);
    await ctx.yieldToEventLoop();
  }
  unsubscribe();
  ctx.progress.finish();

  const stopped = ctx.stop.signal;
  const failed = summarize(machine, format, stopped !== null, end, ctx.out);
  await ctx.out.flush();
  if (stopped !== null) {
    ctx.err(
      `gicscope: stopped by ${stopped} at t = ${formatTime(machine.now())} of ${formatTime(end)}, after ${events} events`,
    );
    return signalExit(stopped);
  }
  return failed === 0 ? EXIT.ok : EXIT.expectationFailed;
}

/**
 * Steps until every agenda entry up to `end` ran (true), or `over()` says the slice is spent
 * (false). Entries due exactly at `end` still run, as runUntil(end) would run them.
 */
function runSlice(machine: Machine, end: number, over: () => boolean): boolean {
  for (let i = 1; ; i++) {
    const next = machine.nextEventTime();
    if (next === null || next > end) {
      machine.runUntil(end);
      return true;
    }
    machine.step(end);
    if ((i & 63) === 0 && over()) return false;
  }
}

/** Prints /proc/interrupts and the expectations (or the jsonl summary); returns how many failed. */
function summarize(
  machine: Machine,
  format: Format,
  interrupted: boolean,
  end: number,
  out: LineWriter,
): number {
  const results = machine.expectationResults();
  const failed = results.filter((r) => r.passed !== true).length;
  const table = machine.view().counters;
  if (format === 'jsonl') {
    out.line(
      JSON.stringify({
        kind: 'summary',
        time: machine.now(),
        until: end,
        interrupted,
        counters: table,
        expectations: results,
        passed: failed === 0 && !interrupted,
      }),
    );
    return failed;
  }
  out.line('');
  if (interrupted) out.line(`stopped at ${formatTime(machine.now())} of ${formatTime(end)}`);
  out.line('/proc/interrupts:');
  out.line(formatCounters(table));
  out.line('');
  for (const r of results) {
    const verdict = r.passed === null ? 'NOT REACHED' : r.passed ? 'PASS' : 'FAIL';
    out.line(
      `${verdict.padEnd(11)} ${r.description}${r.passed === false ? ` — actual ${r.actual ?? '?'}` : ''}`,
    );
  }
  out.line(
    failed === 0
      ? `all ${results.length} expectations hold`
      : `${failed} of ${results.length} expectations failed`,
  );
  return failed;
}
