import type { Hppi, InterruptGroup, IntId, Outputs, PeIndex, Priority } from './api.ts';
import { canPreempt, groupPriorityMask, IDLE_PRIORITY } from './kernels/priority.ts';
import type { Model } from './model.ts';
import {
  CTLR_DS,
  CTLR_EN_GRP1NS,
  G0,
  G1NS,
  G1S,
  ICC_CTLR_CBPR,
  PE_NS,
  PE_SECURE,
  type GicState,
} from './state.ts';

/** hppiSlot value when the PE's HPPI is an LPI (its INTID is in s.lpi.hppiIntid). */
export const LPI_SLOT = -2;

/**
 * The PE's best LPI as an HPPI candidate key: LPIs are Non-secure Group 1, never NMIs, and lose
 * every tie (the low 11 bits all set): QEMU prefers the lower INTID at equal priority (irqbetter),
 * and an LPI's INTID is above every SGI/PPI/SPI. −1 when no LPI can compete.
 */
function lpiCandidateKey(s: GicState, pe: number): number {
  const l = s.lpi;
  if (l.enabled[pe] === 0 || (l.bestIntid[pe] ?? -1) < 0) return -1;
  if ((s.gicdCtlr & CTLR_EN_GRP1NS) === 0) return -1;
  if (!s.flags.hppiIgnoresCpuGroupEnables && s.igrpen[pe * 3 + G1NS] === 0) return -1;
  return ((l.bestPriority[pe] ?? 0xff) << 11) | 0x7ff;
}

/** The INTID of the PE's cached HPPI (LPIs do not fit the key's 10 INTID bits). */
export function hppiIntId(s: GicState, pe: number): number {
  return s.hppiSlot[pe] === LPI_SLOT ? (s.lpi.hppiIntid[pe] ?? 0) : (s.hppiKey[pe] ?? 0) & 0x3ff;
}

export const GROUP_NAMES: readonly InterruptGroup[] = ['G0', 'G1S', 'G1NS'];

/** ICC_RPR_EL1 priority (reference §4.4, §6): an active NMI first, then the lowest APR bit. */
export function runningPriority(s: GicState, pe: number): number {
  if (s.cfg.nmi) {
    if (s.aprNmi[pe * 3 + G1S] !== 0) return 0;
    if (s.aprNmi[pe * 3 + G1NS] !== 0) return (s.gicdCtlr & CTLR_DS) !== 0 ? 0 : 0x80;
  }
  const base = pe * 12;
  for (let i = 0; i < s.numAprs; i++) {
    const w = (s.apr[base + i] ?? 0) | (s.apr[base + 4 + i] ?? 0) | (s.apr[base + 8 + i] ?? 0);
    if (w !== 0) return ((i * 32 + (31 - Math.clz32(w & -w))) << s.aprShift) & 0xff;
  }
  return IDLE_PRIORITY;
}

/** Group-priority mask for an interrupt of `group` at this PE, honouring ICC_CTLR_EL1.CBPR. */
export function groupMaskFor(s: GicState, pe: number, group: number): number {
  let g = group;
  if (
    (group === G1S && ((s.ctlrS[pe] ?? 0) & ICC_CTLR_CBPR) !== 0) ||
    (group === G1NS && ((s.ctlrNs[pe] ?? 0) & ICC_CTLR_CBPR) !== 0)
  ) {
    g = G0;
  }
  return groupPriorityMask(s.bpr[pe * 3 + g] ?? 0, g === G1NS);
}

function effectiveSecurity(s: GicState, pe: number): number {
  return s.cfg.securityExtensions ? (s.peSecurity[pe] ?? PE_NS) : PE_NS;
}

/** Best candidate for the PE per the profile's HPPI rule (reference §4.5 step 2, §8.1). */
function selectHppi(s: GicState, pe: number): number {
  if (s.flags.wakerGatesDelivery && s.processorSleep[pe] !== 0) return -1;
  let best = -1;
  let bestKey = 0x7fffffff;
  for (let g = 0; g < 3; g++) {
    if (!s.flags.hppiIgnoresCpuGroupEnables && s.igrpen[pe * 3 + g] === 0) continue;
    const h = s.heaps[pe * 3 + g];
    if (h === undefined || h.length === 0) continue;
    const top = h[0] ?? -1;
    const k = s.heapKey[top] ?? 0x7fffffff;
    if (k < bestKey) {
      bestKey = k;
      best = top;
    }
  }
  const lpiKey = lpiCandidateKey(s, pe);
  if (lpiKey >= 0 && lpiKey < bestKey) return LPI_SLOT;
  return best;
}

/** §4.5 step 3 for the cached HPPI of one PE. */
export function hppiCanSignal(s: GicState, pe: number): boolean {
  const slot = s.hppiSlot[pe] ?? -1;
  if (slot < 0 && slot !== LPI_SLOT) return false;
  const g = s.hppiGroup[pe] ?? 0;
  if (s.igrpen[pe * 3 + g] === 0) return false;
  const key = s.hppiKey[pe] ?? 0;
  const prio = key >> 11;
  const nmi = ((key >> 10) & 1) === 0;
  return canPreempt(
    prio,
    nmi,
    g === G1NS && (s.gicdCtlr & CTLR_DS) === 0,
    effectiveSecurity(s, pe) !== PE_NS,
    s.pmr[pe] ?? 0,
    runningPriority(s, pe),
    groupMaskFor(s, pe, g),
    s.aprNmi[pe * 3 + g] !== 0,
  );
}

/** Group → FIQ/IRQ for the PE's security state (reference §4.2). */
export function isFiq(s: GicState, pe: number, group: number): boolean {
  const sec = effectiveSecurity(s, pe);
  if (group === G0) return true;
  if (group === G1S) return sec !== PE_SECURE;
  return sec !== PE_NS;
}

export function hppiOf(s: GicState, pe: number): Hppi | null {
  const slot = s.hppiSlot[pe] ?? -1;
  if (slot < 0 && slot !== LPI_SLOT) return null;
  const key = s.hppiKey[pe] ?? 0;
  return {
    intid: hppiIntId(s, pe) as IntId,
    priority: (key >> 11) as Priority,
    group: GROUP_NAMES[s.hppiGroup[pe] ?? 0] ?? 'G0',
    nmi: ((key >> 10) & 1) === 0,
  };
}

export function outputsOf(s: GicState, pe: number): Outputs {
  return { irq: s.outIrq[pe] !== 0, fiq: s.outFiq[pe] !== 0, nmi: s.outNmi[pe] !== 0 };
}

/**
 * Delivery pass: for every PE marked dirty, first compute the new HPPI and output lines, then
 * signal (events) the differences.
 */
export function deliver(m: Model): void {
  const s = m.s;
  const n = s.dirtyCount;
  if (n === 0) return;
  for (let i = 0; i < n; i++) {
    const pe = s.dirtyList[i] ?? 0;
    s.dirty[pe] = 0;
    updatePe(m, pe);
  }
  s.dirtyCount = 0;
}

function updatePe(m: Model, pe: number): void {
  const s = m.s;
  const oldSlot = s.hppiSlot[pe] ?? -1;
  const oldKey = s.hppiKey[pe] ?? 0;
  const oldGroup = s.hppiGroup[pe] ?? 0;
  const oldLpi = s.lpi.hppiIntid[pe] ?? -1;
  const slot = selectHppi(s, pe);
  const lpi = slot === LPI_SLOT ? (s.lpi.bestIntid[pe] ?? -1) : -1;
  const key =
    slot === LPI_SLOT
      ? ((s.lpi.bestPriority[pe] ?? 0xff) << 11) | 0x7ff
      : slot < 0
        ? 0x7fffffff
        : (s.heapKey[slot] ?? 0);
  const group = slot === LPI_SLOT ? G1NS : slot < 0 ? 0 : (s.heapGroup[slot] ?? 0);
  const hppiChanged = slot !== oldSlot || key !== oldKey || group !== oldGroup || lpi !== oldLpi;
  let previousHppi: Hppi | null = null;
  if (hppiChanged && m.ev.active) previousHppi = hppiOf(s, pe);
  s.hppiSlot[pe] = slot;
  s.hppiKey[pe] = key;
  s.hppiGroup[pe] = group;
  s.lpi.hppiIntid[pe] = lpi;
  const signal = hppiCanSignal(s, pe);
  s.canSignal[pe] = signal ? 1 : 0;
  let irq = 0;
  let fiq = 0;
  let nmi = 0;
  if (signal) {
    if (isFiq(s, pe, group)) fiq = 1;
    else if (((key >> 10) & 1) === 0) nmi = 1;
    else irq = 1;
  }
  const outChanged = irq !== s.outIrq[pe] || fiq !== s.outFiq[pe] || nmi !== s.outNmi[pe];
  let previousOutputs: Outputs | null = null;
  if (outChanged && m.ev.active) previousOutputs = outputsOf(s, pe);
  s.outIrq[pe] = irq;
  s.outFiq[pe] = fiq;
  s.outNmi[pe] = nmi;
  if (!m.ev.active) return;
  if (hppiChanged) {
    m.ev.emit({
      kind: 'hppi-changed',
      pe: pe as PeIndex,
      hppi: hppiOf(s, pe),
      previous: previousHppi,
    });
  }
  if (outChanged && previousOutputs !== null) {
    m.ev.emit({
      kind: 'outputs-changed',
      pe: pe as PeIndex,
      outputs: outputsOf(s, pe),
      previous: previousOutputs,
    });
  }
}
