import type { EventView } from '../../../protocol/index.ts';

/**
 * The timeline's own memory of events: it keeps the "recorded future" after a seek back (the log
 * drops it) so the cursor can be dragged forward again. An event that differs from the recorded
 * one at the same seq means the future was rewritten: everything after it is forgotten.
 */
export class EventBuffer {
  readonly #bySeq = new Map<number, EventView>();

  constructor(readonly capacity: number) {}

  merge(events: readonly EventView[]): void {
    for (const e of events) {
      const known = this.#bySeq.get(e.seq);
      if (known && known.text !== e.text)
        for (const seq of [...this.#bySeq.keys()]) if (seq >= e.seq) this.#bySeq.delete(seq);
      this.#bySeq.set(e.seq, e);
    }
    if (this.#bySeq.size > this.capacity) {
      const seqs = [...this.#bySeq.keys()].sort((a, b) => a - b);
      for (const seq of seqs.slice(0, seqs.length - this.capacity)) this.#bySeq.delete(seq);
    }
  }

  clear(): void {
    this.#bySeq.clear();
  }

  /** every known event, oldest first */
  all(): EventView[] {
    return [...this.#bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}
