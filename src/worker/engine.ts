import type {
  EventView,
  InjectorMode,
  InspectionView,
  MachineDiff,
  MachineView,
  RegisterTarget,
  ScenarioMeta,
  ScenarioSource,
  TimelineDelta,
} from '../protocol/index.ts';

/** Bad input from the page (malformed scenario, out-of-range register write): told, not fatal. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A command that had nothing to do (no NMI candidate, a time in the past): told, not fatal. */
export class NoEffect extends Error {
  override readonly name = 'NoEffect';
}

/** A snapshot as the host keeps it: opaque but for its size. */
export interface EngineSnapshot {
  readonly bytes: number;
}

/** What one instant of virtual time did. */
export interface InstantResult {
  readonly time: number;
  /** machine events it produced (0: nothing visible happened) */
  readonly events: number;
  /** some PE acknowledged an interrupt (for "step to next interrupt") */
  readonly acknowledged: boolean;
}

/** What an input did: the reply's text, and whether it changed anything at all. */
export interface InputOutcome {
  readonly detail: string;
  readonly effect: boolean;
}

/**
 * What the host needs from a loaded simulation; machine-engine.ts adapts the machine to it.
 * Time is virtual and an integer number of nanoseconds.
 */
export interface Engine {
  readonly scenario: ScenarioMeta;
  readonly peCount: number;
  /** where the scenario's story ends (ns) */
  readonly endTime: number;
  /** Virtual time in ns. */
  time(): number;
  /** Time of the next agenda entry, or null when nothing is scheduled. */
  nextEventTime(): number | null;
  /** Sequence number of the last event produced (-1 before the first). */
  eventSeq(): number;
  /**
   * Runs every agenda entry at the next agenda time — one instant — if that time is at or before
   * `limit`; null (and nothing run) otherwise.
   */
  runInstant(limit?: number): InstantResult | null;
  /** Runs every entry at or before `time` and moves the clock there (never backwards). */
  runUntil(time: number): void;
  injectNmi(): InputOutcome;
  setInjectorMode(mode: InjectorMode): InputOutcome;
  /** @throws InputError */
  writeRegister(target: RegisterTarget, value: bigint): InputOutcome;
  /** A read made on purpose, side effects included (ICC_IAR1_EL1 acknowledges). @throws InputError */
  readRegister(target: RegisterTarget): InputOutcome;
  /** Registers, ladder and explanation for one PE (and INTID); no side effects, no events. */
  inspect(pe: number, intid: number | null): InspectionView;
  /** The machine at this moment, with the heap bytes it keeps alive (checkpoints budget by it). */
  snapshot(): EngineSnapshot;
  /**
   * Back to a snapshot, or to one as JSON text (`snapshotText`).
   * @throws Error when it is damaged or belongs to another scenario (nothing changes)
   */
  restore(snapshot: EngineSnapshot | string): void;
  /** A snapshot as JSON text, for the page's crash-recovery copy. */
  snapshotText(snapshot: EngineSnapshot): string;
  /** The whole view (after load) — also becomes the base of the next diff. */
  view(): MachineView;
  /** What changed since the last `view()` or `diff()`. */
  diff(): MachineDiff;
  /**
   * The newest `limit` events since the last call, none after the current event (after a step
   * back the ones from the old future are replayed when reached); older ones are counted.
   */
  drainEvents(limit: number): { readonly events: EventView[]; readonly skipped: number };
  /**
   * Timeline records since the last call (every event feeds them); with a `limit`, only the
   * newest new ones and every change to a bar the page holds open (recorder.ts).
   */
  drainTimeline(limit?: number): TimelineDelta | null;
  /**
   * Drops what is waiting for the next frame from after event `seq` (the future is about to be
   * rewritten): events, and timeline records — a bar that closed later is open again.
   */
  forgetPendingAfter(seq: number): void;
}

export interface EngineFactory {
  builtins(): readonly ScenarioMeta[];
  /** @throws InputError with the located problem */
  load(source: ScenarioSource): Engine;
}
