import type { Emitter } from './events.ts';
import type { GicState } from './state.ts';

/** What every block module works on: the state and the event fan-out. */
export interface Model {
  readonly s: GicState;
  readonly ev: Emitter;
}
