import type { EventView } from '../../protocol/index.ts';

/**
 * The log's rows, ordered by seq, at most `capacity` (the oldest go, counted as dropped).
 * Events arrive again when the worker replays (step forward after a step back, a seek): a seq
 * already held is the same event and is skipped, a missing one fills its gap. Rows after the
 * cursor stay (a recorded future) until the worker says the future was rewritten.
 */
export class EventRing {
  readonly #items: EventView[] = [];
  #dropped = 0;

  constructor(readonly capacity: number) {}

  /**
   * Adds events (in seq order); over capacity the rows farthest from the cursor go: the far
   * recorded future first, then the oldest.
   */
  pushAll(events: readonly EventView[], cursorSeq = Infinity): void {
    const items = this.#items;
    for (const event of events) {
      const last = items.at(-1);
      if (!last || event.seq > last.seq) {
        items.push(event);
        continue;
      }
      const index = this.#indexOf(event.seq);
      if (index < items.length && items[index].seq === event.seq) continue;
      items.splice(index, 0, event);
    }
    let excess = items.length - this.capacity;
    if (excess <= 0) return;
    const future = this.after(cursorSeq);
    const fromFuture = Math.min(excess, future);
    if (fromFuture > 0) items.length -= fromFuture;
    excess -= fromFuture;
    if (excess > 0) {
      items.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /** Counts events the worker left out of a frame as dropped. */
  skip(count: number): void {
    this.#dropped += count;
  }

  /** Forgets rows after `seq` (the recorded future was rewritten). */
  forgetAfter(seq: number): void {
    this.#items.length = this.#indexOf(seq + 1);
  }

  clear(): void {
    this.#items.length = 0;
    this.#dropped = 0;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /** Rows held, future ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** The newest `count` rows at or before event `upTo` (the cursor), oldest first. */
  latest(count: number, upTo = Infinity): readonly EventView[] {
    const end = upTo === Infinity ? this.#items.length : this.#indexOf(upTo + 1);
    return this.#items.slice(Math.max(0, end - count), end);
  }

  /** How many rows lie after event `seq` (the recorded future). */
  after(seq: number): number {
    return this.#items.length - this.#indexOf(seq + 1);
  }

  /** index of the first row with seq >= `seq` */
  #indexOf(seq: number): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#items[mid].seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
