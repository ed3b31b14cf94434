import type {
  EventView,
  TimelineInstant,
  TimelineSpan,
  TimelineSpanKind,
  TimelineStep,
} from '../../../protocol/index.ts';

export type SpanKind = TimelineSpanKind;

export interface Span {
  /** the worker's record id (seq of the event that opened it) */
  readonly id: number;
  readonly pe: number;
  readonly kind: SpanKind;
  /** null until the handler read ICC_IAR*_EL1 */
  readonly intid: number | null;
  /** the guest's name for it (`uart-pl011`) */
  readonly name: string | null;
  readonly start: number;
  /**
   * where the bar ends on the chart: its return (in the recorded future after a step back), the
   * cursor while it is open there, null for one that starts after the cursor and has not returned
   */
  readonly end: number | null;
  /** 1 = first level; preemption nests one deeper */
  readonly depth: number;
  /** `NMI 33 uart-pl011`, `IRQ 27 arch_timer`, `IRQ` (before the acknowledge): the worker's */
  readonly label: string;
  /** still open at the cursor */
  readonly open: boolean;
}

export interface Step {
  readonly time: number;
  readonly value: number;
}

export interface Instant {
  readonly pe: number;
  readonly time: number;
  readonly seq: number;
  readonly label: 'NMI' | 'SGI' | 'inject';
}

export interface TimelineModel {
  readonly peCount: number;
  readonly start: number;
  readonly end: number;
  /** the cursor's time: everything after it is the recorded future (drawn greyed) */
  readonly cursorTime: number;
  readonly spans: readonly Span[];
  readonly pmr: readonly (readonly Step[])[];
  readonly rpr: readonly (readonly Step[])[];
  readonly instants: readonly Instant[];
  /** event times by seq, ascending, for seeking */
  readonly marks: readonly { readonly seq: number; readonly time: number }[];
}

export interface TimelineInput {
  readonly spans: readonly TimelineSpan[];
  readonly steps: readonly TimelineStep[];
  readonly instants: readonly TimelineInstant[];
  /** the log's events (the recorded future included), for the marks a drag seeks to */
  readonly events: readonly Pick<EventView, 'seq' | 'time'>[];
  readonly peCount: number;
  readonly cursor: { readonly seq: number; readonly time: number };
}

/**
 * The chart's model from the worker's timeline records (built from every event, so none is
 * missing) at the cursor: a bar still open at the cursor ends at the cursor; what lies after
 * the cursor is the recorded future.
 */
export function timelineModel(input: TimelineInput): TimelineModel {
  const { peCount, cursor } = input;
  const pmr: Step[][] = Array.from({ length: peCount }, () => []);
  const rpr: Step[][] = Array.from({ length: peCount }, () => []);
  for (const step of input.steps)
    if (step.pe < peCount)
      (step.series === 'pmr' ? pmr : rpr)[step.pe].push({ time: step.time, value: step.value });
  // what a drag can seek to: every event the page knows the time of (log rows and records)
  const known = new Map<number, number>();
  for (const e of input.events) known.set(e.seq, e.time);
  for (const r of input.steps) known.set(r.seq, r.time);
  for (const r of input.instants) known.set(r.seq, r.time);
  for (const r of input.spans) {
    known.set(r.id, r.start);
    if (r.endSeq !== null && r.end !== null) known.set(r.endSeq, r.end);
  }
  const marks = [...known].sort((a, b) => a[0] - b[0]).map(([seq, time]) => ({ seq, time }));
  const times = [
    ...(marks.length ? [marks[0].time, marks[marks.length - 1].time] : []),
    ...(input.spans.length ? [input.spans[0].start] : []),
    cursor.time,
  ];
  const start = Math.min(...times);
  const last = Math.max(...times, ...input.spans.map((s) => s.end ?? s.start));
  const end = last > start ? last : start + 1;
  const spans: Span[] = input.spans
    .filter((s) => s.pe < peCount)
    .map((s) => {
      // started by the cursor's event or before it: several events share one instant, so a
      // bar opened later in the cursor's own instant (the recorded future) is not started yet
      const started = s.id <= cursor.seq;
      // open at the cursor: its return has not happened yet (at the cursor or ever)
      const open = started && (s.endSeq === null || s.endSeq > cursor.seq);
      return {
        id: s.id,
        pe: s.pe,
        kind: s.kind,
        intid: s.intid,
        name: s.name,
        start: s.start,
        end: s.end ?? (started ? Math.max(s.start, cursor.time) : null),
        depth: s.depth,
        label: s.label,
        open,
      };
    });
  return {
    peCount,
    start,
    end,
    cursorTime: cursor.time,
    spans,
    pmr,
    rpr,
    instants: input.instants
      .filter((i) => i.pe < peCount)
      .map((i) => ({ pe: i.pe, time: i.time, seq: i.seq, label: i.label })),
    marks,
  };
}

/**
 * What the chart draws during playback: the newest records only (a storm fills 64 lanes with
 * thousands of bars a second, which no one reads and no frame has the time to draw). Bars still
 * open are always kept, so every PE's current handlers show.
 */
export function newestOnly(input: TimelineInput, spans = 150): TimelineInput {
  const all = input.spans;
  if (all.length <= spans) return input;
  const from = all[all.length - spans].id;
  const kept = all.filter((s) => s.id >= from || s.end === null);
  const since = Math.min(...kept.map((s) => s.start));
  return {
    ...input,
    spans: kept,
    steps: input.steps.filter((s) => s.time >= since),
    instants: input.instants.filter((i) => i.time >= since),
    events: input.events.filter((e) => e.time >= since),
  };
}

/** Bars open at the cursor on each PE, innermost last (what the PE panels call its handlers). */
export function openAtCursor(model: TimelineModel): Map<number, string[]> {
  const open = new Map<number, string[]>();
  for (const span of [...model.spans].filter((s) => s.open).sort((a, b) => a.depth - b.depth))
    open.set(span.pe, [...(open.get(span.pe) ?? []), span.label]);
  return open;
}

/** The last event at or before `time` (what a cursor dropped there seeks to), or null. */
export function seqAt(model: TimelineModel, time: number): number | null {
  let found: number | null = null;
  for (const m of model.marks) {
    if (m.time > time) break;
    found = m.seq;
  }
  return found ?? model.marks[0]?.seq ?? null;
}

/** The time of event `seq` (or of the last event before it). */
export function timeOf(model: TimelineModel, seq: number): number {
  let time = model.start;
  for (const m of model.marks) {
    if (m.seq > seq) break;
    time = m.time;
  }
  return time;
}
