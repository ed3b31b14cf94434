import type { Hppi, InterruptGroup, IntId, Outputs, PeIndex, Priority } from './api.ts';
import { canPreempt, groupPriorityMask, IDLE_PRIORITY } from './kernels/priority.ts';
import type { Model } from './model.ts';
import {
  CTLR_DS,
  G0,
  G1NS,
  G1S,
  ICC_CTLR_CBPR,
  KEY_NONE,
  PE_NS,
  PE_SECURE,
  intidOfSlot,
  keyIsNmi,
  keyPriority,
  type GicState,
} from './state.ts';

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

/**
 * §4.5 step 3 (and §6 for NMIs) for a PE's HPPI: can it be signalled, given the group enable,
 * PMR and the running priority? The kernel is canPreempt; the cheap tests come first so the
 * running priority is only looked up when it matters.
 */
function canSignal(s: GicState, pe: number, key: number, group: number): boolean {
  if (s.igrpen[pe * 3 + group] === 0) return false;
  const prio = keyPriority(key);
  const nmi = keyIsNmi(key);
  const pmr = s.pmr[pe] ?? 0;
  if (!nmi && prio >= pmr) return false;
  return canPreempt(
    prio,
    nmi,
    group === G1NS && (s.gicdCtlr & CTLR_DS) === 0,
    effectiveSecurity(s, pe) !== PE_NS,
    pmr,
    runningPriority(s, pe),
    groupMaskFor(s, pe, group),
    s.aprNmi[pe * 3 + group] !== 0,
  );
}

/** Group → FIQ/IRQ for the PE's security state (reference §4.2). */
export function isFiq(s: GicState, pe: number, group: number): boolean {
  const sec = effectiveSecurity(s, pe);
  if (group === G0) return true;
  if (group === G1S) return sec !== PE_SECURE;
  return sec !== PE_NS;
}

/**
 * The PE's HPPI as plain data: one object per interrupt and HPPI value, handed out again while
 * it does not change (treat it as immutable).
 */
export function hppiOf(s: GicState, pe: number): Hppi | null {
  const slot = s.hppiSlot[pe] ?? -1;
  if (slot < 0) return null;
  const cached = s.hppiObject[pe];
  if (cached != null) return cached;
  const key = s.hppiKey[pe] ?? 0;
  const group = GROUP_NAMES[s.hppiGroup[pe] ?? 0] ?? 'G0';
  // The same interrupt becomes the HPPI again and again with the same priority: reuse its object.
  const bySlot = s.hppiBySlot[slot];
  const hppi: Hppi =
    bySlot != null &&
    bySlot.group === group &&
    bySlot.priority === keyPriority(key) &&
    bySlot.nmi === keyIsNmi(key)
      ? bySlot
      : {
          intid: intidOfSlot(s, slot) as IntId,
          priority: keyPriority(key) as Priority,
          group,
          nmi: keyIsNmi(key),
        };
  s.hppiBySlot[slot] = hppi;
  s.hppiObject[pe] = hppi;
  return hppi;
}

/** The four states the output lines can be in, shared: reading them allocates nothing. */
const OUTPUTS: readonly Outputs[] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
  Object.freeze({ irq: (bits & 1) !== 0, fiq: (bits & 2) !== 0, nmi: (bits & 4) !== 0 }),
);

export function outputsOf(s: GicState, pe: number): Outputs {
  return OUTPUTS[(s.outIrq[pe] ?? 0) | ((s.outFiq[pe] ?? 0) << 1) | ((s.outNmi[pe] ?? 0) << 2)];
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
  // Best candidate per the profile's HPPI rule (reference §4.5 step 2, §8.1): the lowest key
  // among the tops of the PE's three group heaps.
  let slot = -1;
  let key = KEY_NONE;
  let group = 0;
  if (!(s.flags.wakerGatesDelivery && s.processorSleep[pe] !== 0)) {
    const all = s.flags.hppiIgnoresCpuGroupEnables;
    for (let g = 0; g < 3; g++) {
      const h = s.heaps[pe * 3 + g];
      if (h.length === 0 || (!all && s.igrpen[pe * 3 + g] === 0)) continue;
      const top = h[0];
      const k = s.heapKey[top];
      if (k < key) {
        key = k;
        slot = top;
        group = g;
      }
    }
  }
  const hppiChanged = slot !== s.hppiSlot[pe] || key !== s.hppiKey[pe] || group !== s.hppiGroup[pe];
  let previousHppi: Hppi | null = null;
  if (hppiChanged) {
    if (m.ev.active) previousHppi = hppiOf(s, pe);
    s.hppiSlot[pe] = slot;
    s.hppiKey[pe] = key;
    s.hppiGroup[pe] = group;
    s.hppiObject[pe] = null;
  }
  const signal = slot >= 0 && canSignal(s, pe, key, group);
  s.canSignal[pe] = signal ? 1 : 0;
  let irq = 0;
  let fiq = 0;
  let nmi = 0;
  if (signal) {
    if (isFiq(s, pe, group)) fiq = 1;
    else if (keyIsNmi(key)) nmi = 1;
    else irq = 1;
  }
  const outChanged = irq !== s.outIrq[pe] || fiq !== s.outFiq[pe] || nmi !== s.outNmi[pe];
  let previousOutputs: Outputs | null = null;
  if (outChanged) {
    if (m.ev.active) previousOutputs = outputsOf(s, pe);
    s.outIrq[pe] = irq;
    s.outFiq[pe] = fiq;
    s.outNmi[pe] = nmi;
  }
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
