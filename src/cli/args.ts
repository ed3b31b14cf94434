import { parseTime } from '../machine/index.ts';

export type Format = 'text' | 'jsonl' | ExportFormat;
/** Formats for other tools: Trace Event Format JSON for Perfetto, VCD for waveform viewers. */
export type ExportFormat = 'perfetto' | 'vcd';
export type ReplayFormat = 'text' | ExportFormat;

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly source: string;
      readonly until: number | null;
      readonly format: Format;
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
    case 'replay':
      return parseReplay(rest);
    default:
      return {
        ok: false,
        error: `unknown command "${name ?? ''}" (expected list, run or replay)`,
      };
  }
}

function parseRun(rest: readonly string[]): ParsedArgs {
  let source: string | null = null;
  let until: number | null = null;
  let format: Format = 'text';
  let output: string | null = null;
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
      if (v !== 'text' && v !== 'jsonl' && v !== 'perfetto' && v !== 'vcd')
        return {
          ok: false,
          error: `--format expects text, jsonl, perfetto or vcd, got "${v ?? ''}"`,
        };
      format = v;
    } else if (flag === '--output' || flag === '-o') {
      const v = value();
      if (!v) return { ok: false, error: `${flag} expects a file name` };
      output = v;
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
  if (output !== null && format !== 'perfetto' && format !== 'vcd')
    return { ok: false, error: '--output goes with --format perfetto or vcd' };
  return { ok: true, command: { kind: 'run', source, until, format, output } };
}

function parseReplay(rest: readonly string[]): ParsedArgs {
  let source: string | null = null;
  let format: ReplayFormat = 'text';
  let output: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'perfetto' && v !== 'vcd')
        return { ok: false, error: `--format expects text, perfetto or vcd, got "${v ?? ''}"` };
      format = v;
    } else if (flag === '--output' || flag === '-o') {
      const v = value();
      if (!v) return { ok: false, error: `${flag} expects a file name` };
      output = v;
    } else if (flag.startsWith('-')) {
      return { ok: false, error: `unknown option "${flag}"` };
    } else if (source === null) {
      source = arg;
    } else {
      return { ok: false, error: `unexpected argument "${arg}"` };
    }
  }
  if (source === null)
    return { ok: false, error: 'replay needs a QEMU trace: gicscope replay <trace.log[.gz]>' };
  if (output !== null && format === 'text')
    return { ok: false, error: '--output goes with --format perfetto or vcd' };
  return { ok: true, command: { kind: 'replay', source, format, output } };
}

export const HELP = `gicscope — run GICv3 machine scenarios headless

Usage:
  gicscope list
      List the built-in scenarios (id and title).
  gicscope run <id|file.json> [--until TIME] [--format text|jsonl|perfetto|vcd] [--output FILE]
      Run a built-in scenario or a scenario file (see docs/scenario-format.md), print the
      trace (one line per event, or one JSON object per line), then the /proc/interrupts
      counters and the expectation results.
      --until TIME   stop at this virtual time instead of the scenario's runUntil
                     (e.g. 250us, 1.5ms, 2000ns); expectations after it are "not reached"
      --format text  readable trace (default); jsonl: machine events as JSON lines, then a
                     {"kind":"summary"} line; perfetto: Trace Event Format JSON for
                     ui.perfetto.dev; vcd: a Value Change Dump for waveform viewers
      --output FILE  write the perfetto or vcd export to FILE instead of stdout; for vcd also
                     FILE's GTKWave filter files (-intid.txt, -priority.txt) and .gtkw next to it
  gicscope replay <trace.log|trace.log.gz> [--format text|perfetto|vcd] [--output FILE]
      Replay a QEMU -trace 'gicv3_*' log through the model under the qemu profile and compare
      every value QEMU reported with the model's: prints the configuration it inferred, how
      many values were compared and agreed, each disagreement (trace line, register, both
      values) and the events the model does not cover. perfetto / vcd export the replay
      instead (a moment is a trace line).
  gicscope --help
      This text.

Exit status:
  0  every expectation held (replay: every value agreed)
  1  an expectation failed (or was not reached); the failing ones are named with the actual value
     (replay: a value QEMU reported differs from the model's)
  2  bad input: unknown command or option, unknown scenario, malformed scenario (the error
     names the JSON path, e.g. $.timeline[2].intid, and the expected shape), or a file that
     is not a complete QEMU GICv3 trace (the error names the first line that did not parse)
`;
