import type { Outputs } from '../../gic/index.ts';

/** The PSTATE interrupt masks a GIC interrupt meets (ALLINT is FEAT_NMI). */
export interface InterruptMasks {
  readonly i: boolean;
  readonly f: boolean;
  readonly allint: boolean;
}

export type ExceptionKind = 'irq' | 'fiq' | 'superpriority-irq';

/**
 * Which exception the PE takes at its next instruction boundary, if any. With SCTLR_ELx.NMI=1,
 * PSTATE.I/F mask only interrupts without superpriority and ALLINT masks all of them; with
 * SCTLR_ELx.NMI=0 a superpriority interrupt is an ordinary IRQ (reference §6, FEAT_NMI).
 */
export function exceptionToTake(
  outputs: Outputs,
  masks: InterruptMasks,
  sctlrNmi: boolean,
): ExceptionKind | null {
  if (sctlrNmi) {
    if (masks.allint) return null;
    if (outputs.nmi) return 'superpriority-irq';
  } else if (outputs.nmi && !masks.i) {
    return 'irq';
  }
  if (outputs.fiq && !masks.f) return 'fiq';
  if (outputs.irq && !masks.i) return 'irq';
  return null;
}

/** The eight mask states, shared and frozen: changing PSTATE allocates nothing. */
const MASKS: readonly InterruptMasks[] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
  Object.freeze({ i: (bits & 1) !== 0, f: (bits & 2) !== 0, allint: (bits & 4) !== 0 }),
);

export function masksOf(i: boolean, f: boolean, allint: boolean): InterruptMasks {
  return MASKS[(i ? 1 : 0) | (f ? 2 : 0) | (allint ? 4 : 0)];
}

/** PSTATE after taking an IRQ/FIQ to EL1: DAIF all set; ALLINT = NOT SCTLR_ELx.SPINTMASK (0 here). */
export function masksOnEntry(sctlrNmi: boolean, current: InterruptMasks): InterruptMasks {
  return masksOf(true, true, sctlrNmi ? true : current.allint);
}
