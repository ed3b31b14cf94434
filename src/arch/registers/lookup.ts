import { DISTRIBUTOR_REGISTERS } from './distributor.ts';
import { ITS_REGISTERS } from './its.ts';
import { GICR_SGI_BASE, REDISTRIBUTOR_REGISTERS } from './redistributor.ts';
import type { RegisterFrame, RegisterSpec } from './types.ts';

export interface RegisterMatch {
  readonly spec: RegisterSpec;
  /** Instance number for arrays (`<n>`), 0 for single registers. */
  readonly n: number;
  /** The concrete name, e.g. 'GICD_ISENABLER1'; 64-bit upper halves end in '_hi'. */
  readonly name: string;
}

function find(
  specs: readonly RegisterSpec[],
  frame: RegisterFrame,
  offset: number,
): RegisterMatch | null {
  for (const spec of specs) {
    if (spec.frame !== frame) continue;
    const end = spec.offset + spec.count * spec.stride;
    if (offset < spec.offset || offset >= end) continue;
    const n = Math.floor((offset - spec.offset) / spec.stride);
    const within = (offset - spec.offset) % spec.stride;
    const base = spec.name.replace('<n>', String(n));
    return { spec, n, name: spec.width === 64 && within >= 4 ? `${base}_hi` : base };
  }
  return null;
}

/** The Distributor register at an offset of the GICD frame, or null. */
export function findDistributorRegister(offset: number): RegisterMatch | null {
  return find(DISTRIBUTOR_REGISTERS, 'GICD', offset);
}

/** The Redistributor register at an offset of a PE's frames (SGI_base at 0x10000), or null. */
export function findRedistributorRegister(offset: number): RegisterMatch | null {
  return offset >= GICR_SGI_BASE
    ? find(REDISTRIBUTOR_REGISTERS, 'GICR_SGI', offset - GICR_SGI_BASE)
    : find(REDISTRIBUTOR_REGISTERS, 'GICR_RD', offset);
}

/** The ITS register at an offset of its frames (translation frame at 0x10000), or null. */
export function findItsRegister(offset: number): RegisterMatch | null {
  return offset >= 0x10000
    ? find(ITS_REGISTERS, 'GITS_TRANSLATION', offset - 0x10000)
    : find(ITS_REGISTERS, 'GITS', offset);
}
