import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import { assertNever } from '../lib/index.ts';
import { BUILTIN_SCENARIOS, createMachine } from '../machine/index.ts';
import type { Machine } from '../machine/index.ts';
import { HELP, parseArgs } from './args.ts';
import type { Command } from './args.ts';
import { EXIT } from './exit.ts';
import { LineWriter } from './line-writer.ts';
import type { Sink } from './line-writer.ts';
import { loadScenario } from './load.ts';
import { ProgressReporter } from './progress.ts';
import type { ProgressStream } from './progress.ts';
import { replay } from './replay.ts';
import { runMachine } from './run.ts';
import { writeExport } from './export-files.ts';
import { recordScenario } from '../trace/index.ts';
import { StopRequest } from './signals.ts';
import type { SignalSource } from './signals.ts';

/** The process around the CLI; tests and other hosts can pass their own. */
export interface CliIo {
  readonly stdout: Sink;
  readonly stderr: ProgressStream;
  readonly signals: SignalSource;
  /** Ends the process at once (a second Ctrl-C). */
  readonly exit: (status: number) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    signals: process,
    exit: (status) => process.exit(status),
    env: process.env,
  };
}

/**
 * Runs the CLI and returns the exit status (docs/cli.md). Nothing escapes as an exception: bad
 * input is exit 2 with a message that says where, and a failure of gicscope itself is exit 3
 * with one line (the stack only with GICSCOPE_DEBUG=1).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const err = (line: string): void => void io.stderr.write(`${line}\n`);
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      err(`gicscope: ${parsed.error}`);
      err('Try gicscope --help.');
      return EXIT.badInput;
    }
    return await execute(parsed.command, io, err);
  } catch (error) {
    err(`gicscope: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (io.env.GICSCOPE_DEBUG && error instanceof Error && error.stack) err(error.stack);
    else err('This is a bug in gicscope, not in your input; GICSCOPE_DEBUG=1 prints where.');
    return EXIT.internalError;
  }
}

async function execute(command: Command, io: CliIo, err: (line: string) => void): Promise<number> {
  const out = new LineWriter(io.stdout);
  switch (command.kind) {
    case 'help':
      out.line(HELP.trimEnd());
      await out.flush();
      return EXIT.ok;
    case 'list':
      for (const s of BUILTIN_SCENARIOS) out.line(`${s.id.padEnd(24)}${s.title}`);
      await out.flush();
      return EXIT.ok;
    case 'run': {
      const loaded = loadScenario(command.source);
      if (!loaded.ok) {
        for (const line of loaded.errors) err(line);
        return EXIT.badInput;
      }
      if (command.format === 'perfetto' || command.format === 'vcd') {
        const recording = recordScenario(loaded.scenario, command.until ?? undefined);
        const written = writeExport(recording, command.format, command.output, (l) => out.line(l));
        await out.flush();
        for (const path of written) err(`wrote ${path}`);
        return EXIT.ok;
      }
      let machine: Machine;
      try {
        machine = createMachine(loaded.scenario);
      } catch (error) {
        // the schema should have refused it: still the input's fault, and said as such
        err(
          `gicscope: ${command.source}: the machine could not be built: ${error instanceof Error ? error.message : String(error)}`,
        );
        return EXIT.badInput;
      }
      const stop = new StopRequest(io.signals, (status, signal) => {
        err(`\ngicscope: ${signal} again: stopped at once`);
        io.exit(status);
      });
      try {
        return await runMachine(
          machine,
          loaded.scenario,
          command.until ?? loaded.scenario.runUntil,
          command.format,
          {
            out,
            err,
            progress: new ProgressReporter(io.stderr, command.progress),
            stop,
            wallMs: () => performance.now(),
            yieldToEventLoop: () => setImmediate(),
          },
        );
      } finally {
        stop.dispose();
      }
    }
    case 'replay': {
      const status = replay(
        command.source,
        command.format,
        command.output,
        (l) => out.line(l),
        err,
      );
      await out.flush();
      return status;
    }
    default:
      return assertNever(command, 'command');
  }
}
