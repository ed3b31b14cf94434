import { effectivePending } from './interrupts.ts';
import {
  activateByRegister,
  deactivate,
  setEdge,
  setEnabled,
  setGroupBits,
  setLatch,
  setNmiBit,
  setPriority,
} from './interrupt-ops.ts';
import { nsPriorityRead, nsPriorityWrite } from './kernels/priority.ts';
import type { Model } from './model.ts';
import { CTLR_DS, G0, groupOf, type GicState } from './state.ts';

/**
 * Register families shared by the Distributor and the Redistributors, implemented once: one bit
 * per INTID (IGROUPR, IS/IC ENABLER/PENDR/ACTIVER, IGRPMODR, INMIR), one byte per INTID
 * (IPRIORITYR) and two bits per INTID (ICFGR). A register covers INTIDs from `base`; `bank` is the
 * PE for SGIs/PPIs.
 */
export type BitFamily =
  | 'IGROUPR'
  | 'ISENABLER'
  | 'ICENABLER'
  | 'ISPENDR'
  | 'ICPENDR'
  | 'ISACTIVER'
  | 'ICACTIVER'
  | 'IGRPMODR'
  | 'INMIR';

export interface Bank {
  readonly pe: number;
  /** Whether GICD_NSACR widens Non-secure access (Distributor only; QEMU mask_group_and_nsacr). */
  readonly useNsacr: boolean;
}

function slotFor(s: GicState, intid: number, bank: Bank): number {
  if (intid >= s.numIrq) return -1;
  return intid < 32 ? bank.pe * 32 + intid : s.spiBase + intid - 32;
}

function nonSecureRestricted(s: GicState, secure: boolean): boolean {
  return !secure && (s.gicdCtlr & CTLR_DS) === 0;
}

/** NSACR level needed by a Non-secure access per family (GICD_NSACR encoding). */
function nsacrLevel(family: BitFamily, write: boolean): number {
  switch (family) {
    case 'ISPENDR':
      return 1;
    case 'ICPENDR':
      return 2;
    case 'ISACTIVER':
    case 'ICACTIVER':
      return write ? 0 : 2;
    default:
      return 0;
  }
}

/** Bits a Non-secure access may see or change: Non-secure Group 1 ones, or those NSACR opens. */
export function accessMask(
  s: GicState,
  base: number,
  bank: Bank,
  secure: boolean,
  level: number,
): number {
  if (!nonSecureRestricted(s, secure)) return 0xffffffff;
  let mask = 0;
  for (let i = 0; i < 32; i++) {
    const slot = slotFor(s, base + i, bank);
    if (slot < 0) continue;
    if (s.igroup[slot] !== 0 || (level > 0 && bank.useNsacr && (s.nsacr[slot] ?? 0) >= level)) {
      mask |= 1 << i;
    }
  }
  return mask >>> 0;
}

function bitOf(s: GicState, family: BitFamily, slot: number): boolean {
  switch (family) {
    case 'IGROUPR':
      return s.igroup[slot] !== 0;
    case 'ISENABLER':
    case 'ICENABLER':
      return s.enabled[slot] !== 0;
    case 'ISPENDR':
    case 'ICPENDR':
      return effectivePending(s, slot);
    case 'ISACTIVER':
    case 'ICACTIVER':
      return s.active[slot] !== 0;
    case 'IGRPMODR':
      return s.grpmod[slot] !== 0;
    case 'INMIR':
      return s.nmi[slot] !== 0 && (s.flags.nmiOnGroup0Honoured || groupOf(s, slot) !== G0);
  }
}

export function readBits(
  m: Model,
  family: BitFamily,
  base: number,
  bank: Bank,
  secure: boolean,
): number {
  const s = m.s;
  if (family === 'IGROUPR' || family === 'IGRPMODR') {
    // Secure-only registers when DS=0; IGRPMODR is RAZ/WI when DS=1 as well.
    if (nonSecureRestricted(s, secure)) return 0;
    if (family === 'IGRPMODR' && (s.gicdCtlr & CTLR_DS) !== 0) return 0;
  }
  const mask = accessMask(s, base, bank, secure, nsacrLevel(family, false));
  let v = 0;
  for (let i = 0; i < 32; i++) {
    const slot = slotFor(s, base + i, bank);
    if (slot >= 0 && bitOf(s, family, slot)) v |= 1 << i;
  }
  return (v & mask) >>> 0;
}

/** Applies a write; returns the bits that a Non-secure access was not allowed to change. */
export function writeBits(
  m: Model,
  family: BitFamily,
  base: number,
  bank: Bank,
  secure: boolean,
  value: number,
  register: string,
): number {
  const s = m.s;
  if (family === 'IGROUPR' || family === 'IGRPMODR') {
    if (nonSecureRestricted(s, secure)) return value >>> 0;
    if (family === 'IGRPMODR' && (s.gicdCtlr & CTLR_DS) !== 0) return 0;
  }
  const mask = accessMask(s, base, bank, secure, nsacrLevel(family, true));
  for (let i = 0; i < 32; i++) {
    if (((mask >>> i) & 1) === 0) continue;
    const slot = slotFor(s, base + i, bank);
    if (slot < 0) continue;
    const bit = ((value >>> i) & 1) !== 0;
    applyBit(m, family, slot, bit, register);
  }
  return (value & ~mask) >>> 0;
}

function applyBit(m: Model, family: BitFamily, slot: number, bit: boolean, register: string): void {
  const s = m.s;
  switch (family) {
    case 'IGROUPR':
      if (bit !== (s.igroup[slot] !== 0)) setGroupBits(m, slot, bit, s.grpmod[slot] !== 0);
      return;
    case 'IGRPMODR':
      if (bit !== (s.grpmod[slot] !== 0)) setGroupBits(m, slot, s.igroup[slot] !== 0, bit);
      return;
    case 'ISENABLER':
      if (bit) setEnabled(m, slot, true);
      return;
    case 'ICENABLER':
      if (bit) setEnabled(m, slot, false);
      return;
    case 'ISPENDR':
      if (bit) setLatch(m, slot, true, 'ISPENDR');
      return;
    case 'ICPENDR':
      if (bit) setLatch(m, slot, false, 'ICPENDR');
      return;
    case 'ISACTIVER':
      if (bit) activateByRegister(m, slot);
      return;
    case 'ICACTIVER':
      if (bit) deactivate(m, slot, 'ICACTIVER');
      return;
    case 'INMIR':
      if (bit && !s.flags.nmiOnGroup0Honoured && groupOf(s, slot) === G0) {
        m.ev.warn(
          'nmi-on-group0',
          `${register}: the non-maskable property is RES0 for Group 0 interrupts`,
          register,
          slot < s.spiBase ? slot >> 5 : null,
          slot < s.spiBase ? slot & 31 : slot - s.spiBase + 32,
        );
        return;
      }
      setNmiBit(m, slot, bit, register);
      return;
  }
}

/** One IPRIORITYR byte with the Non-secure view (reference §2.4). */
export function readPriorityByte(m: Model, intid: number, bank: Bank, secure: boolean): number {
  const s = m.s;
  const slot = slotFor(s, intid, bank);
  if (slot < 0) return 0;
  const stored = s.priority[slot] ?? 0;
  if (!nonSecureRestricted(s, secure)) return stored;
  return s.igroup[slot] !== 0 ? nsPriorityRead(stored) : 0;
}

/** Returns false if a Non-secure access tried to change a Secure interrupt's priority. */
export function writePriorityByte(
  m: Model,
  intid: number,
  bank: Bank,
  secure: boolean,
  value: number,
): boolean {
  const s = m.s;
  const slot = slotFor(s, intid, bank);
  if (slot < 0) return true;
  if (nonSecureRestricted(s, secure)) {
    if (s.igroup[slot] === 0) return false;
    setPriority(m, slot, nsPriorityWrite(value));
    return true;
  }
  setPriority(m, slot, value & 0xff);
  return true;
}

/** ICFGR: 16 INTIDs per register, bit 2k+1 = edge-triggered (reference §1.2). */
export function readConfig(m: Model, base: number, bank: Bank, secure: boolean): number {
  const s = m.s;
  const mask = accessMask(s, base & ~31, bank, secure, 0);
  let v = 0;
  for (let k = 0; k < 16; k++) {
    const intid = base + k;
    const slot = slotFor(s, intid, bank);
    if (slot < 0 || ((mask >>> (intid & 31)) & 1) === 0) continue;
    if (s.edge[slot] !== 0) v |= 2 << (2 * k);
  }
  return v >>> 0;
}

export function writeConfig(
  m: Model,
  base: number,
  bank: Bank,
  secure: boolean,
  value: number,
): boolean {
  const s = m.s;
  const mask = accessMask(s, base & ~31, bank, secure, 0);
  let denied = false;
  for (let k = 0; k < 16; k++) {
    const intid = base + k;
    const slot = slotFor(s, intid, bank);
    if (slot < 0) continue;
    if (((mask >>> (intid & 31)) & 1) === 0) {
      denied = true;
      continue;
    }
    setEdge(m, slot, ((value >>> (2 * k + 1)) & 1) !== 0);
  }
  return !denied;
}

/** GICD_NSACR / GICR_NSACR: 16 INTIDs per register, 2 bits each; Secure-only, RAZ/WI with DS=1. */
export function readNsacr(m: Model, base: number, bank: Bank, secure: boolean): number {
  const s = m.s;
  if (!secure || (s.gicdCtlr & CTLR_DS) !== 0) return 0;
  let v = 0;
  for (let k = 0; k < 16; k++) {
    const slot = slotFor(s, base + k, bank);
    if (slot >= 0) v |= ((s.nsacr[slot] ?? 0) & 3) << (2 * k);
  }
  return v >>> 0;
}

export function writeNsacr(
  m: Model,
  base: number,
  bank: Bank,
  secure: boolean,
  value: number,
): void {
  const s = m.s;
  if (!secure || (s.gicdCtlr & CTLR_DS) !== 0) return;
  for (let k = 0; k < 16; k++) {
    const slot = slotFor(s, base + k, bank);
    if (slot >= 0) s.nsacr[slot] = (value >>> (2 * k)) & 3;
  }
}
