import type { GicState } from '../state.ts';
import { CTLR_DS } from '../state.ts';
import { LPI_BASE } from './config-byte.ts';

/** GICR_PROPBASER / GICR_PENDBASER fields (IHI 0069 §9.11.19, §9.11.18). */
export const PROPBASER_IDBITS_MASK = 0x1f;
/** GICR_PENDBASER.PTZ, bit 62: the pending table is all zeros (write-only, reads as 0). */
export const PENDBASER_PTZ_HI = 1 << 30;

function address(lo: number, hi: number, lowBit: number): number {
  // Physical_Address [51:lowBit]: bits [31:lowBit] of the low word, [19:0] of the high word.
  return (hi & 0xfffff) * 0x100000000 + (lo >>> lowBit) * 2 ** lowBit;
}

/** Physical address of the PE's LPI configuration table (GICR_PROPBASER [51:12]). */
export function propBase(s: GicState, pe: number): number {
  return address(s.propbaser[pe * 2] ?? 0, s.propbaser[pe * 2 + 1] ?? 0, 12);
}

/** Physical address of the PE's LPI pending table (GICR_PENDBASER [51:16]). */
export function pendBase(s: GicState, pe: number): number {
  return address(s.pendbaser[pe * 2] ?? 0, s.pendbaser[pe * 2 + 1] ?? 0, 16);
}

/**
 * One past the highest LPI INTID this Redistributor's tables cover: 2^(IDbits+1), with
 * GICR_PROPBASER.IDbits capped by GICD_TYPER.IDbits (IHI 0069 §9.11.19: a larger value is
 * treated as GICD_TYPER.IDbits; QEMU the same).
 */
export function lpiLimit(s: GicState, pe: number): number {
  const idbits = Math.min((s.propbaser[pe * 2] ?? 0) & PROPBASER_IDBITS_MASK, s.cfg.lpiIdBits - 1);
  return 2 ** (idbits + 1);
}

export function isLpiInRange(s: GicState, pe: number, intid: number): boolean {
  return intid >= LPI_BASE && intid < lpiLimit(s, pe);
}

/** The configuration byte in memory (not the cached one). */
export function readConfigByte(s: GicState, pe: number, intid: number): number {
  return s.memory.read8(propBase(s, pe) + intid - LPI_BASE);
}

export function readPendingBit(s: GicState, pe: number, intid: number): boolean {
  return ((s.memory.read8(pendBase(s, pe) + (intid >> 3)) >> (intid & 7)) & 1) !== 0;
}

export function writePendingBit(s: GicState, pe: number, intid: number, level: boolean): void {
  const at = pendBase(s, pe) + (intid >> 3);
  const byte = s.memory.read8(at);
  const bit = 1 << (intid & 7);
  s.memory.write8(at, level ? byte | bit : byte & ~bit);
}

export function isDs(s: GicState): boolean {
  return (s.gicdCtlr & CTLR_DS) !== 0;
}
