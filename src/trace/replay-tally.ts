/** Counts of comparisons by name, and the ones that differed. */

export interface ReplayMismatch {
  /** Line of the trace record whose value was compared. */
  readonly line: number;
  /** What was compared: a register name ('ICC_IAR1_EL1', 'GICR_ISPENDR0'), 'HPPI', 'IRQ/FIQ'… */
  readonly check: string;
  readonly pe: number | null;
  /** What QEMU returned or decided. */
  readonly expected: string;
  /** What the model returned or decided. */
  readonly got: string;
}

export interface ComparisonTally {
  /** Comparisons made, by check name. */
  readonly compared: Readonly<Record<string, number>>;
  readonly mismatches: readonly ReplayMismatch[];
}

export interface TallyState {
  readonly counts: Readonly<Record<string, number>>;
  readonly mismatches: number;
}

export class Tally {
  private readonly counts: Record<string, number> = {};
  private readonly differences: ReplayMismatch[] = [];

  compare(check: string, line: number, pe: number | null, expected: string, got: string): void {
    this.counts[check] = (this.counts[check] ?? 0) + 1;
    if (expected !== got) this.differences.push({ line, check, pe, expected, got });
  }

  /** Mismatches found so far; `mismatches(from)` lists those found since that count. */
  get mismatchCount(): number {
    return this.differences.length;
  }

  mismatchesSince(from: number): readonly ReplayMismatch[] {
    return this.differences.slice(from);
  }

  /** Comparisons made so far (all checks together). */
  get comparedCount(): number {
    let total = 0;
    for (const n of Object.values(this.counts)) total += n;
    return total;
  }

  state(): TallyState {
    return { counts: { ...this.counts }, mismatches: this.differences.length };
  }

  /** Back to an earlier state of the same tally. */
  restoreState(state: TallyState): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
    Object.assign(this.counts, state.counts);
    this.differences.length = Math.min(this.differences.length, state.mismatches);
  }

  result(): ComparisonTally {
    return { compared: { ...this.counts }, mismatches: [...this.differences] };
  }
}
