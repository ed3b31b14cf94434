import { parseTime } from '../machine/index.ts';

export type Format = 'text' | 'jsonl';

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly source: string;
      readonly until: number | null;
      readonly format: Format;
    };

export type ParsedArgs =
  { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: string };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    return { ok: true, command: { kind: 'help' } };
  }
  const [name, ...rest] = argv;
  switch (name) {
    case 'list':
      return rest.length === 0
        ? { ok: true, command: { kind: 'list' } }
        : { ok: false, error: `list takes no arguments, got "${rest.join(' ')}"` };
    case 'run':
      return parseRun(rest);
    default:
      return { ok: false, error: `unknown command "${name ?? ''}" (expected list or run)` };
  }
}

function parseRun(rest: readonly string[]): ParsedArgs {
  let source: string | null = null;
  let until: number | null = null;
  let format: Format = 'text';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--until') {
      const v = value();
      const t = v === undefined ? null : parseTime(v);
      if (t === null)
        return {
          ok: false,
          error: `--until expects a time such as 250us or 2ms, got "${v ?? ''}"`,
        };
      until = t;
    } else if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'jsonl')
        return { ok: false, error: `--format expects text or jsonl, got "${v ?? ''}"` };
      format = v;
    } else if (flag.startsWith('-')) {
      return { ok: false, error: `unknown option "${flag}"` };
    } else if (source === null) {
      source = arg;
    } else {
      return { ok: false, error: `unexpected argument "${arg}"` };
    }
  }
  if (source === null)
    return {
      ok: false,
      error: 'run needs a built-in id or a scenario file: gicscope run <id|file.json>',
    };
  return { ok: true, command: { kind: 'run', source, until, format } };
}

export const HELP = `gicscope — run GICv3 machine scenarios headless

Usage:
  gicscope list
      List the built-in scenarios (id and title).
  gicscope run <id|file.json> [--until TIME] [--format text|jsonl]
      Run a built-in scenario or a scenario file (see docs/scenario-format.md), print the
      trace (one line per event, or one JSON object per line), then the /proc/interrupts
      counters and the expectation results.
      --until TIME   stop at this virtual time instead of the scenario's runUntil
                     (e.g. 250us, 1.5ms, 2000ns); expectations after it are "not reached"
      --format text  readable trace (default); jsonl: machine events as JSON lines, then a
                     {"kind":"summary"} line
  gicscope --help
      This text.

Exit status:
  0  every expectation held
  1  an expectation failed (or was not reached); the failing ones are named with the actual value
  2  bad input: unknown command or option, unknown scenario, malformed scenario (the error
     names the JSON path, e.g. $.timeline[2].intid, and the expected shape)
`;
