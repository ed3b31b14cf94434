/**
 * Opening a QEMU trace file in the worker, in slices: gzip is unpacked with DecompressionStream,
 * the lines are parsed (the first one that does not parse is named), and the whole trace is
 * replayed once to count what agreed and to find every disagreement with its log row. Between
 * slices the work yields, reports progress and can be cancelled.
 */
import { QemuTraceParser } from '../../trace/index.ts';
import type { TraceMismatchView, TraceReplayView } from '../../protocol/index.ts';
import { InputError } from '../engine.ts';
import { TraceEngine, type TraceSource } from './trace-engine.ts';

export interface SliceContext {
  /** Tells the page how far the work has come. */
  progress(phase: string, done: number, total: number): void;
  /** Lets other messages in; resolves when the work may go on. */
  pause(): Promise<void>;
  /** True once the page asked to stop. */
  cancelled(): boolean;
  /** Milliseconds, for slicing by time. */
  now(): number;
}

/** Work done between two pauses: long enough to be efficient, short enough to stay responsive. */
const SLICE_MS = 30;
/** Progress messages at most this often: the page redraws its bar for each. */
const PROGRESS_MS = 100;
const MAX_MISMATCHES = 500;

async function sliced(
  ctx: SliceContext,
  phase: string,
  total: () => number,
  done: () => number,
  finished: () => boolean,
  work: () => void,
): Promise<void> {
  let reported = -Infinity;
  while (!finished()) {
    const start = ctx.now();
    while (!finished() && ctx.now() - start < SLICE_MS) work();
    if (finished() || start - reported >= PROGRESS_MS) {
      ctx.progress(phase, done(), total());
      reported = start;
    }
    await ctx.pause();
    if (ctx.cancelled()) throw new InputError('Opening the trace was cancelled; nothing changed.');
  }
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

async function readText(name: string, data: ArrayBuffer, ctx: SliceContext): Promise<string> {
  const bytes = new Uint8Array(data);
  if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let unpacked = 0;
  let last = ctx.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      unpacked += value.byteLength;
      parts.push(decoder.decode(value, { stream: true }));
      if (ctx.now() - last > SLICE_MS) {
        // the unpacked size is not known in advance: total 0
        ctx.progress('unpacking', unpacked, 0);
        last = ctx.now();
        if (ctx.cancelled()) {
          await reader.cancel();
          throw new InputError('Opening the trace was cancelled; nothing changed.');
        }
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${name} is gzip-compressed but does not unpack (${(error as Error).message}): is the file cut off?`,
    );
  }
  parts.push(decoder.decode());
  return parts.join('');
}

export async function openQemuTrace(
  token: string,
  name: string,
  data: ArrayBuffer,
  ctx: SliceContext,
): Promise<TraceSource> {
  const text = await readText(name, data, ctx);

  const parser = new QemuTraceParser(text);
  await sliced(
    ctx,
    'reading lines',
    () => parser.lineCount,
    () => parser.parsedLines,
    () => parser.done,
    () => parser.parse(2_000),
  );
  const parsed = parser.result();
  if (!parsed.ok) throw new InputError(`${name}: ${parsed.error}`);
  const { records, lineCount, notModelled } = parsed.value;

  // one pass over the whole trace: the agreement summary and where each disagreement is
  const engine = new TraceEngine({ token, name, records, summary: null });
  engine.counting = true;
  const replayer = engine.replayer;
  await sliced(
    ctx,
    'replaying',
    () => records.length,
    () => replayer.index,
    () => replayer.done,
    () => {
      for (let i = 0; i < 500 && engine.step(); i += 1);
    },
  );
  const result = replayer.finish();
  const comparedBy: Record<string, number> = {};
  for (const tally of [result.guest, result.emulator])
    for (const [check, n] of Object.entries(tally.compared))
      comparedBy[check] = (comparedBy[check] ?? 0) + n;
  const compared = Object.values(comparedBy).reduce((a, b) => a + b, 0);
  const mismatches: TraceMismatchView[] = engine.flagged
    .slice(0, MAX_MISMATCHES)
    .map(({ mismatch, seq }) => ({
      line: mismatch.line,
      check: mismatch.check,
      pe: mismatch.pe,
      qemu: mismatch.expected,
      model: mismatch.got,
      eventSeq: seq,
    }));
  const summary: TraceReplayView = {
    name,
    lines: lineCount,
    records: records.length,
    compared,
    agreed: compared - engine.flagged.length,
    comparedBy,
    mismatches,
    mismatchCount: engine.flagged.length,
    notModelled,
    evidence: result.evidence,
    problems: result.problems.map((p) => `line ${p.line}: ${p.message}`),
  };
  ctx.progress('replaying', records.length, records.length);
  return { token, name, records, summary };
}
