/**
 * What a GIC trace implies beyond the model's registers: which handlers run on each PE (from
 * acknowledges and priority drops) and how many interrupts each PE took, per INTID.
 */
import type { GicEvent } from '../../gic/index.ts';

export interface TraceHandler {
  readonly intid: number;
  readonly group: string;
  readonly nmi: boolean;
  /** trace line of the acknowledge */
  readonly since: number;
}

export interface TraceStateSnapshot {
  readonly stacks: readonly (readonly TraceHandler[])[];
  readonly counts: readonly (readonly [number, readonly number[]])[];
  readonly acknowledges: number;
}

export class TraceState {
  #stacks: TraceHandler[][];
  #counts = new Map<number, number[]>();
  #acknowledges = 0;

  constructor(private readonly peCount: number) {
    this.#stacks = Array.from({ length: peCount }, () => []);
  }

  get acknowledges(): number {
    return this.#acknowledges;
  }

  /** Handlers running on `pe`, innermost last. */
  handlers(pe: number): readonly TraceHandler[] {
    return this.#stacks[pe] ?? [];
  }

  /** Acknowledges per INTID and PE, like /proc/interrupts. */
  counts(): ReadonlyMap<number, readonly number[]> {
    return this.#counts;
  }

  note(event: GicEvent, line: number): void {
    if (event.kind === 'acknowledged') {
      this.#acknowledges += 1;
      this.#stacks[event.pe]?.push({
        intid: event.intid,
        group: event.group,
        nmi: event.nmi,
        since: line,
      });
      const row = this.#counts.get(event.intid) ?? new Array<number>(this.peCount).fill(0);
      row[event.pe] = (row[event.pe] ?? 0) + 1;
      this.#counts.set(event.intid, row);
    } else if (event.kind === 'priority-dropped') {
      // the architecture drops the highest active priority: the handler entered last
      this.#stacks[event.pe]?.pop();
    }
  }

  snapshot(): TraceStateSnapshot {
    return {
      stacks: this.#stacks.map((s) => [...s]),
      counts: [...this.#counts].map(([intid, row]) => [intid, [...row]] as const),
      acknowledges: this.#acknowledges,
    };
  }

  restore(snapshot: TraceStateSnapshot): void {
    this.#stacks = snapshot.stacks.map((s) => [...s]);
    this.#counts = new Map(snapshot.counts.map(([intid, row]) => [intid, [...row]]));
    this.#acknowledges = snapshot.acknowledges;
  }
}
