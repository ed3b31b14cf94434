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

export class Tally {
  private readonly counts: Record<string, number> = {};
  private readonly differences: ReplayMismatch[] = [];

  compare(check: string, line: number, pe: number | null, expected: string, got: string): void {
    this.counts[check] = (this.counts[check] ?? 0) + 1;
    if (expected !== got) this.differences.push({ line, check, pe, expected, got });
  }

  result(): ComparisonTally {
    return { compared: { ...this.counts }, mismatches: [...this.differences] };
  }
}
