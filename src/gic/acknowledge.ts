import type { IntId, PeIndex, Priority } from './api.ts';
import {
  GROUP_NAMES as GROUP_NAMES_,
  groupMaskFor as groupMaskFor_,
  hppiIntId as hppiIntId_,
  LPI_SLOT as LPI_SLOT_,
  runningPriority as runningPriority_,
  updateRunningPriority as updateRunningPriority_,
} from './delivery.ts';
import { LPI_BASE as LPI_BASE_ } from './lpi/config-byte.ts';
import { setLpiPending as setLpiPending_ } from './lpi/pending.ts';
import { deactivate as deactivate_ } from './interrupt-ops.ts';
import {
  markDirty as markDirty_,
  notePending as notePending_,
  refresh as refresh_,
} from './interrupts.ts';
import type { Model } from './model.ts';
import {
  CTLR_DS as CTLR_DS_,
  G0 as G0_,
  G1NS as G1NS_,
  G1S as G1S_,
  ICC_CTLR_EOIMODE as ICC_CTLR_EOIMODE_,
  groupOf as groupOf_,
  keyIsNmi as keyIsNmi_,
  keyPriority as keyPriority_,
  slotOf as slotOf_,
  type GicState,
} from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const GROUP_NAMES = GROUP_NAMES_;
const groupMaskFor = groupMaskFor_;
const hppiIntId = hppiIntId_;
const LPI_SLOT = LPI_SLOT_;
const runningPriority = runningPriority_;
const updateRunningPriority = updateRunningPriority_;
const LPI_BASE = LPI_BASE_;
const setLpiPending = setLpiPending_;
const deactivate = deactivate_;
const markDirty = markDirty_;
const notePending = notePending_;
const refresh = refresh_;
const CTLR_DS = CTLR_DS_;
const G0 = G0_;
const G1NS = G1NS_;
const G1S = G1S_;
const ICC_CTLR_EOIMODE = ICC_CTLR_EOIMODE_;
const groupOf = groupOf_;
const keyIsNmi = keyIsNmi_;
const keyPriority = keyPriority_;
const slotOf = slotOf_;

/**
 * The interrupt-handling flow of a CPU interface (reference §4.6, §6): acknowledge (IAR0/IAR1/
 * NMIAR1), priority drop (EOIR0/EOIR1) and deactivation (EOIR with EOImode 0, DIR).
 */

/** The security context of one system-register access. */
export interface SysregContext {
  readonly pe: number;
  /** Secure state (true at EL3 as well). Always false without security extensions. */
  readonly secure: boolean;
  readonly el3: boolean;
  /** A look from outside (gic.peekSysreg): report what a read would return, change nothing. */
  readonly peek: boolean;
}

export const SPURIOUS = 1023;
const INTID_NMI = 1022;
const INTID_SECURE = 1020;
const INTID_NONSECURE = 1021;

function ds(s: GicState): boolean {
  return (s.gicdCtlr & CTLR_DS) !== 0;
}

/** ICC_HPPIR0_EL1 value (CheckGroup0ForSpecialIdentifiers, reference §4.6). */
export function hppir0Value(s: GicState, c: SysregContext): number {
  const pe = c.pe;
  if (!hasHppi(s, pe)) return SPURIOUS;
  const g = s.hppiGroup[pe] ?? 0;
  if (s.igrpen[pe * 3 + g] === 0) return SPURIOUS;
  const irqSecure = !ds(s) && g !== G1NS;
  if (g !== G0 && !c.el3) return SPURIOUS;
  if (irqSecure && !c.secure) return SPURIOUS;
  if (g !== G0) return irqSecure ? INTID_SECURE : INTID_NONSECURE;
  return hppiIntId(s, pe);
}

/** ICC_HPPIR1_EL1 value (CheckGroup1ForSpecialIdentifiers). */
export function hppir1Value(s: GicState, c: SysregContext): number {
  const pe = c.pe;
  if (!hasHppi(s, pe)) return SPURIOUS;
  const g = s.hppiGroup[pe] ?? 0;
  if (s.igrpen[pe * 3 + g] === 0) return SPURIOUS;
  if (g === G0) return SPURIOUS;
  const irqSecure = !ds(s) && g !== G1NS;
  if (irqSecure) {
    if (!c.secure) return SPURIOUS;
  } else if (!c.el3 && c.secure) {
    return SPURIOUS;
  }
  return hppiIntId(s, pe);
}

function hasHppi(s: GicState, pe: number): boolean {
  const slot = s.hppiSlot[pe] ?? -1;
  return slot >= 0 || slot === LPI_SLOT;
}

/** An INTID an EOIR/DIR write may name as an LPI (GICD_TYPER.IDbits with LPIs). */
export function isLpiIntId(s: GicState, intid: number): boolean {
  return s.cfg.lpis && intid >= LPI_BASE && intid < 2 ** s.cfg.lpiIdBits;
}

export type AckRegister = 'ICC_IAR0_EL1' | 'ICC_IAR1_EL1' | 'ICC_NMIAR1_EL1';

/**
 * IAR0/IAR1/NMIAR1 read (reference §4.6, §6). `hppir` is what HPPIR0 (for IAR0) or HPPIR1 (IAR1,
 * NMIAR1) reads now: the caller reads it, so that its inlining budget, not this one's, pays for
 * it and this one's still reaches the event sites (docs/gic-api.md, Performance).
 */
export function acknowledge(m: Model, c: SysregContext, reg: AckRegister, hppir: number): number {
  const s = m.s;
  const pe = c.pe;
  const intid = s.canSignal[pe] === 0 ? SPURIOUS : hppir;
  if (intid >= 1020 && intid <= SPURIOUS) return intid;
  const key = s.hppiKey[pe] ?? 0;
  const nmi = keyIsNmi(key);
  if (reg === 'ICC_IAR1_EL1' && nmi && s.sctlrNmi[pe] !== 0) return INTID_NMI;
  if (reg === 'ICC_NMIAR1_EL1' && !nmi) return SPURIOUS;
  if (c.peek === true) return intid;
  const slot = s.hppiSlot[pe] ?? 0;
  if (slot === LPI_SLOT) return acknowledgeLpi(m, c, reg, intid, keyPriority(key));
  const group = s.hppiGroup[pe] ?? 0;
  const prio = keyPriority(key);
  if (nmi) {
    s.aprNmi[pe * 3 + group] = 1;
  } else {
    const bit = (prio & groupMaskFor(s, pe, group)) >> s.aprShift;
    const idx = (pe * 3 + group) * 4 + (bit >> 5);
    s.apr[idx] = ((s.apr[idx] ?? 0) | (1 << (bit & 31))) >>> 0;
  }
  updateRunningPriority(s, pe);
  s.active[slot] = 1;
  s.latch[slot] = 0;
  s.activeOn[slot] = pe;
  // The HPPI is a candidate in one of this PE's heaps, so it was pending, and refresh, taking it
  // out (it is active now), marks the PE for the delivery pass the new running priority needs.
  refresh(m, slot);
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
    notePending(m, slot, true, 'acknowledge');
  }
  return intid;
}

/**
 * An LPI acknowledge (IHI 0069 §4.1.1, reference §3.4): the running priority rises as for any
 * interrupt, but an LPI has no active state — it simply stops being pending in the table.
 */
function acknowledgeLpi(
  m: Model,
  c: SysregContext,
  reg: AckRegister,
  intid: number,
  prio: number,
): number {
  const s = m.s;
  const pe = c.pe;
  const bit = (prio & groupMaskFor(s, pe, G1NS)) >> s.aprShift;
  const idx = (pe * 3 + G1NS) * 4 + (bit >> 5);
  s.apr[idx] = ((s.apr[idx] ?? 0) | (1 << (bit & 31))) >>> 0;
  updateRunningPriority(s, pe);
  markDirty(s, pe);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'acknowledged',
      pe: pe as PeIndex,
      intid: intid as IntId,
      group: 'G1NS',
      priority: prio as Priority,
      nmi: false,
      register: reg,
      runningPriority: runningPriority(s, pe) as Priority,
    });
  }
  setLpiPending(m, pe, intid, false, 'acknowledge');
  return intid;
}

/**
 * The group holding the highest active priority (QEMU icc_highest_active_group). An EOI inlines
 * this and dropPriority; their NMI cases are apart so that the EOI's inlining budget still
 * reaches its event sites (docs/gic-api.md, Performance).
 */
function highestActiveGroup(s: GicState, pe: number): number {
  if (s.cfg.nmi) {
    const g = nmiActiveGroup(s, pe);
    if (g >= 0) return g;
  }
  const base = pe * 12;
  for (let i = 0; i < s.numAprs; i++) {
    const w0 = s.apr[base + i];
    const w1 = s.apr[base + 4 + i];
    const w = w0 | w1 | s.apr[base + 8 + i];
    if (w === 0) continue;
    // The lowest active priority bit of the three groups; a bit set in two (AP writes can do
    // that) goes to G0, then G1S, as QEMU's comparison does.
    const low = w & -w;
    return (w0 & low) !== 0 ? G0 : (w1 & low) !== 0 ? G1S : G1NS;
  }
  return -1;
}

/** The group of an active NMI (G1S before G1NS), or −1. */
function nmiActiveGroup(s: GicState, pe: number): number {
  if (s.aprNmi[pe * 3 + G1S] !== 0) return G1S;
  if (s.aprNmi[pe * 3 + G1NS] !== 0) return G1NS;
  return -1;
}

/** dropPriority's result for an NMI: the priority with this bit set (no object per EOI). */
const DROPPED_NMI = 0x100;

/**
 * Clears the highest active priority of `group`; returns it (0xff if none), with DROPPED_NMI set
 * when it was an NMI.
 */
function dropPriority(s: GicState, pe: number, group: number): number {
  // An active NMI is the highest priority of its group (it lives beside AP<n>R0).
  if (s.cfg.nmi && s.aprNmi[pe * 3 + group] !== 0) return dropNmi(s, pe, group);
  const base = (pe * 3 + group) * 4;
  for (let i = 0; i < s.numAprs; i++) {
    const w = s.apr[base + i];
    if (w === 0) continue;
    s.apr[base + i] = (w & (w - 1)) >>> 0;
    return ((i * 32 + (31 - Math.clz32(w & -w))) << s.aprShift) & 0xff;
  }
  return 0xff;
}

function dropNmi(s: GicState, pe: number, group: number): number {
  s.aprNmi[pe * 3 + group] = 0;
  return DROPPED_NMI | (group === G1NS && !ds(s) ? 0x80 : 0);
}

function eoiSplit(s: GicState, c: SysregContext): boolean {
  if (c.el3) return s.ctlrEl3EoiMode[c.pe] !== 0;
  const ctlr = c.secure ? s.ctlrS[c.pe] : s.ctlrNs[c.pe];
  return ((ctlr ?? 0) & ICC_CTLR_EOIMODE) !== 0;
}

/** EOIR0/EOIR1 write (reference §4.6): priority drop, plus deactivation when EOImode=0. */
export function endOfInterrupt(
  m: Model,
  c: SysregContext,
  grpReg: 0 | 1,
  intid: number,
  name: string,
): void {
  const s = m.s;
  const pe = c.pe;
  const lpi = isLpiIntId(s, intid);
  if (intid >= s.numIrq && !lpi) {
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
  updateRunningPriority(s, pe);
  // The running priority decides only whether an HPPI is signalled: a PE without one (as of the
  // last delivery pass; nothing here changed its candidates) needs no pass.
  if (s.hppiSlot[pe] !== -1) markDirty(s, pe);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'priority-dropped',
      pe: pe as PeIndex,
      intid: intid as IntId,
      group: GROUP_NAMES[grp] ?? 'G0',
      priority: (dropped & 0xff) as Priority,
      nmi: (dropped & DROPPED_NMI) !== 0,
      runningPriority: runningPriority(s, pe) as Priority,
    });
  }
  // An LPI has no active state: the priority drop is all an EOI does (reference §3.4).
  if (eoiSplit(s, c) || lpi) return;
  if (!deactivate(m, slotOf(s, intid, pe), 'EOIR')) {
    m.ev.warn('eoi-not-active', `${name}: INTID ${intid} is not active`, name, pe, intid);
  }
}

export function deactivateInterrupt(m: Model, c: SysregContext, intid: number): void {
  const s = m.s;
  const name = 'ICC_DIR_EL1';
  if (isLpiIntId(s, intid)) {
    m.ev.warn(
      'dir-of-lpi',
      `${name}: LPI ${intid} has no active state; nothing to deactivate`,
      name,
      c.pe,
      intid,
    );
    return;
  }
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
