/**
 * What the exporters write: a finished run reduced to per-PE signals, handler slices, markers and
 * pending→acknowledge flows. Plain data, the same for a machine run and a QEMU trace replay.
 */

/**
 * `ns`: virtual nanoseconds of a machine run. `line`: a QEMU trace without timestamps, where a
 * moment is the trace line number (one unit per line).
 */
export type TimeUnit = 'ns' | 'line';

/** The values of one PE's CPU interface from `at` until the next sample. */
export interface PeSample {
  readonly at: number;
  /** ICC_PMR_EL1 as stored. */
  readonly pmr: number;
  /** Running priority (ICC_RPR_EL1, unshifted); 0xFF when idle. */
  readonly runningPriority: number;
  /** Priority of the highest pending interrupt forwarded to this CPU interface; 0xFF for none. */
  readonly pendingPriority: number;
  readonly irq: boolean;
  readonly fiq: boolean;
  /** The superpriority IRQ line (GICv3.3 NMI). */
  readonly nmi: boolean;
  /** The INTID whose handler runs (acknowledged, priority not yet dropped); null when none. */
  readonly activeIntid: number | null;
}

/** One handled interrupt: from its acknowledge to its priority drop. */
export interface HandlerSlice {
  readonly pe: number;
  readonly intid: number;
  readonly group: string;
  readonly priority: number;
  /** An architected NMI, or a pseudo-NMI the guest handled as one. */
  readonly nmi: boolean;
  /** 0 for a handler entered from the task, 1 for one that preempted it, … */
  readonly depth: number;
  readonly start: number;
  /** null: still running when the recording ended. */
  readonly end: number | null;
  /** Order of the start and end among everything recorded at the same moment. */
  readonly startSeq: number;
  readonly endSeq: number | null;
}

export type MarkerKind = 'acknowledge' | 'priority-drop' | 'deactivation';

export interface Marker {
  readonly at: number;
  readonly kind: MarkerKind;
  /** The PE whose CPU interface did it; null for a deactivation not tied to a PE. */
  readonly pe: number | null;
  readonly intid: number;
  readonly detail: string;
  /** Order among everything recorded at the same moment. */
  readonly seq: number;
}

/** Where an interrupt became pending: the Distributor (SPIs) or a PE's Redistributor. */
export type PendingSource =
  { readonly block: 'distributor' } | { readonly block: 'redistributor'; readonly pe: number };

/** An interrupt that became pending and was later acknowledged. */
export interface PendingFlow {
  readonly id: number;
  readonly intid: number;
  readonly source: PendingSource;
  readonly pendingAt: number;
  readonly pendingSeq: number;
  readonly acknowledgedAt: number;
  /** The PE that acknowledged it. */
  readonly pe: number;
}

/** A value with a meaning for people, used for the waveform's state names. */
export interface NamedValue {
  readonly value: number;
  readonly name: string;
}

export interface Recording {
  readonly title: string;
  readonly timeUnit: TimeUnit;
  readonly peCount: number;
  readonly start: number;
  readonly end: number;
  /** Per PE, its samples in time order; the first is at `start`. */
  readonly samples: readonly (readonly PeSample[])[];
  readonly slices: readonly HandlerSlice[];
  readonly markers: readonly Marker[];
  readonly flows: readonly PendingFlow[];
  /** Names of INTIDs (`SPI 33 uart`), for slices and state names. */
  readonly interruptNames: Readonly<Record<number, string>>;
  /** Priority values with a meaning (the guest's PMR settings, idle), for state names. */
  readonly priorityNames: readonly NamedValue[];
}
