import type { InterruptGroup, IntId, PeIndex, Priority } from './api.ts';
import { isSysregName, type SysregName } from '../arch/index.ts';
import { assertNever } from '../lib/index.ts';
import { GROUP_NAMES, groupMaskFor, runningPriority } from './delivery.ts';
import { deactivate } from './interrupt-ops.ts';
import {
  markDirty,
  participationChanged,
  refresh,
  effectivePending,
  notePending,
} from './interrupts.ts';
import { nsPmrView } from './kernels/priority.ts';
import type { Model } from './model.ts';
import { generateSgi } from './sgi-generation.ts';
import {
  CTLR_DS,
  G0,
  G1NS,
  G1S,
  ICC_CTLR_CBPR,
  ICC_CTLR_EOIMODE,
  groupOf,
  slotOf,
  type GicState,
} from './state.ts';

/** The security context of one system-register access. */
export interface SysregContext {
  readonly pe: number;
  /** Secure state (true at EL3 as well). Always false without security extensions. */
  readonly secure: boolean;
  readonly el3: boolean;
}

export const SPURIOUS = 1023;
const INTID_NMI = 1022;
const INTID_SECURE = 1020;
const INTID_NONSECURE = 1021;

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

/** ICC_HPPIR0_EL1 value (CheckGroup0ForSpecialIdentifiers, reference §4.6). */
function hppir0Value(s: GicState, c: SysregContext): number {
  const pe = c.pe;
  if ((s.hppiSlot[pe] ?? -1) < 0) return SPURIOUS;
  const g = s.hppiGroup[pe] ?? 0;
  if (s.igrpen[pe * 3 + g] === 0) return SPURIOUS;
  const irqSecure = !ds(s) && g !== G1NS;
  if (g !== G0 && !c.el3) return SPURIOUS;
  if (irqSecure && !c.secure) return SPURIOUS;
  if (g !== G0) return irqSecure ? INTID_SECURE : INTID_NONSECURE;
  return (s.hppiKey[pe] ?? 0) & 0x3ff;
}

/** ICC_HPPIR1_EL1 value (CheckGroup1ForSpecialIdentifiers). */
function hppir1Value(s: GicState, c: SysregContext): number {
  const pe = c.pe;
  if ((s.hppiSlot[pe] ?? -1) < 0) return SPURIOUS;
  const g = s.hppiGroup[pe] ?? 0;
  if (s.igrpen[pe * 3 + g] === 0) return SPURIOUS;
  if (g === G0) return SPURIOUS;
  const irqSecure = !ds(s) && g !== G1NS;
  if (irqSecure) {
    if (!c.secure) return SPURIOUS;
  } else if (!c.el3 && c.secure) {
    return SPURIOUS;
  }
  return (s.hppiKey[pe] ?? 0) & 0x3ff;
}

type AckRegister = 'ICC_IAR0_EL1' | 'ICC_IAR1_EL1' | 'ICC_NMIAR1_EL1';

/** IAR0/IAR1/NMIAR1 read (reference §4.6, §6). */
function acknowledge(m: Model, c: SysregContext, reg: AckRegister): number {
  const s = m.s;
  const pe = c.pe;
  let intid: number;
  if (s.canSignal[pe] === 0) intid = SPURIOUS;
  else intid = reg === 'ICC_IAR0_EL1' ? hppir0Value(s, c) : hppir1Value(s, c);
  if (intid >= 1020) return intid;
  const key = s.hppiKey[pe] ?? 0;
  const nmi = ((key >> 10) & 1) === 0;
  if (reg === 'ICC_IAR1_EL1' && nmi && s.sctlrNmi[pe] !== 0) return INTID_NMI;
  if (reg === 'ICC_NMIAR1_EL1' && !nmi) return SPURIOUS;
  const slot = s.hppiSlot[pe] ?? 0;
  const group = s.hppiGroup[pe] ?? 0;
  const prio = key >> 11;
  if (nmi) {
    s.aprNmi[pe * 3 + group] = 1;
  } else {
    const bit = (prio & groupMaskFor(s, pe, group)) >> s.aprShift;
    const idx = (pe * 3 + group) * 4 + (bit >> 5);
    s.apr[idx] = ((s.apr[idx] ?? 0) | (1 << (bit & 31))) >>> 0;
  }
  const before = effectivePending(s, slot);
  s.active[slot] = 1;
  s.latch[slot] = 0;
  s.activeOn[slot] = pe;
  refresh(m, slot);
  markDirty(s, pe);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'acknowledged',
      pe: pe as PeIndex,
      intid: intid as IntId,
      group: GROUP_NAMES[group] ?? 'G0',
      priority: prio as Priority,
      nmi,
      register: reg,
      runningPriority: runningPriority(s, pe) as Priority,
    });
    notePending(m, slot, before, 'acknowledge');
  }
  return intid;
}

/** The group holding the highest active priority (QEMU icc_highest_active_group). */
function highestActiveGroup(s: GicState, pe: number): number {
  if (s.cfg.nmi) {
    if (s.aprNmi[pe * 3 + G1S] !== 0) return G1S;
    if (s.aprNmi[pe * 3 + G1NS] !== 0) return G1NS;
  }
  const base = pe * 12;
  for (let i = 0; i < s.numAprs; i++) {
    const c0 = ctz(s.apr[base + i] ?? 0);
    const c1 = ctz(s.apr[base + 4 + i] ?? 0);
    const c2 = ctz(s.apr[base + 8 + i] ?? 0);
    if (c2 < c0 && c2 < c1) return G1NS;
    if (c1 < c0) return G1S;
    if (c0 < 32) return G0;
  }
  return -1;
}

function ctz(w: number): number {
  return w === 0 ? 32 : 31 - Math.clz32(w & -w);
}

/** Clears the highest active priority of `group`; returns it (0xff if none) and whether it was an NMI. */
function dropPriority(s: GicState, pe: number, group: number): { prio: number; nmi: boolean } {
  const base = (pe * 3 + group) * 4;
  for (let i = 0; i < s.numAprs; i++) {
    const w = s.apr[base + i] ?? 0;
    const nmiBit = i === 0 && s.cfg.nmi && s.aprNmi[pe * 3 + group] !== 0;
    if (w === 0 && !nmiBit) continue;
    if (nmiBit) {
      s.aprNmi[pe * 3 + group] = 0;
      return { prio: group === G1NS && !ds(s) ? 0x80 : 0, nmi: true };
    }
    s.apr[base + i] = (w & (w - 1)) >>> 0;
    return { prio: ((i * 32 + ctz(w)) << s.aprShift) & 0xff, nmi: false };
  }
  return { prio: 0xff, nmi: false };
}

function eoiSplit(s: GicState, c: SysregContext): boolean {
  if (c.el3) return s.ctlrEl3EoiMode[c.pe] !== 0;
  const ctlr = c.secure ? s.ctlrS[c.pe] : s.ctlrNs[c.pe];
  return ((ctlr ?? 0) & ICC_CTLR_EOIMODE) !== 0;
}

/** EOIR0/EOIR1 write (reference §4.6): priority drop, plus deactivation when EOImode=0. */
function endOfInterrupt(
  m: Model,
  c: SysregContext,
  grpReg: 0 | 1,
  intid: number,
  name: string,
): void {
  const s = m.s;
  const pe = c.pe;
  if (intid >= s.numIrq) {
    m.ev.warn('eoi-intid-out-of-range', `${name} write of INTID ${intid} ignored`, name, pe, intid);
    return;
  }
  const grp = highestActiveGroup(s, pe);
  if (grp < 0) {
    m.ev.warn('eoi-no-active-priority', `${name}: no active priority to drop`, name, pe, intid);
    return;
  }
  let allowed: boolean;
  if (grp === G0) allowed = grpReg === 0 && !(s.cfg.securityExtensions && !ds(s) && !c.secure);
  else if (grp === G1S) allowed = grpReg === 1 && c.secure;
  else allowed = grpReg === 1 && !(c.secure && !c.el3);
  if (!allowed) {
    m.ev.warn(
      'eoi-group-mismatch',
      `${name}: the highest active priority belongs to ${GROUP_NAMES[grp] ?? '?'}; write ignored`,
      name,
      pe,
      intid,
    );
    return;
  }
  const dropped = dropPriority(s, pe, grp);
  markDirty(s, pe);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'priority-dropped',
      pe: pe as PeIndex,
      intid: intid as IntId,
      group: GROUP_NAMES[grp] ?? 'G0',
      priority: dropped.prio as Priority,
      nmi: dropped.nmi,
      runningPriority: runningPriority(s, pe) as Priority,
    });
  }
  if (eoiSplit(s, c)) return;
  if (!deactivate(m, slotOf(s, intid, pe), 'EOIR')) {
    m.ev.warn('eoi-not-active', `${name}: INTID ${intid} is not active`, name, pe, intid);
  }
}

function deactivateInterrupt(m: Model, c: SysregContext, intid: number): void {
  const s = m.s;
  const name = 'ICC_DIR_EL1';
  if (intid >= s.numIrq) {
    m.ev.warn(
      'eoi-intid-out-of-range',
      `${name} write of INTID ${intid} ignored`,
      name,
      c.pe,
      intid,
    );
    return;
  }
  if (!eoiSplit(s, c)) {
    m.ev.warn('dir-with-eoimode-0', `${name} written while EOImode=0; ignored`, name, c.pe, intid);
    return;
  }
  const slot = slotOf(s, intid, c.pe);
  if (s.cfg.securityExtensions && !ds(s) && !c.secure && groupOf(s, slot) !== G1NS) {
    m.ev.warn(
      'ns-access-to-secure-field',
      `${name}: Non-secure deactivation of Secure INTID ${intid} ignored`,
      name,
      c.pe,
      intid,
    );
    return;
  }
  if (!deactivate(m, slot, 'DIR')) {
    m.ev.warn('dir-not-active', `${name}: INTID ${intid} is not active`, name, c.pe, intid);
  }
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

/** An AP0R<n>/AP1R<n> name → [group register 0|1, n]. */
function aprIndex(name: SysregName): [0 | 1, number] | null {
  const match = /^ICC_AP([01])R([0-3])_EL1$/.exec(name);
  if (match === null) return null;
  return [match[1] === '1' ? 1 : 0, Number(match[2])];
}

export type SysregReadResult = { readonly lo: number; readonly hi: number };

const R = (lo: number, hi = 0): SysregReadResult => ({ lo: lo >>> 0, hi: hi >>> 0 });
const ZERO = R(0);

/** Reads a CPU-interface system register. Unknown or inaccessible registers read as zero. */
export function readSysreg(m: Model, c: SysregContext, name: string): SysregReadResult {
  const s = m.s;
  const pe = c.pe;
  if (!isSysregName(name)) {
    m.ev.warn('unknown-sysreg', `unknown system register ${name}`, name, pe);
    return ZERO;
  }
  switch (name) {
    case 'ICC_PMR_EL1': {
      const v = s.pmr[pe] ?? 0;
      return R(pmrNsShift(s, c) ? nsPmrView(v) : v);
    }
    case 'ICC_IAR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return R(acknowledge(m, c, name));
    case 'ICC_IAR1_EL1':
      return R(acknowledge(m, c, name));
    case 'ICC_NMIAR1_EL1':
      if (!s.cfg.nmi) return missing(m, c, name);
      return R(acknowledge(m, c, name));
    case 'ICC_HPPIR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return R(hppir0Value(s, c));
    case 'ICC_HPPIR1_EL1':
      return R(hppir1Value(s, c));
    case 'ICC_BPR0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return R(bprRead(s, c, false));
    case 'ICC_BPR1_EL1':
      return R(bprRead(s, c, true));
    case 'ICC_RPR_EL1':
      return rprRead(s, c);
    case 'ICC_CTLR_EL1':
      return R(ctlrEl1Value(s, (c.secure ? s.ctlrS[pe] : s.ctlrNs[pe]) ?? 0));
    case 'ICC_CTLR_EL3':
      if (!c.el3) return privilege(m, c, name);
      return R(ctlrEl3Value(s, pe));
    case 'ICC_SRE_EL1':
      // SRE, DFB, DIB are RAO/WI: only the system-register interface is modelled.
      return R(0x7);
    case 'ICC_SRE_EL3':
      if (!c.el3) return privilege(m, c, name);
      return R(0xf);
    case 'ICC_IGRPEN0_EL1':
      if (group0Inaccessible(s, c)) return privilege(m, c, name);
      return R(s.igrpen[pe * 3 + G0] ?? 0);
    case 'ICC_IGRPEN1_EL1':
      return R(s.igrpen[pe * 3 + group1Bank(c)] ?? 0);
    case 'ICC_IGRPEN1_EL3':
      if (!c.el3) return privilege(m, c, name);
      return R((s.igrpen[pe * 3 + G1NS] ?? 0) | ((s.igrpen[pe * 3 + G1S] ?? 0) << 1));
    case 'ICC_AP0R0_EL1':
    case 'ICC_AP0R1_EL1':
    case 'ICC_AP0R2_EL1':
    case 'ICC_AP0R3_EL1':
    case 'ICC_AP1R0_EL1':
    case 'ICC_AP1R1_EL1':
    case 'ICC_AP1R2_EL1':
    case 'ICC_AP1R3_EL1': {
      const [reg, n] = aprIndex(name) ?? [0, 0];
      if (n >= s.numAprs) return missing(m, c, name);
      if (reg === 0 && group0Inaccessible(s, c)) return privilege(m, c, name);
      const g = reg === 0 ? G0 : group1Bank(c);
      const nmiBit = n === 0 && s.cfg.nmi && s.aprNmi[pe * 3 + g] !== 0;
      return R(s.apr[(pe * 3 + g) * 4 + n] ?? 0, nmiBit ? 0x80000000 : 0);
    }
    case 'ICC_EOIR0_EL1':
    case 'ICC_EOIR1_EL1':
    case 'ICC_DIR_EL1':
    case 'ICC_SGI0R_EL1':
    case 'ICC_SGI1R_EL1':
    case 'ICC_ASGI1R_EL1':
      m.ev.warn('read-of-write-only', `${name} is write-only; read as zero`, name, pe);
      return ZERO;
    default:
      return assertNever(name, 'system register');
  }
}

function rprRead(s: GicState, c: SysregContext): SysregReadResult {
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
  return R(prio, hi);
}

function privilege(m: Model, c: SysregContext, name: string): SysregReadResult {
  m.ev.warn(
    'insufficient-privilege',
    `${name} is not accessible from this security state / EL; RAZ/WI`,
    name,
    c.pe,
  );
  return ZERO;
}

function missing(m: Model, c: SysregContext, name: string): SysregReadResult {
  m.ev.warn('unknown-sysreg', `${name} is not implemented in this configuration`, name, c.pe);
  return ZERO;
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
  if (!isSysregName(name)) {
    m.ev.warn('unknown-sysreg', `unknown system register ${name}`, name, pe);
    return;
  }
  switch (name) {
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
      const [reg, n] = aprIndex(name) ?? [0, 0];
      if (n >= s.numAprs) return void missing(m, c, name);
      if (reg === 0 && group0Inaccessible(s, c)) return void privilege(m, c, name);
      const g = reg === 0 ? G0 : group1Bank(c);
      // NS software cannot claim an active priority in the Secure half (Q-cpuif icc_ap_write).
      if (g === G1NS && n < 2 && s.cfg.securityExtensions) return;
      s.apr[(pe * 3 + g) * 4 + n] = lo >>> 0;
      if (n === 0 && s.cfg.nmi) s.aprNmi[pe * 3 + g] = (hi >>> 31) & 1;
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
      return assertNever(name, 'system register');
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
