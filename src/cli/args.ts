import { readTime } from '../machine/index.ts';
import { parseOptions } from './options.ts';
import type { OptionSpec, ParsedOptions } from './options.ts';

export const FORMATS = ['text', 'jsonl', 'perfetto', 'vcd'] as const;
export type Format = (typeof FORMATS)[number];
/** Formats for other tools: Trace Event Format JSON for Perfetto, VCD for waveform viewers. */
export type ExportFormat = 'perfetto' | 'vcd';
export const REPLAY_FORMATS = ['text', 'perfetto', 'vcd'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly source: string;
      readonly until: number | null;
      readonly format: Format;
      /** Progress lines on stderr for runs over a second (off with --no-progress). */
      readonly progress: boolean;
      /** Where exports go (with the VCD's filter and save files next to it); null: stdout. */
      readonly output: string | null;
    }
  | {
      readonly kind: 'replay';
      readonly source: string;
      readonly format: ReplayFormat;
      readonly output: string | null;
    };

export type ParsedArgs =
  { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: string };

/** Each command: its options and how it turns them into a Command. */
interface CommandSpec {
  readonly options: OptionSpec;
  build(options: ParsedOptions): ParsedArgs;
}

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  list: {
    options: { values: [], switches: [] },
    build: ({ positional }) =>
      positional.length === 0
        ? { ok: true, command: { kind: 'list' } }
        : { ok: false, error: `list takes no arguments, got "${positional.join(' ')}"` },
  },
  run: {
    options: { values: ['--until', '--format', '--output', '-o'], switches: ['--no-progress'] },
    build: buildRun,
  },
  replay: {
    options: { values: ['--format', '--output', '-o'], switches: [] },
    build: buildReplay,
  },
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    return { ok: true, command: { kind: 'help' } };
  }
  const [name = '', ...rest] = argv;
  const spec = COMMANDS[name];
  if (spec === undefined)
    return {
      ok: false,
      error: `unknown command "${name}" (expected ${Object.keys(COMMANDS).join(' or ')})`,
    };
  const parsed = parseOptions(rest, spec.options);
  return parsed.ok ? spec.build(parsed.options) : parsed;
}

function buildRun({ positional, values, switches }: ParsedOptions): ParsedArgs {
  const [source, ...extra] = positional;
  if (source === undefined)
    return {
      ok: false,
      error: 'run needs a built-in id or a scenario file: gicscope run <id|file.json>',
    };
  if (extra.length > 0) return { ok: false, error: `unexpected argument "${extra[0] ?? ''}"` };
  let until: number | null = null;
  const untilText = values.get('--until');
  if (untilText !== undefined) {
    // the scenario format's own rule for times (whole ns, at most 2^53 − 1)
    const reading = readTime(untilText);
    if (!reading.ok)
      return { ok: false, error: `--until ${JSON.stringify(untilText)}: ${reading.problem}` };
    until = reading.value;
  }
  const format = values.get('--format') ?? 'text';
  if (!isFormat(format))
    return {
      ok: false,
      error: `--format expects ${FORMATS.join(' or ')}, got "${format}"`,
    };
  const output = outputOf(values);
  if (output !== null && format !== 'perfetto' && format !== 'vcd')
    return { ok: false, error: '--output goes with --format perfetto or vcd' };
  return {
    ok: true,
    command: {
      kind: 'run',
      source,
      until,
      format,
      progress: !switches.has('--no-progress'),
      output,
    },
  };
}

function buildReplay({ positional, values }: ParsedOptions): ParsedArgs {
  const [source, ...extra] = positional;
  if (source === undefined)
    return { ok: false, error: 'replay needs a QEMU trace: gicscope replay <trace.log[.gz]>' };
  if (extra.length > 0) return { ok: false, error: `unexpected argument "${extra[0] ?? ''}"` };
  const format = values.get('--format') ?? 'text';
  if (!(REPLAY_FORMATS as readonly string[]).includes(format))
    return {
      ok: false,
      error: `--format expects ${REPLAY_FORMATS.join(', ')}, got "${format}"`,
    };
  const output = outputOf(values);
  if (output !== null && format === 'text')
    return { ok: false, error: '--output goes with --format perfetto or vcd' };
  return { ok: true, command: { kind: 'replay', source, format: format as ReplayFormat, output } };
}

function outputOf(values: ReadonlyMap<string, string>): string | null {
  const output = values.get('--output') ?? values.get('-o');
  return output === undefined || output === '' ? null : output;
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export const HELP = `gicscope — run GICv3 machine scenarios headless

Usage:
  gicscope list
      List the built-in scenarios (id and title).
  gicscope run <id|file.json> [--until TIME] [--format text|jsonl|perfetto|vcd] [--output FILE]
               [--no-progress]
      Run a built-in scenario or a scenario file (see docs/scenario-format.md), print the
      trace (one line per event, or one JSON object per line), then the /proc/interrupts
      counters and the expectation results.
      --until TIME   stop at this virtual time instead of the scenario's runUntil
                     (e.g. 250us, 1.5ms, 2000ns, 10s); expectations after it are "not reached"
      --format text  readable trace (default); jsonl: machine events as JSON lines, then a
                     {"kind":"summary"} line; perfetto: Trace Event Format JSON for
                     ui.perfetto.dev; vcd: a Value Change Dump for waveform viewers
      --output FILE  write the perfetto or vcd export to FILE instead of stdout; for vcd also
                     FILE's GTKWave filter files (-intid.txt, -priority.txt) and .gtkw next to it
      --no-progress  no progress lines on stderr (by default a run that takes more than a
                     second reports, every second, the virtual time reached and events/s)
      Ctrl-C stops the run cleanly: the summary is printed for the time reached.
  gicscope replay <trace.log|trace.log.gz> [--format text|perfetto|vcd] [--output FILE]
      Replay a QEMU -trace 'gicv3_*' log through the model under the qemu profile and compare
      every value QEMU reported with the model's: prints the configuration it inferred, how
      many values were compared and agreed, each disagreement (trace line, register, both
      values) and the events the model does not cover. perfetto / vcd export the replay
      instead (a moment is a trace line).
  gicscope --help
      This text.

Exit status:
  0    every expectation held (replay: every value agreed)
  1    an expectation failed (or was not reached); the failing ones are named with the actual value
       (replay: a value QEMU reported differs from the model's)
  2    bad input: unknown command or option, unknown scenario, malformed scenario (the error
       names the JSON path, e.g. $.timeline[2].intid, or the line and column of a JSON syntax
       error), or a file that is not a complete QEMU GICv3 trace (the first line that did not parse)
  3    gicscope itself failed (a bug; GICSCOPE_DEBUG=1 prints where)
  130  stopped by Ctrl-C (SIGINT); 143 stopped by SIGTERM
`;
