import type { SysregContext } from './acknowledge.ts';
import type { Emitter } from './events.ts';
import type { GicState } from './state.ts';

/** What every block module works on: the state and the event fan-out. */
export interface Model {
  /** Replaced as a whole by restore(), which builds the new state aside and then swaps it in. */
  s: GicState;
  readonly ev: Emitter;
  /** Bits [63:32] of the last register read (the read itself returns bits [31:0]). */
  hi: number;
  /** One frozen context per (PE, Secure, EL3, peek): a sysreg access allocates none. */
  readonly contexts: (SysregContext | undefined)[];
}
