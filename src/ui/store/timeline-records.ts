import type {
  TimelineDelta,
  TimelineInstant,
  TimelineSpan,
  TimelineStep,
} from '../../protocol/index.ts';

// a storm's 64 lanes fill these in ~150 ms of virtual time; a chart with more marks costs more
// to draw than a frame has
const MAX_SPANS = 1500;
const MAX_STEPS = 3000;
const MAX_INSTANTS = 600;

/**
 * The page's timeline records (handler bars, priority steps, instants) from the worker, bounded
 * to the newest few thousand. Records after the cursor stay as the recorded future (drawn
 * greyed) until the worker says it was rewritten.
 */
export class TimelineRecords {
  #spans = new Map<number, TimelineSpan>();
  #steps: TimelineStep[] = [];
  #instants: TimelineInstant[] = [];
  #dropped = 0;

  /**
   * Adds a frame's records. Over the bounds the records farthest from the cursor go: the far
   * recorded future first, then the oldest (after a seek back, the replayed bars around the
   * cursor must not be the ones dropped).
   */
  apply(delta: TimelineDelta, cursorSeq = Infinity): void {
    for (const span of delta.spans) {
      // a replay sends spans again: the newer copy wins, its place in the order stays
      this.#spans.set(span.id, span);
    }
    this.#steps = mergeBySeq(this.#steps, delta.steps, (s) => `${s.series}${s.pe}`);
    this.#instants = mergeBySeq(this.#instants, delta.instants, (i) => i.label);
    this.#dropped += delta.dropped;
    if (this.#spans.size > MAX_SPANS) {
      const ids = [...this.#spans.keys()].sort((a, b) => a - b);
      const kept = nearCursor(ids, (id) => id, MAX_SPANS, cursorSeq);
      for (const id of ids) if (!kept.has(id)) this.#spans.delete(id);
    }
    if (this.#steps.length > MAX_STEPS) this.#steps = trim(this.#steps, MAX_STEPS, cursorSeq);
    if (this.#instants.length > MAX_INSTANTS)
      this.#instants = trim(this.#instants, MAX_INSTANTS, cursorSeq);
  }

  /** Forgets what follows event `seq`; bars that closed after it are open again. */
  forgetAfter(seq: number): void {
    for (const [id, span] of this.#spans) {
      if (id > seq) this.#spans.delete(id);
      else if (span.endSeq !== null && span.endSeq > seq)
        this.#spans.set(id, { ...span, end: null, endSeq: null });
    }
    this.#steps = this.#steps.filter((s) => s.seq <= seq);
    this.#instants = this.#instants.filter((i) => i.seq <= seq);
  }

  clear(): void {
    this.#spans.clear();
    this.#steps = [];
    this.#instants = [];
    this.#dropped = 0;
  }

  get dropped(): number {
    return this.#dropped;
  }

  spans(): TimelineSpan[] {
    return [...this.#spans.values()].sort((a, b) => a.id - b.id);
  }

  steps(): readonly TimelineStep[] {
    return this.#steps;
  }

  instants(): readonly TimelineInstant[] {
    return this.#instants;
  }
}

/** Appends records in seq order, replacing ones already held at the same seq (and key). */
function mergeBySeq<T extends { readonly seq: number }>(
  held: T[],
  incoming: readonly T[],
  key: (record: T) => string,
): T[] {
  if (!incoming.length) return held;
  const last = held.at(-1);
  if (!last || incoming[0].seq > last.seq) return held.concat(incoming);
  const seen = new Set(
    held.filter((r) => r.seq >= incoming[0].seq).map((r) => `${r.seq}:${key(r)}`),
  );
  const fresh = incoming.filter((r) => !seen.has(`${r.seq}:${key(r)}`));
  return fresh.length ? [...held, ...fresh].sort((a, b) => a.seq - b.seq) : held;
}

/** The `max` of `sorted` (ascending by seq) nearest the cursor: the far future goes first, then the oldest. */
function nearestRange<T>(
  sorted: readonly T[],
  seqOf: (item: T) => number,
  max: number,
  cursorSeq: number,
) {
  let end = sorted.length;
  // the recorded future past the cursor, from its far end
  while (end - max > 0 && seqOf(sorted[end - 1]) > cursorSeq) end -= 1;
  return { start: Math.max(0, end - max), end };
}

function nearCursor<T>(
  sorted: readonly T[],
  seqOf: (item: T) => number,
  max: number,
  cursorSeq: number,
): Set<T> {
  const { start, end } = nearestRange(sorted, seqOf, max, cursorSeq);
  return new Set(sorted.slice(start, end));
}

function trim<T extends { readonly seq: number }>(
  sorted: T[],
  max: number,
  cursorSeq: number,
): T[] {
  const { start, end } = nearestRange(sorted, (r) => r.seq, max, cursorSeq);
  return sorted.slice(start, end);
}
