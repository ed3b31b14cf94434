import type {
  Cursor,
  RecordedInput,
  RecoveryCheckpoint,
  RecoveryDelta,
  RecoveryPoint,
  ScenarioSource,
} from '../../protocol/index.ts';

/**
 * What the page keeps so that a crashed worker loses nothing: the scenario as loaded (a
 * built-in's id or the JSON text), the latest checkpoint the worker shipped, and the inputs
 * recorded after it (input number `inputsFrom + i` is `inputs[i]`).
 */
export interface RecoveryCopy {
  readonly source: ScenarioSource;
  readonly checkpoint: RecoveryCheckpoint | null;
  readonly inputsFrom: number;
  readonly inputs: readonly RecordedInput[];
}

export function freshRecovery(source: ScenarioSource): RecoveryCopy {
  return { source, checkpoint: null, inputsFrom: 0, inputs: [] };
}

export function applyRecovery(copy: RecoveryCopy, delta: RecoveryDelta): RecoveryCopy {
  const checkpoint = delta.checkpoint ?? copy.checkpoint;
  const base = checkpoint ? checkpoint.moment.inputs : 0;
  // inputs the page held from `base` on, up to where the delta takes over
  const kept = copy.inputs.slice(
    Math.max(0, base - copy.inputsFrom),
    Math.max(0, delta.inputsFrom - copy.inputsFrom),
  );
  return { source: copy.source, checkpoint, inputsFrom: base, inputs: [...kept, ...delta.inputs] };
}

/** What `resume` sends to a new worker: back to `cursor` at `speed`. */
export function recoveryPoint(copy: RecoveryCopy, cursor: Cursor, speed: number): RecoveryPoint {
  return {
    source: copy.source,
    checkpoint: copy.checkpoint,
    inputs: copy.inputs,
    cursor: cursor.moment,
    speed,
  };
}
