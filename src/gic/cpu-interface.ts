import type { InterruptGroup } from './api.ts';
import { isSysregName as isSysregName_, type SysregName } from '../arch/index.ts';
import { assertNever as assertNever_ } from '../lib/index.ts';
import {
  acknowledge as acknowledge_,
  deactivateInterrupt as deactivateInterrupt_,
  endOfInterrupt as endOfInterrupt_,
  hppir0Value as hppir0Value_,
  hppir1Value as hppir1Value_,
  type SysregContext,
} from './acknowledge.ts';
import {
  GROUP_NAMES as GROUP_NAMES_,
  runningPriority as runningPriority_,
  updateRunningPriority as updateRunningPriority_,
} from './delivery.ts';
import {
  markDirty as markDirty_,
  participationChanged as participationChanged_,
} from './interrupts.ts';
import { nsPmrView as nsPmrView_ } from './kernels/priority.ts';
import type { Model } from './model.ts';
import { generateSgi as generateSgi_ } from './sgi-generation.ts';
import {
  CTLR_DS as CTLR_DS_,
  G0 as G0_,
  G1NS as G1NS_,
  G1S as G1S_,
  ICC_CTLR_CBPR as ICC_CTLR_CBPR_,
  ICC_CTLR_EOIMODE as ICC_CTLR_EOIMODE_,
  type GicState,
} from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const isSysregName = isSysregName_;
const assertNever = assertNever_;
const acknowledge = acknowledge_;
const deactivateInterrupt = deactivateInterrupt_;
const endOfInterrupt = endOfInterrupt_;
const hppir0Value = hppir0Value_;
const hppir1Value = hppir1Value_;
const GROUP_NAMES = GROUP_NAMES_;
const runningPriority = runningPriority_;
const updateRunningPriority = updateRunningPriority_;
const markDirty = markDirty_;
const participationChanged = participationChanged_;
const nsPmrView = nsPmrView_;
const generateSgi = generateSgi_;
const CTLR_DS = CTLR_DS_;
const G0 = G0_;
const G1NS = G1NS_;
const G1S = G1S_;
const ICC_CTLR_CBPR = ICC_CTLR_CBPR_;
const ICC_CTLR_EOIMODE = ICC_CTLR_EOIMODE_;

export type { SysregContext } from './acknowledge.ts';

function ds(s: GicState): boolean {
  return (s.gicdCtlr & CTLR_DS) !== 0;
}

/** Group-0 registers trap to EL3 for Non-secure accesses when EL3 owns Group 0 (DS=0). */
function group0Inaccessible(s: GicState, c: SysregContext): boolean {
  return s.cfg.securityExtensions && !ds(s) && !c.secure;
}

/** NS view of PMR/RPR (reference §4.4; SCR_EL3.FIQ=1 assumed whenever EL3 exists). */
function pmrNsShift(s: GicState, c: SysregContext): boolean {
  return s.cfg.securityExtensions && !c.secure && (s.flags.pmrNsViewIgnoresDs || !ds(s));
}

function group1Bank(c: SysregContext): number {
  return c.secure ? G1S : G1NS;
}

function ctlrEl1Value(s: GicState, bankBits: number): number {
  return (
    (bankBits & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE)) |
    ((s.cfg.priorityBits - 1) << 8) |
    ((s.flags.iccIdBits24 ? 1 : 0) << 11) |
    (1 << 15)
  );
}

function ctlrEl3Value(s: GicState, pe: number): number {
  const ns = s.ctlrNs[pe] ?? 0;
  const sec = s.flags.ctlrEl3SecureAliasReadsNsBank ? ns : (s.ctlrS[pe] ?? 0);
  return (
    ((sec & ICC_CTLR_CBPR) !== 0 ? 1 << 0 : 0) |
    ((ns & ICC_CTLR_CBPR) !== 0 ? 1 << 1 : 0) |
    (s.ctlrEl3EoiMode[pe] !== 0 ? 1 << 2 : 0) |
    ((sec & ICC_CTLR_EOIMODE) !== 0 ? 1 << 3 : 0) |
    ((ns & ICC_CTLR_EOIMODE) !== 0 ? 1 << 4 : 0) |
    ((s.cfg.priorityBits - 1) << 8) |
    ((s.flags.iccIdBits24 ? 1 : 0) << 11) |
    (1 << 15) |
    (1 << 17)
  );
}

function bprRead(s: GicState, c: SysregContext, isBpr1: boolean): number {
  let g = isBpr1 ? group1Bank(c) : G0;
  if (g === G1S && !c.el3 && ((s.ctlrS[c.pe] ?? 0) & ICC_CTLR_CBPR) !== 0) g = G0;
  if (g === G1NS && !c.el3 && ((s.ctlrNs[c.pe] ?? 0) & ICC_CTLR_CBPR) !== 0) {
    return Math.min((s.bpr[c.pe * 3 + G0] ?? 0) + 1, 7);
  }
  return s.bpr[c.pe * 3 + g] ?? 0;
}

function bprWrite(s: GicState, c: SysregContext, isBpr1: boolean, value: number): void {
  let g = isBpr1 ? group1Bank(c) : G0;
  if (g === G1S && !c.el3 && ((s.ctlrS[c.pe] ?? 0) & ICC_CTLR_CBPR) !== 0) g = G0;
  if (g === G1NS && !c.el3 && ((s.ctlrNs[c.pe] ?? 0) & ICC_CTLR_CBPR) !== 0) return;
  // Writes below the minimum binary point are raised to it (reference §4.3).
  const min = g === G1NS ? s.minBpr0 + 1 : s.minBpr0;
  s.bpr[c.pe * 3 + g] = Math.max(value & 7, min);
  markDirty(s, c.pe);
}

/** AP0R<n>/AP1R<n> → group register (0 or 1) · 4 + n. */
const APR_INDEX: Readonly<Partial<Record<SysregName, number>>> = {
  ICC_AP0R0_EL1: 0,
  ICC_AP0R1_EL1: 1,
  ICC_AP0R2_EL1: 2,
  ICC_AP0R3_EL1: 3,
  ICC_AP1R0_EL1: 4,
  ICC_AP1R1_EL1: 5,
  ICC_AP1R2_EL1: 6,
  ICC_AP1R3_EL1: 7,
};

/**
 * Reads a CPU-interface system register: returns bits [31:0] as an unsigned number and leaves
 * bits [63:32] in `m.hi` (no object per read). Unknown or inaccessible registers read as zero.
 */
export function readSysreg(m: Model, c: SysregContext, name: string): number {
  const s = m.s;
  const pe = c.pe;
  m.hi = 0;
  // One switch over the spec names; an unknown name falls to `default` (no set lookup first).
  const known = name as SysregName;
  switch (known) {
    case 'ICC_PMR_EL1': {
      const v = s.pmr[pe] ?? 0;
      return pmrNsShift(s, c) ? nsPmrView(v) : v;
    }
    case 'ICC_IAR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return acknowledge(m, c, known, hppir0Value(s, c));
    case 'ICC_IAR1_EL1':
      return acknowledge(m, c, known, hppir1Value(s, c));
    case 'ICC_NMIAR1_EL1':
      if (!s.cfg.nmi) return missing(m, c, name);
      return acknowledge(m, c, known, hppir1Value(s, c));
    case 'ICC_HPPIR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return hppir0Value(s, c);
    case 'ICC_HPPIR1_EL1':
      return hppir1Value(s, c);
    case 'ICC_BPR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return bprRead(s, c, false);
    case 'ICC_BPR1_EL1':
      return bprRead(s, c, true);
    case 'ICC_RPR_EL1':
      return rprRead(m, s, c);
    case 'ICC_CTLR_EL1':
      return ctlrEl1Value(s, (c.secure ? s.ctlrS[pe] : s.ctlrNs[pe]) ?? 0);
    case 'ICC_CTLR_EL3':
      if (!c.el3) return privilege(m, c, name);
      return ctlrEl3Value(s, pe);
    case 'ICC_SRE_EL1':
      // SRE, DFB, DIB are RAO/WI: only the system-register interface is modelled.
      return 0x7;
    case 'ICC_SRE_EL3':
      if (!c.el3) return privilege(m, c, name);
      return 0xf;
    case 'ICC_IGRPEN0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return s.igrpen[pe * 3 + G0] ?? 0;
    case 'ICC_IGRPEN1_EL1':
      return s.igrpen[pe * 3 + group1Bank(c)] ?? 0;
    case 'ICC_IGRPEN1_EL3':
      if (!c.el3) return privilege(m, c, name);
      return (s.igrpen[pe * 3 + G1NS] ?? 0) | ((s.igrpen[pe * 3 + G1S] ?? 0) << 1);
    case 'ICC_AP0R0_EL1':
    case 'ICC_AP0R1_EL1':
    case 'ICC_AP0R2_EL1':
    case 'ICC_AP0R3_EL1':
    case 'ICC_AP1R0_EL1':
    case 'ICC_AP1R1_EL1':
    case 'ICC_AP1R2_EL1':
    case 'ICC_AP1R3_EL1': {
      const index = APR_INDEX[known] ?? 0;
      const n = index & 3;
      if (n >= s.numAprs) return missing(m, c, name);
      if (index < 4 && group0Inaccessible(s, c)) return privilege(m, c, name);
      const g = index < 4 ? G0 : group1Bank(c);
      if (n === 0 && s.cfg.nmi && s.aprNmi[pe * 3 + g] !== 0) m.hi = 0x80000000;
      return (s.apr[(pe * 3 + g) * 4 + n] ?? 0) >>> 0;
    }
    case 'ICC_EOIR0_EL1':
    case 'ICC_EOIR1_EL1':
    case 'ICC_DIR_EL1':
    case 'ICC_SGI0R_EL1':
    case 'ICC_SGI1R_EL1':
    case 'ICC_ASGI1R_EL1':
      m.ev.warn('read-of-write-only', `${name} is write-only; read as zero`, name, pe);
      return 0;
    default:
      if (!isSysregName(name)) return unknownSysreg(m, c, name);
      return assertNever(known, 'system register');
  }
}

function rprRead(m: Model, s: GicState, c: SysregContext): number {
  const pe = c.pe;
  let prio = runningPriority(s, pe);
  if (pmrNsShift(s, c)) prio = nsPmrView(prio);
  let hi = 0;
  if (s.cfg.nmi) {
    const nsNmi = s.aprNmi[pe * 3 + G1NS] !== 0;
    const sNmi = s.aprNmi[pe * 3 + G1S] !== 0;
    const nsReader = s.flags.rprNmiBitsAsQemu ? s.cfg.securityExtensions && !c.secure : !c.secure;
    if (nsReader) {
      if (nsNmi) hi |= 0x80000000;
    } else {
      if (nsNmi) hi |= 0x40000000;
      if (sNmi) hi |= 0x80000000;
    }
  }
  m.hi = hi >>> 0;
  return prio;
}

function privilege(m: Model, c: SysregContext, name: string): number {
  m.ev.warn(
    'insufficient-privilege',
    `${name} is not accessible from this security state / EL; RAZ/WI`,
    name,
    c.pe,
  );
  return 0;
}

function unknownSysreg(m: Model, c: SysregContext, name: string): number {
  m.ev.warn('unknown-sysreg', `unknown system register ${name}`, name, c.pe);
  return 0;
}

function missing(m: Model, c: SysregContext, name: string): number {
  m.ev.warn('unknown-sysreg', `${name} is not implemented in this configuration`, name, c.pe);
  return 0;
}

/** Writes a CPU-interface system register. */
export function writeSysreg(
  m: Model,
  c: SysregContext,
  name: string,
  lo: number,
  hi: number,
): void {
  const s = m.s;
  const pe = c.pe;
  const known = name as SysregName;
  switch (known) {
    case 'ICC_PMR_EL1': {
      let v = lo & 0xff;
      if (pmrNsShift(s, c)) {
        // A Non-secure write cannot change a PMR that holds a Secure-half value.
        if (((s.pmr[pe] ?? 0) & 0x80) === 0) return;
        v = (v >> 1) | 0x80;
      }
      s.pmr[pe] = v & s.pmrMask;
      markDirty(s, pe);
      return;
    }
    case 'ICC_BPR0_EL1':
      if (group0Inaccessible(s, c)) return void privilege(m, c, name);
      return bprWrite(s, c, false, lo);
    case 'ICC_BPR1_EL1':
      return bprWrite(s, c, true, lo);
    case 'ICC_EOIR0_EL1':
      if (group0Inaccessible(s, c)) return void privilege(m, c, name);
      return endOfInterrupt(m, c, 0, lo & 0xffffff, name);
    case 'ICC_EOIR1_EL1':
      return endOfInterrupt(m, c, 1, lo & 0xffffff, name);
    case 'ICC_DIR_EL1':
      return deactivateInterrupt(m, c, lo & 0xffffff);
    case 'ICC_CTLR_EL1': {
      // CBPR is read-only to EL1 when EL3 owns it (DS=0); only EOImode stays writable.
      const mask =
        s.cfg.securityExtensions && !ds(s) ? ICC_CTLR_EOIMODE : ICC_CTLR_EOIMODE | ICC_CTLR_CBPR;
      const bank = c.secure ? s.ctlrS : s.ctlrNs;
      bank[pe] = ((bank[pe] ?? 0) & ~mask) | (lo & mask);
      markDirty(s, pe);
      return;
    }
    case 'ICC_CTLR_EL3': {
      if (!c.el3) return void privilege(m, c, name);
      s.ctlrNs[pe] = ((lo >> 1) & 1) | (((lo >> 4) & 1) << 1);
      s.ctlrS[pe] = (lo & 1) | (((lo >> 3) & 1) << 1);
      s.ctlrEl3EoiMode[pe] = (lo >> 2) & 1;
      markDirty(s, pe);
      return;
    }
    case 'ICC_SRE_EL1':
      return;
    case 'ICC_SRE_EL3':
      if (!c.el3) return void privilege(m, c, name);
      return;
    case 'ICC_IGRPEN0_EL1':
      if (group0Inaccessible(s, c)) return void privilege(m, c, name);
      return setGroupEnable(m, pe, G0, lo & 1);
    case 'ICC_IGRPEN1_EL1':
      return setGroupEnable(m, pe, group1Bank(c), lo & 1);
    case 'ICC_IGRPEN1_EL3':
      if (!c.el3) return void privilege(m, c, name);
      setGroupEnable(m, pe, G1NS, lo & 1);
      setGroupEnable(m, pe, G1S, (lo >> 1) & 1);
      return;
    case 'ICC_AP0R0_EL1':
    case 'ICC_AP0R1_EL1':
    case 'ICC_AP0R2_EL1':
    case 'ICC_AP0R3_EL1':
    case 'ICC_AP1R0_EL1':
    case 'ICC_AP1R1_EL1':
    case 'ICC_AP1R2_EL1':
    case 'ICC_AP1R3_EL1': {
      const index = APR_INDEX[known] ?? 0;
      const n = index & 3;
      if (n >= s.numAprs) return void missing(m, c, name);
      if (index < 4 && group0Inaccessible(s, c)) return void privilege(m, c, name);
      const g = index < 4 ? G0 : group1Bank(c);
      // NS software cannot claim an active priority in the Secure half (Q-cpuif icc_ap_write).
      if (g === G1NS && n < 2 && s.cfg.securityExtensions) return;
      s.apr[(pe * 3 + g) * 4 + n] = lo >>> 0;
      // AP1R0 bit 63 is NMI (GICv3.3); in AP0R0 it is RES0, except under qemu, which keeps it.
      if (n === 0 && s.cfg.nmi && (g !== G0 || s.flags.nmiOnGroup0Honoured))
        s.aprNmi[pe * 3 + g] = (hi >>> 31) & 1;
      updateRunningPriority(s, pe);
      markDirty(s, pe);
      return;
    }
    case 'ICC_SGI0R_EL1':
      return generateSgi(m, c, 'ICC_SGI0R_EL1', G0, lo, hi);
    case 'ICC_SGI1R_EL1':
      return generateSgi(m, c, 'ICC_SGI1R_EL1', c.secure ? G1S : G1NS, lo, hi);
    case 'ICC_ASGI1R_EL1':
      return generateSgi(m, c, 'ICC_ASGI1R_EL1', c.secure ? G1NS : G1S, lo, hi);
    case 'ICC_IAR0_EL1':
    case 'ICC_IAR1_EL1':
    case 'ICC_NMIAR1_EL1':
    case 'ICC_HPPIR0_EL1':
    case 'ICC_HPPIR1_EL1':
    case 'ICC_RPR_EL1':
      m.ev.warn('write-to-read-only', `${name} is read-only; write ignored`, name, pe);
      return;
    default:
      if (!isSysregName(name)) return void unknownSysreg(m, c, name);
      return assertNever(known, 'system register');
  }
}

function setGroupEnable(m: Model, pe: number, group: number, value: number): void {
  const s = m.s;
  if (s.igrpen[pe * 3 + group] === value) return;
  s.igrpen[pe * 3 + group] = value;
  markDirty(s, pe);
  participationChanged(m, pe);
}

export function groupName(g: number): InterruptGroup {
  return GROUP_NAMES[g] ?? 'G0';
}
