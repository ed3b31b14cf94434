/**
 * Opening a QEMU log as a whole: every line must parse (a trace that is cut off or garbled is
 * refused, naming the first line that did not parse), there must be gicv3 events at all, and
 * the events the model does not cover are counted, never silently dropped. Works in slices so a
 * host can report progress and stay responsive.
 */
import { describeQemuParseError, parseQemuLogLine } from './qemu-log.ts';
import type { QemuTraceRecord } from './qemu-records.ts';

/** Events of the trace the model does not replay (yet), by event name. */
export interface NotModelled {
  readonly event: string;
  /** What part of the GIC it belongs to: 'ITS', 'virtual CPU interface', or 'other'. */
  readonly area: string;
  readonly count: number;
  readonly firstLine: number;
}

export interface QemuTraceImport {
  readonly records: readonly QemuTraceRecord[];
  /** Lines in the text, including the ones that are not gicv3 events. */
  readonly lineCount: number;
  readonly notModelled: readonly NotModelled[];
}

export function notModelledArea(event: string): string {
  if (event.startsWith('gicv3_its')) return 'ITS';
  if (/^gicv3_(icv|ich|cpuif_virt)/.test(event)) return 'virtual CPU interface';
  return 'other';
}

/** Parses a log in slices: `parse(n)` handles up to n lines; read `result()` when `done`. */
export class QemuTraceParser {
  readonly #lines: string[];
  readonly #records: QemuTraceRecord[] = [];
  readonly #notModelled = new Map<string, { count: number; firstLine: number }>();
  /** One copy of each event name: a name sliced from a line would keep the whole log alive. */
  readonly #names = new Map<string, string>();
  #next = 0;
  #error: string | null = null;

  constructor(text: string) {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    this.#lines = body.split('\n');
    if (this.#lines.at(-1) === '') this.#lines.pop();
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  get parsedLines(): number {
    return this.#next;
  }

  get done(): boolean {
    return this.#error !== null || this.#next >= this.#lines.length;
  }

  parse(maxLines: number): void {
    const end = Math.min(this.#lines.length, this.#next + maxLines);
    for (; this.#next < end && this.#error === null; this.#next += 1) {
      const line = this.#next + 1;
      const result = parseQemuLogLine(this.#lines[this.#next] ?? '', line);
      if (!result.ok) {
        const last = line === this.#lines.length ? ' (the last line: is the log cut off?)' : '';
        this.#error = `This is not a complete QEMU GICv3 trace: ${describeQemuParseError(result.error)}${last}`;
        break;
      }
      let record = result.value;
      if (record === null) continue;
      if (record.kind === 'unmodelled') record = { ...record, event: this.#name(record.event) };
      this.#records.push(record);
      if (record.kind === 'unmodelled') {
        const seen = this.#notModelled.get(record.event);
        if (seen) seen.count += 1;
        else this.#notModelled.set(record.event, { count: 1, firstLine: line });
      }
    }
  }

  #name(event: string): string {
    let name = this.#names.get(event);
    if (name === undefined) {
      // a concatenation flattened into a string of its own, not a slice of the log
      name = ` ${event}`.slice(1);
      this.#names.set(name, name);
    }
    return name;
  }

  result(): { ok: true; value: QemuTraceImport } | { ok: false; error: string } {
    if (this.#error !== null) return { ok: false, error: this.#error };
    if (!this.done) return { ok: false, error: 'the trace has not been read to its end' };
    if (this.#records.every((r) => r.kind === 'unmodelled' || r.kind === 'cpu-reset')) {
      const first = this.#lines.findIndex((l) => l.trim() !== '');
      const sample =
        first < 0
          ? '(the file is empty)'
          : `line ${first + 1}: "${(this.#lines[first] ?? '').slice(0, 120)}"`;
      return {
        ok: false,
        error: `This is not a QEMU GICv3 trace: none of its ${this.#lines.length} lines is a gicv3_* register or interrupt event (${sample}). Record one with -trace 'gicv3_*' (see docs/qemu-traces.md).`,
      };
    }
    return {
      ok: true,
      value: {
        records: this.#records,
        lineCount: this.#lines.length,
        notModelled: [...this.#notModelled].map(([event, { count, firstLine }]) => ({
          event,
          area: notModelledArea(event),
          count,
          firstLine,
        })),
      },
    };
  }
}

/** The whole log at once. */
export function importQemuTrace(
  text: string,
): { ok: true; value: QemuTraceImport } | { ok: false; error: string } {
  const parser = new QemuTraceParser(text);
  parser.parse(Number.MAX_SAFE_INTEGER);
  return parser.result();
}
