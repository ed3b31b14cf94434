import type {
  EventView,
  InjectorMode,
  InspectionView,
  MachineDiff,
  MachineView,
  RegisterTarget,
  ScenarioMeta,
  ScenarioSource,
} from '../protocol/index.ts';

/** Bad input from the page (malformed scenario, out-of-range register write): told, not fatal. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export type StepOutcome = 'event' | 'limit' | 'idle';

/** What the host needs from a loaded simulation; machine-engine.ts adapts the machine to it. */
export interface Engine {
  readonly scenario: ScenarioMeta;
  readonly peCount: number;
  /**
   * Runs to the next GIC-visible event (`event`), but not past `limit` ns (`limit`: stopped
   * there with none); `idle` when nothing was scheduled.
   */
  step(limit?: number): StepOutcome;
  /** Virtual time in ns. */
  time(): number;
  /** Time of the next scheduled event, or null. */
  nextEventTime(): number | null;
  /** Moves the clock forward to `time` when nothing is scheduled before it. */
  advanceTo(time: number): void;
  /** True when the last step acknowledged an interrupt (for "step to next interrupt"). */
  lastStepAcknowledged(): boolean;
  injectNmi(): string;
  setInjectorMode(mode: InjectorMode): string;
  /** @throws InputError */
  writeRegister(target: RegisterTarget, value: bigint): string;
  /** A read made on purpose, side effects included (ICC_IAR1_EL1 acknowledges). @throws InputError */
  readRegister(target: RegisterTarget): string;
  /** Registers, ladder and explanation for one PE (and INTID); no side effects, no events. */
  inspect(pe: number, intid: number | null): InspectionView;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  /** The whole view (after load) — also becomes the base of the next diff. */
  view(): MachineView;
  /** What changed since the last `view()` or `diff()`. */
  diff(): MachineDiff;
  /** Events since the last call, numbered; only the newest `limit` are converted and returned. */
  drainEvents(limit?: number): { readonly events: EventView[]; readonly skipped: number };
  /** Sequence number of the last event produced. */
  eventSeq(): number;
}

export interface EngineFactory {
  builtins(): readonly ScenarioMeta[];
  /** @throws InputError with the located problem */
  load(source: ScenarioSource): Engine;
}
