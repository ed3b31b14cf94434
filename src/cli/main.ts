import { readFileSync } from 'node:fs';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  createMachine,
  describeEvent,
  formatCounters,
  formatTime,
  parseScenarioText,
} from '../machine/index.ts';
import type { Scenario } from '../machine/index.ts';
import { recordScenario } from '../trace/index.ts';
import { HELP, parseArgs } from './args.ts';
import type { Format } from './args.ts';
import { writeExport } from './export-files.ts';
import { replay } from './replay.ts';

type Out = (line: string) => void;

/** Runs the CLI; returns the exit status (0 ok, 1 expectation failed, 2 bad input). */
export async function main(
  argv: readonly string[],
  out: Out = (l) => process.stdout.write(`${l}\n`),
  errOut: Out = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  await Promise.resolve();
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    errOut(`gicscope: ${parsed.error}`);
    errOut('Try gicscope --help.');
    return 2;
  }
  const command = parsed.command;
  switch (command.kind) {
    case 'help':
      out(HELP.trimEnd());
      return 0;
    case 'list':
      for (const s of BUILTIN_SCENARIOS) out(`${s.id.padEnd(24)}${s.title}`);
      return 0;
    case 'run': {
      const loaded = load(command.source);
      if (!loaded.ok) {
        for (const line of loaded.errors) errOut(line);
        return 2;
      }
      if (command.format === 'perfetto' || command.format === 'vcd') {
        const recording = recordScenario(loaded.scenario, command.until ?? undefined);
        for (const path of writeExport(recording, command.format, command.output, out))
          errOut(`wrote ${path}`);
        return 0;
      }
      return run(loaded.scenario, command.until, command.format, out);
    }
    case 'replay':
      return replay(command.source, command.format, command.output, out, errOut);
  }
}

function load(source: string): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const builtin = builtinScenario(source);
  if (builtin !== null) return { ok: true, scenario: builtin };
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch {
    const ids = BUILTIN_SCENARIOS.map((s) => s.id).join(', ');
    return {
      ok: false,
      errors: [`gicscope: "${source}" is neither a built-in scenario (${ids}) nor a readable file`],
    };
  }
  const parsed = parseScenarioText(text);
  if (parsed.ok) return { ok: true, scenario: parsed.value };
  return {
    ok: false,
    errors: [
      `gicscope: ${source} is not a valid scenario:`,
      ...parsed.error.map((e) => `  at ${e.path}: ${e.message}`),
    ],
  };
}

function run(scenario: Scenario, until: number | null, format: Format, out: Out): number {
  const machine = createMachine(scenario);
  const end = until ?? scenario.runUntil;
  const print =
    format === 'text'
      ? (e: Parameters<typeof describeEvent>[0]) => out(describeEvent(e))
      : (e: unknown) => out(JSON.stringify(e));
  machine.subscribe(print);
  if (format === 'text') out(`# ${scenario.id}: ${scenario.title} (until ${formatTime(end)})`);
  machine.runUntil(end);
  const results = machine.expectationResults();
  const failed = results.filter((r) => r.passed !== true);
  const table = machine.view().counters;
  if (format === 'jsonl') {
    out(
      JSON.stringify({
        kind: 'summary',
        time: machine.now(),
        counters: table,
        expectations: results,
        passed: failed.length === 0,
      }),
    );
  } else {
    out('');
    out('/proc/interrupts:');
    out(formatCounters(table));
    out('');
    for (const r of results) {
      const verdict = r.passed === null ? 'NOT REACHED' : r.passed ? 'PASS' : 'FAIL';
      out(
        `${verdict.padEnd(11)} ${r.description}${r.passed === false ? ` — actual ${r.actual ?? '?'}` : ''}`,
      );
    }
    out(
      failed.length === 0
        ? `all ${results.length} expectations hold`
        : `${failed.length} of ${results.length} expectations failed`,
    );
  }
  return failed.length === 0 ? 0 : 1;
}
