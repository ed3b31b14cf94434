import type { EventView } from '../../protocol/index.ts';

/** The log keeps the newest `capacity` events so memory stays flat in long runs. */
export class EventRing {
  readonly #items: EventView[] = [];
  #dropped = 0;

  constructor(readonly capacity: number) {}

  pushAll(events: readonly EventView[]): void {
    this.#items.push(...events);
    const excess = this.#items.length - this.capacity;
    if (excess > 0) {
      this.#items.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /** Counts events the worker left out of a frame as dropped. */
  skip(count: number): void {
    this.#dropped += count;
  }

  /** Drops events newer than `seq` (after a step back). */
  truncateAfter(seq: number): void {
    let end = this.#items.length;
    while (end > 0 && this.#items[end - 1].seq > seq) end -= 1;
    this.#items.length = end;
  }

  clear(): void {
    this.#items.length = 0;
    this.#dropped = 0;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#items.length;
  }

  /** The newest `count` events, oldest first. */
  latest(count: number): readonly EventView[] {
    return this.#items.slice(Math.max(0, this.#items.length - count));
  }
}
