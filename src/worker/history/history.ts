import type { MachineInput, RecordedInput, RecoveryCheckpoint } from '../../protocol/index.ts';
import type { Engine, InputOutcome } from '../engine.ts';
import { Checkpoints, type Checkpoint } from './checkpoints.ts';
import { compareMoments, END, START, type Moment } from './moment.ts';

export interface HistoryOptions {
  /** heap bytes the checkpoints may hold (default 32 MB) */
  readonly budgetBytes?: number;
  /** the fewest events between two checkpoints (default 1000) */
  readonly minSpacingEvents?: number;
  /** the most events between two checkpoints (default 100,000; tests make it small) */
  readonly maxSpacingEvents?: number;
}

/** One step forward: an instant of virtual time, or a recorded input replayed. */
export interface StepRecord {
  readonly moment: Moment;
  /** something happened that the page shows (an event, or an input) */
  readonly visible: boolean;
  readonly acknowledged: boolean;
  readonly input: boolean;
}

/** Applies an input to the engine (host.ts parses register values once, here too on replay). */
export type ApplyInput = (engine: Engine, input: MachineInput) => InputOutcome;

const DEFAULT_BUDGET = 32 * 1024 * 1024;
/** Inputs are a person's clicks, but a script can send many: past this the origin moves on. */
const MAX_INPUTS = 100_000;

/**
 * Step back and every jump: checkpoints + deterministic replay. The machine's own agenda decides
 * every instant, so the history records only what the page did — inputs, each with the moment
 * it was applied at — and a cursor (a time, and how many inputs it includes). Replay runs the
 * same instants and re-applies the same inputs in the same order; an input found at another
 * event than recorded means the replay diverged, which is a bug and throws.
 */
export class History {
  #cursor: Moment = START;
  /** inputs[i] is input number inputBase + i */
  #inputs: RecordedInput[] = [];
  #inputBase = 0;
  readonly #checkpoints: Checkpoints;
  readonly #minSpacing: number;
  readonly #maxSpacing: number;
  #lastCheckpointSeq: number;
  #spacing: number;
  /** off while a step back searches old segments: checkpoint indexes must not move under it */
  checkpointing = true;
  /** the highest event seq the engine reached (a step back leaves a future above the cursor) */
  #highestSeq = -1;

  constructor(
    private readonly engine: Engine,
    private readonly applyInput: ApplyInput,
    options: HistoryOptions = {},
    resume?: { readonly checkpoint: RecoveryCheckpoint; readonly inputs: readonly RecordedInput[] },
  ) {
    this.#minSpacing = options.minSpacingEvents ?? 1000;
    this.#maxSpacing = Math.max(this.#minSpacing, options.maxSpacingEvents ?? 100_000);
    let first: Checkpoint;
    if (resume) {
      // the page's copy of a snapshot this worker's predecessor took (restore checks it)
      engine.restore(resume.checkpoint.snapshot);
      const snapshot = engine.snapshot();
      const { moment, seq } = resume.checkpoint;
      first = { moment, seq, snapshot, bytes: snapshot.bytes };
      this.#cursor = moment;
      this.#inputBase = moment.inputs;
      this.#inputs = [...resume.inputs];
    } else {
      const snapshot = engine.snapshot();
      first = { moment: START, seq: engine.eventSeq(), snapshot, bytes: snapshot.bytes };
    }
    this.#checkpoints = new Checkpoints(first, options.budgetBytes ?? DEFAULT_BUDGET);
    this.#lastCheckpointSeq = first.seq;
    this.#spacing = this.#spacingFor(first.bytes);
  }

  get cursor(): Moment {
    return this.#cursor;
  }

  get checkpoints(): Checkpoints {
    return this.#checkpoints;
  }

  /** Something visible happened since the oldest moment kept: there is a step back to take. */
  get canStepBack(): boolean {
    const oldest = this.#checkpoints.oldest;
    return this.engine.eventSeq() > oldest.seq || this.#cursor.inputs > oldest.moment.inputs;
  }

  /** Inputs recorded after the cursor (a recorded future that a step forward replays). */
  get futureInputs(): number {
    return this.#inputBase + this.#inputs.length - this.#cursor.inputs;
  }

  /** Recorded inputs from number `from` on (for the page's crash-recovery copy). */
  inputsFrom(from: number): RecordedInput[] {
    return this.#inputs.slice(Math.max(0, from - this.#inputBase));
  }

  get inputCount(): number {
    return this.#inputBase + this.#inputs.length;
  }

  /**
   * One step toward `bound` (inclusive, or exclusive): the next recorded input if it comes
   * before the next instant, else the next instant; null when the next step would pass the
   * bound or nothing is left.
   */
  forward(bound: Moment = END, inclusive = true): StepRecord | null {
    const k = this.#cursor.inputs;
    const next = this.engine.nextEventTime();
    const recorded = this.#inputs[k - this.#inputBase];
    const beyond = (m: Moment) => {
      const c = compareMoments(m, bound);
      return inclusive ? c > 0 : c >= 0;
    };
    if (recorded && (next === null || recorded.at < next)) {
      const moment = { time: recorded.at, inputs: k + 1 };
      if (beyond(moment)) return null;
      if (this.engine.eventSeq() !== recorded.seqBefore)
        throw new Error(
          `replay diverged: input ${k} (${recorded.input.kind}) was recorded after event ` +
            `${recorded.seqBefore}, replay reached it after event ${this.engine.eventSeq()}`,
        );
      this.#applyAt(recorded.at, recorded.input);
      this.#cursor = moment;
      this.#highestSeq = Math.max(this.#highestSeq, this.engine.eventSeq());
      this.#maybeCheckpoint();
      return { moment, visible: true, acknowledged: false, input: true };
    }
    if (next === null) return null;
    const moment = { time: next, inputs: k };
    if (beyond(moment)) return null;
    const result = this.engine.runInstant(next)!;
    this.#cursor = moment;
    this.#highestSeq = Math.max(this.#highestSeq, this.engine.eventSeq());
    if (result.events > 0) this.#maybeCheckpoint();
    return { moment, visible: result.events > 0, acknowledged: result.acknowledged, input: false };
  }

  /** Moves the clock on to `time` when nothing is due before it (playback, run until). */
  idleTo(time: number): void {
    if (time <= this.#cursor.time) return;
    const next = this.engine.nextEventTime();
    const recorded = this.#inputs[this.#cursor.inputs - this.#inputBase];
    if ((next !== null && next <= time) || (recorded && recorded.at <= time))
      throw new Error(`idleTo(${time}): something is due before it`);
    this.engine.runUntil(time);
    this.#cursor = { time, inputs: this.#cursor.inputs };
  }

  /**
   * Applies a new input at the cursor and records it, unless it changed nothing at all (no
   * effect and no event). A recorded future is rewritten from here on.
   */
  apply(input: MachineInput): InputOutcome & { readonly recorded: boolean } {
    const seqBefore = this.engine.eventSeq();
    const at = this.#cursor.time;
    // the input's events will be numbered as the recorded future was: that future goes first
    if (this.futureEvents(seqBefore)) this.engine.forgetPendingAfter(seqBefore);
    const outcome = this.#applyAt(at, input);
    const recorded = outcome.effect || this.engine.eventSeq() !== seqBefore;
    if (!recorded) return { ...outcome, recorded };
    this.forgetFuture();
    this.#inputs.push({ at, seqBefore, input });
    this.#highestSeq = this.engine.eventSeq();
    this.#cursor = { time: at, inputs: this.#cursor.inputs + 1 };
    if (this.#inputs.length > MAX_INPUTS) this.#moveOrigin();
    this.#maybeCheckpoint();
    return { ...outcome, recorded };
  }

  /** Whether a step back happened (something after event `seq` may be waiting to be sent). */
  futureEvents(seq: number): boolean {
    return this.#highestSeq > seq;
  }

  /** Forgets the recorded future: inputs and checkpoints after the cursor. */
  forgetFuture(): void {
    this.#inputs.length = Math.max(0, this.#cursor.inputs - this.#inputBase);
    this.#checkpoints.dropAfter(this.#cursor);
  }

  /** Puts the machine back to checkpoint `index`; the cursor is its moment. */
  restoreCheckpoint(index: number): Checkpoint {
    const checkpoint = this.#checkpoints.at(index);
    this.engine.restore(checkpoint.snapshot);
    this.#cursor = checkpoint.moment;
    this.#lastCheckpointSeq = checkpoint.seq;
    return checkpoint;
  }

  #applyAt(at: number, input: MachineInput): InputOutcome {
    // every instant up to `at` has run; the input's own consequences at `at` run with it
    if (at >= 0) this.engine.runUntil(at);
    const outcome = this.applyInput(this.engine, input);
    if (at >= 0) this.engine.runUntil(at);
    return outcome;
  }

  #maybeCheckpoint(): void {
    if (!this.checkpointing) return;
    const seq = this.engine.eventSeq();
    if (seq - this.#lastCheckpointSeq < this.#spacing) return;
    const checkpoints = this.#checkpoints;
    const index = checkpoints.indexAtOrBefore(this.#cursor);
    const after = index + 1 < checkpoints.length ? checkpoints.at(index + 1) : null;
    this.#lastCheckpointSeq = seq;
    // replaying the recorded future: a checkpoint already lies close ahead
    if (after && after.seq - seq < this.#spacing) return;
    const snapshot = this.engine.snapshot();
    const bytes = snapshot.bytes;
    this.#spacing = this.#spacingFor(bytes);
    checkpoints.add({ moment: this.#cursor, seq, snapshot, bytes }, seq);
  }

  /**
   * Bigger machines snapshot less often: about 8 bytes of snapshot per event replayed, which
   * keeps taking checkpoints under a tenth of the simulation's time (64 PEs: one every ~25,000
   * events, ~25 ms of replay at worst for a step back).
   */
  #spacingFor(bytes: number): number {
    return Math.max(this.#minSpacing, Math.min(this.#maxSpacing, Math.round(bytes / 8)));
  }

  #moveOrigin(): void {
    while (this.#inputs.length > MAX_INPUTS && this.#checkpoints.dropOldest()) {
      const origin = this.#checkpoints.oldest.moment.inputs;
      this.#inputs.splice(0, origin - this.#inputBase);
      this.#inputBase = origin;
    }
  }
}
