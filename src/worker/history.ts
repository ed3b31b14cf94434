import type { Engine, StepOutcome } from './engine.ts';

/** An input from the page that changes the machine; replayed in order after a restore. */
export type Input =
  /** a machine step cut short by a time (run until, playback), recorded so replay stops there too */
  | { readonly kind: 'step'; readonly limit: number }
  | { readonly kind: 'inject-nmi' }
  | { readonly kind: 'set-injector-mode'; readonly mode: Parameters<Engine['setInjectorMode']>[0] }
  | {
      readonly kind: 'write-register';
      readonly target: Parameters<Engine['writeRegister']>[0];
      readonly value: bigint;
    }
  | { readonly kind: 'read-register'; readonly target: Parameters<Engine['readRegister']>[0] }
  | { readonly kind: 'advance'; readonly time: number };

interface Checkpoint {
  readonly position: number;
  readonly snapshot: unknown;
}

const CHECKPOINT_EVERY = 128;
const MAX_CHECKPOINTS = 400;
/** Checkpoints kept are bounded by memory too: a 256-PE snapshot is about 350 KB. */
const CHECKPOINT_BUDGET_BYTES = 48 * 1024 * 1024;

/**
 * Step back = restore the nearest checkpoint + deterministic replay. The history is a sequence of
 * actions: machine steps and inputs; `position` counts the actions taken since load. Memory
 * stays bounded: what lies before the oldest kept checkpoint is forgotten.
 */
export class History {
  #position = 0;
  readonly #inputs = new Map<number, Input>();
  #checkpoints: Checkpoint[] = [];
  /** the engine's event seq after each position, from the oldest checkpoint on */
  #seqAfter: number[] = [];
  readonly #maxCheckpoints: number;

  constructor(private readonly engine: Engine) {
    const first = engine.snapshot();
    const bytes = JSON.stringify(first).length;
    this.#maxCheckpoints = Math.max(
      16,
      Math.min(MAX_CHECKPOINTS, Math.floor(CHECKPOINT_BUDGET_BYTES / bytes)),
    );
    this.#checkpoints.push({ position: 0, snapshot: first });
    this.#seqAfter.push(engine.eventSeq());
  }

  get position(): number {
    return this.#position;
  }

  get #oldest(): number {
    return this.#checkpoints[0].position;
  }

  get canStepBack(): boolean {
    return this.#position > this.#oldest;
  }

  /**
   * One action forward: after a step back this replays the recorded future (an input recorded
   * here is applied again), otherwise one machine step. False when nothing is scheduled.
   */
  step(): boolean {
    const input = this.#inputs.get(this.#position);
    if (input) applyInput(this.engine, input);
    else if (this.engine.step() === 'idle') return false;
    this.#advance();
    return true;
  }

  /**
   * One machine step that stops at `limit` (ns): a new action, so it rewrites the future. Only a
   * step that the limit cut short is recorded; one that reached a GIC event is an ordinary step.
   */
  stepUntil(limit: number): boolean {
    this.#forgetFuture();
    const outcome: StepOutcome = this.engine.step(limit);
    if (outcome === 'idle') return false;
    if (outcome === 'limit') this.#inputs.set(this.#position, { kind: 'step', limit });
    this.#advance();
    return true;
  }

  /** Applies an input now and records it; returns what it did. */
  apply(input: Input): string {
    const detail = applyInput(this.engine, input);
    this.#forgetFuture();
    this.#inputs.set(this.#position, input);
    this.#advance();
    return detail;
  }

  /** Undoes `count` visible actions (time advances during playback do not count). */
  back(count: number): void {
    let target = this.#position;
    let undone = 0;
    while (target > this.#oldest && undone < count) {
      target -= 1;
      if (this.#inputs.get(target)?.kind !== 'advance') undone += 1;
    }
    while (target > this.#oldest && this.#inputs.get(target - 1)?.kind === 'advance') target -= 1;
    this.rewindTo(target);
  }

  /**
   * The earliest position whose state includes event `seq` (found by binary search), or the
   * oldest position when that event is older than what is kept.
   */
  positionAfterEvent(seq: number): number {
    let low = 0;
    let high = this.#position - this.#oldest;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#seqAfter[mid] >= seq) high = mid;
      else low = mid + 1;
    }
    return this.#oldest + low;
  }

  /** Goes back to the state after `position` actions (clamped to the oldest checkpoint). */
  rewindTo(position: number): void {
    const target = Math.max(this.#oldest, Math.min(position, this.#position));
    let checkpoint = this.#checkpoints[0];
    for (const candidate of this.#checkpoints)
      if (candidate.position <= target) checkpoint = candidate;
    this.engine.restore(checkpoint.snapshot);
    for (let at = checkpoint.position; at < target; at += 1) {
      const input = this.#inputs.get(at);
      if (input) applyInput(this.engine, input);
      else this.engine.step();
    }
    this.#position = target;
  }

  #advance(): void {
    this.#position += 1;
    this.#seqAfter[this.#position - this.#oldest] = this.engine.eventSeq();
    const last = this.#checkpoints[this.#checkpoints.length - 1];
    if (this.#position % CHECKPOINT_EVERY === 0 && last.position < this.#position) {
      this.#checkpoints.push({ position: this.#position, snapshot: this.engine.snapshot() });
      if (this.#checkpoints.length > this.#maxCheckpoints) this.#dropOldest();
    }
  }

  #dropOldest(): void {
    const dropped = this.#checkpoints.shift()!;
    const oldest = this.#oldest;
    for (let at = dropped.position; at < oldest; at += 1) this.#inputs.delete(at);
    this.#seqAfter = this.#seqAfter.slice(oldest - dropped.position);
  }

  /** After a step back, a new action rewrites history from here on. */
  #forgetFuture(): void {
    for (const at of this.#inputs.keys()) if (at >= this.#position) this.#inputs.delete(at);
    this.#checkpoints = this.#checkpoints.filter((c) => c.position <= this.#position);
    this.#seqAfter.length = this.#position - this.#oldest + 1;
  }
}

function applyInput(engine: Engine, input: Input): string {
  switch (input.kind) {
    case 'step':
      engine.step(input.limit);
      return 'stepped';
    case 'inject-nmi':
      return engine.injectNmi();
    case 'set-injector-mode':
      return engine.setInjectorMode(input.mode);
    case 'write-register':
      return engine.writeRegister(input.target, input.value);
    case 'read-register':
      return engine.readRegister(input.target);
    case 'advance':
      engine.advanceTo(input.time);
      return `advanced to ${input.time} ns`;
  }
}
