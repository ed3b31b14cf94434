import type { EngineSnapshot } from '../engine.ts';
import { compareMoments, type Moment } from './moment.ts';

export interface Checkpoint {
  readonly moment: Moment;
  /** the engine's last event at that moment */
  readonly seq: number;
  readonly snapshot: EngineSnapshot;
  /** heap bytes the snapshot keeps alive (as the machine counts them) */
  readonly bytes: number;
}

/**
 * Machine snapshots at moments, oldest first, within a byte budget. The first one (the load, or
 * the point a crashed session resumed from) is never dropped, so every moment stays reachable;
 * over budget, the checkpoint whose removal leaves the smallest gap for its age goes, so that
 * they stay dense near the cursor (step back is cheap) and thin out with age (seeking far back
 * replays more).
 */
export class Checkpoints {
  readonly #list: Checkpoint[] = [];
  #bytes = 0;

  constructor(
    first: Checkpoint,
    readonly budgetBytes: number,
  ) {
    this.#list.push(first);
    this.#bytes = first.bytes;
  }

  get length(): number {
    return this.#list.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  at(index: number): Checkpoint {
    return this.#list[index];
  }

  get oldest(): Checkpoint {
    return this.#list[0];
  }

  get newest(): Checkpoint {
    return this.#list[this.#list.length - 1];
  }

  /** Index of the latest checkpoint at or before `moment` (0 when all are after it). */
  indexAtOrBefore(moment: Moment): number {
    let low = 0;
    let high = this.#list.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (compareMoments(this.#list[mid].moment, moment) <= 0) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Index of the latest checkpoint whose seq is below `seq` (0 when none is). */
  indexBeforeSeq(seq: number): number {
    let found = 0;
    for (let i = 0; i < this.#list.length && this.#list[i].seq < seq; i += 1) found = i;
    return found;
  }

  /** Adds a checkpoint in moment order (one at an existing moment is ignored), then fits the budget. */
  add(checkpoint: Checkpoint, cursorSeq: number): void {
    const index = this.indexAtOrBefore(checkpoint.moment);
    if (compareMoments(this.#list[index].moment, checkpoint.moment) === 0) return;
    const position =
      compareMoments(this.#list[index].moment, checkpoint.moment) < 0 ? index + 1 : 0;
    if (position === 0) return; // never before the first: it is the origin of the history
    this.#list.splice(position, 0, checkpoint);
    this.#bytes += checkpoint.bytes;
    while (this.#bytes > this.budgetBytes && this.#list.length > 2) this.#thin(cursorSeq);
  }

  /** Drops every checkpoint after `moment` (the recorded future was rewritten). */
  dropAfter(moment: Moment): void {
    while (this.#list.length > 1 && compareMoments(this.newest.moment, moment) > 0)
      this.#bytes -= this.#list.pop()!.bytes;
  }

  /** Makes the second checkpoint the first (the history's origin moves on); false when only one. */
  dropOldest(): boolean {
    if (this.#list.length < 2) return false;
    this.#bytes -= this.#list.shift()!.bytes;
    return true;
  }

  #thin(cursorSeq: number): void {
    let victim = 1;
    let best = Infinity;
    // the first (origin) and the newest are kept
    for (let i = 1; i < this.#list.length - 1; i += 1) {
      const gap = this.#list[i + 1].seq - this.#list[i - 1].seq;
      const age = Math.max(1, cursorSeq - this.#list[i].seq);
      const score = gap / age;
      if (score < best) {
        best = score;
        victim = i;
      }
    }
    this.#bytes -= this.#list.splice(victim, 1)[0].bytes;
  }
}
