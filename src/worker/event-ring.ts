/**
 * The newest `capacity` items pushed since the last drain; older ones are only counted. Events
 * that no frame will carry are not kept, so memory stays flat however long a run is.
 */
export class EventRing<T> {
  readonly #buffer: (T | undefined)[];
  #next = 0;
  #size = 0;
  #pushed = 0;

  constructor(readonly capacity: number) {
    this.#buffer = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.#buffer[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.capacity, this.#size + 1);
    this.#pushed += 1;
  }

  /** The kept items, oldest first. */
  items(): T[] {
    const out: T[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i += 1) out.push(this.#buffer[(start + i) % this.capacity]!);
    return out;
  }

  /** The newest `limit` items (oldest first) and how many pushed since the last drain are not among them. */
  drain(
    limit: number,
    keep: (item: T) => boolean = () => true,
  ): {
    readonly items: T[];
    readonly skipped: number;
  } {
    const all = this.items().filter(keep);
    const items = all.slice(Math.max(0, all.length - limit));
    const skipped = Math.max(0, this.#pushed - items.length);
    this.clear();
    return { items, skipped };
  }

  /** Keeps only the items `keep` accepts (counts stay: what was pushed was pushed). */
  retain(keep: (item: T) => boolean): void {
    const kept = this.items().filter(keep);
    const pushed = this.#pushed;
    this.clear();
    for (const item of kept) this.push(item);
    this.#pushed = pushed;
  }

  clear(): void {
    this.#buffer.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#pushed = 0;
  }
}
