import { readTime } from '../machine/index.ts';
import { parseOptions } from './options.ts';
import type { OptionSpec, ParsedOptions } from './options.ts';

export const FORMATS = ['text', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

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
    options: { values: ['--until', '--format'], switches: ['--no-progress'] },
    build: buildRun,
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
  return {
    ok: true,
    command: { kind: 'run', source, until, format, progress: !switches.has('--no-progress') },
  };
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export const HELP = `gicscope — run GICv3 machine scenarios headless

Usage:
  gicscope list
      List the built-in scenarios (id and title).
  gicscope run <id|file.json> [--until TIME] [--format text|jsonl] [--no-progress]
      Run a built-in scenario or a scenario file (see docs/scenario-format.md), print the
      trace (one line per event, or one JSON object per line), then the /proc/interrupts
      counters and the expectation results.
      --until TIME   stop at this virtual time instead of the scenario's runUntil
                     (e.g. 250us, 1.5ms, 2000ns, 10s); expectations after it are "not reached"
      --format text  readable trace (default); jsonl: machine events as JSON lines, then a
                     {"kind":"summary"} line
      --no-progress  no progress lines on stderr (by default a run that takes more than a
                     second reports, every second, the virtual time reached and events/s)
      Ctrl-C stops the run cleanly: the summary is printed for the time reached.
  gicscope --help
      This text.

Exit status:
  0    every expectation held
  1    an expectation failed (or was not reached); the failing ones are named with the actual value
  2    bad input: unknown command or option, unknown scenario, malformed scenario (the error
       names the JSON path, e.g. $.timeline[2].intid, or the line and column of a JSON syntax error)
  3    gicscope itself failed (a bug; GICSCOPE_DEBUG=1 prints where)
  130  stopped by Ctrl-C (SIGINT); 143 stopped by SIGTERM
`;
