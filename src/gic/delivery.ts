import type { Hppi, InterruptGroup, IntId, Outputs, PeIndex, Priority } from './api.ts';
import {
  canPreempt as canPreempt_,
  groupPriorityMask as groupPriorityMask_,
  IDLE_PRIORITY as IDLE_PRIORITY_,
} from './kernels/priority.ts';
import type { Model } from './model.ts';
import {
  CTLR_DS as CTLR_DS_,
  CTLR_EN_GRP1NS as CTLR_EN_GRP1NS_,
  G0 as G0_,
  G1NS as G1NS_,
  G1S as G1S_,
  ICC_CTLR_CBPR as ICC_CTLR_CBPR_,
  KEY_NONE as KEY_NONE_,
  PE_NS as PE_NS_,
  PE_SECURE as PE_SECURE_,
  intidOfSlot as intidOfSlot_,
  keyIsNmi as keyIsNmi_,
  keyPriority as keyPriority_,
  type GicState,
} from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const canPreempt = canPreempt_;
const groupPriorityMask = groupPriorityMask_;
const IDLE_PRIORITY = IDLE_PRIORITY_;
const CTLR_DS = CTLR_DS_;
const CTLR_EN_GRP1NS = CTLR_EN_GRP1NS_;
const G0 = G0_;
const G1NS = G1NS_;
const G1S = G1S_;
const ICC_CTLR_CBPR = ICC_CTLR_CBPR_;
const KEY_NONE = KEY_NONE_;
const PE_NS = PE_NS_;
const PE_SECURE = PE_SECURE_;
const intidOfSlot = intidOfSlot_;
const keyIsNmi = keyIsNmi_;
const keyPriority = keyPriority_;

export const GROUP_NAMES: readonly InterruptGroup[] = ['G0', 'G1S', 'G1NS'];

/** hppiSlot value when the PE's HPPI is an LPI (its INTID is in s.lpi.hppiIntid). */
export const LPI_SLOT = -2;

/**
 * The PE's best LPI as an HPPI candidate key: LPIs are Non-secure Group 1, never NMIs, and lose
 * every tie (all slot bits set): QEMU prefers the lower INTID at equal priority (irqbetter), and
 * an LPI's INTID is above every SGI/PPI/SPI. KEY_NONE when no LPI can compete.
 */
function lpiCandidateKey(s: GicState, pe: number): number {
  const l = s.lpi;
  if (l.enabled[pe] === 0 || l.bestIntid[pe] < 0) return KEY_NONE;
  if ((s.gicdCtlr & CTLR_EN_GRP1NS) === 0) return KEY_NONE;
  if (!s.flags.hppiIgnoresCpuGroupEnables && s.igrpen[pe * 3 + G1NS] === 0) return KEY_NONE;
  return (l.bestPriority[pe] << 22) | (1 << 21) | 0x1fffff;
}

/** The INTID of the PE's cached HPPI. */
export function hppiIntId(s: GicState, pe: number): number {
  const slot = s.hppiSlot[pe];
  return slot === LPI_SLOT ? s.lpi.hppiIntid[pe] : intidOfSlot(s, slot);
}

export function runningPriority(s: GicState, pe: number): number {
  return s.rpr[pe];
}

/** Recomputes a PE's cached running priority; call after any change to its APR or NMI bits. */
export function updateRunningPriority(s: GicState, pe: number): void {
  s.rpr[pe] = computeRunningPriority(s, pe);
}

/** ICC_RPR_EL1 priority (reference §4.4, §6): an active NMI first, then the lowest APR bit. */
function computeRunningPriority(s: GicState, pe: number): number {
  if (s.cfg.nmi) {
    const nmi = nmiRunningPriority(s, pe);
    if (nmi >= 0) return nmi;
  }
  const base = pe * 12;
  for (let i = 0; i < s.numAprs; i++) {
    const w = s.apr[base + i] | s.apr[base + 4 + i] | s.apr[base + 8 + i];
    if (w !== 0) return ((i * 32 + (31 - Math.clz32(w & -w))) << s.aprShift) & 0xff;
  }
  return IDLE_PRIORITY;
}

/** The running priority an active NMI sets (AP1R0.NMI of G1S, then G1NS), or −1 if none. */
function nmiRunningPriority(s: GicState, pe: number): number {
  if (s.aprNmi[pe * 3 + G1S] !== 0) return 0;
  if (s.aprNmi[pe * 3 + G1NS] !== 0) return (s.gicdCtlr & CTLR_DS) !== 0 ? 0 : 0x80;
  return -1;
}

/** Group-priority mask for an interrupt of `group` at this PE, honouring ICC_CTLR_EL1.CBPR. */
export function groupMaskFor(s: GicState, pe: number, group: number): number {
  let g = group;
  if (
    (group === G1S && (s.ctlrS[pe] & ICC_CTLR_CBPR) !== 0) ||
    (group === G1NS && (s.ctlrNs[pe] & ICC_CTLR_CBPR) !== 0)
  ) {
    g = G0;
  }
  return groupPriorityMask(s.bpr[pe * 3 + g], g === G1NS);
}

function effectiveSecurity(s: GicState, pe: number): number {
  return s.cfg.securityExtensions ? s.peSecurity[pe] : PE_NS;
}

/**
 * §4.5 step 3 (and §6 for NMIs) for a PE's HPPI: can it be signalled, given the group enable,
 * PMR and the running priority? The kernel is canPreempt; the common case — an ordinary
 * interrupt above PMR on an idle PE, where canPreempt answers yes before it looks at anything
 * else — is answered here without gathering its other arguments.
 */
function canSignal(s: GicState, pe: number, key: number, group: number): boolean {
  if (s.igrpen[pe * 3 + group] === 0) return false;
  if (!keyIsNmi(key)) {
    if (keyPriority(key) >= s.pmr[pe]) return false;
    if (s.rpr[pe] === IDLE_PRIORITY) return true;
  }
  return canPreemptRunning(s, pe, key, group);
}

function canPreemptRunning(s: GicState, pe: number, key: number, group: number): boolean {
  return canPreempt(
    keyPriority(key),
    keyIsNmi(key),
    group === G1NS && (s.gicdCtlr & CTLR_DS) === 0,
    effectiveSecurity(s, pe) !== PE_NS,
    s.pmr[pe],
    s.rpr[pe],
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
  return s.hppiObject[pe] ?? makeHppi(s, pe);
}

/**
 * The same interrupt becomes the HPPI again and again with the same priority: its object is
 * found again, and building one (newHppi, lpiHppi) is apart, so updatePe's inlining budget,
 * which this spends twice, still reaches its event sites whatever V8 has compiled before it.
 */
function makeHppi(s: GicState, pe: number): Hppi | null {
  const slot = s.hppiSlot[pe];
  if (slot < 0) return slot === LPI_SLOT ? lpiHppi(s, pe) : null;
  const key = s.hppiKey[pe];
  const bySlot = s.hppiBySlot[slot];
  const hppi =
    bySlot != null &&
    bySlot.priority === keyPriority(key) &&
    bySlot.nmi === keyIsNmi(key) &&
    bySlot.group === GROUP_NAMES[s.hppiGroup[pe]]
      ? bySlot
      : newHppi(s, slot, key, GROUP_NAMES[s.hppiGroup[pe]] ?? 'G0');
  s.hppiObject[pe] = hppi;
  return hppi;
}

function newHppi(s: GicState, slot: number, key: number, group: InterruptGroup): Hppi {
  const hppi: Hppi = {
    intid: intidOfSlot(s, slot) as IntId,
    priority: keyPriority(key) as Priority,
    group,
    nmi: keyIsNmi(key),
  };
  s.hppiBySlot[slot] = hppi;
  return hppi;
}

function lpiHppi(s: GicState, pe: number): Hppi {
  const lpi: Hppi = {
    intid: s.lpi.hppiIntid[pe] as IntId,
    priority: keyPriority(s.hppiKey[pe]) as Priority,
    group: 'G1NS',
    nmi: false,
  };
  s.hppiObject[pe] = lpi;
  return lpi;
}

/** Output line bits of s.outputs. */
const OUT_IRQ = 1;
const OUT_FIQ = 2;
const OUT_NMI = 4;

/** The states the output lines can be in (by s.outputs bits), shared: reading them allocates nothing. */
const OUTPUTS: readonly Outputs[] = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
  Object.freeze({
    irq: (bits & OUT_IRQ) !== 0,
    fiq: (bits & OUT_FIQ) !== 0,
    nmi: (bits & OUT_NMI) !== 0,
  }),
);

export function outputsOf(s: GicState, pe: number): Outputs {
  return OUTPUTS[s.outputs[pe]];
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
    const pe = s.dirtyList[i];
    s.dirty[pe] = 0;
    updatePe(m, s, pe);
  }
  s.dirtyCount = 0;
}

function updatePe(m: Model, s: GicState, pe: number): void {
  // Best candidate per the profile's HPPI rule (reference §4.5 step 2, §8.1): the lowest key
  // among the tops of the PE's three group heaps.
  let slot = -1;
  let key = KEY_NONE;
  let group = 0;
  if (!s.flags.wakerGatesDelivery || s.processorSleep[pe] === 0) {
    const base = pe * 3;
    const heaps = s.heaps;
    const enables = s.flags.hppiIgnoresCpuGroupEnables ? null : s.igrpen;
    for (let g = 0; g < 3; g++) {
      const h = heaps[base + g];
      if (h.length === 0 || (enables !== null && enables[base + g] === 0)) continue;
      const top = h[0];
      const k = s.heapKey[top];
      if (k < key) {
        key = k;
        slot = top;
        group = g;
      }
    }
    // Only a Redistributor with EnableLPIs set has an LPI to offer.
    if (s.lpi.enabled[pe] !== 0) {
      const lk = lpiCandidateKey(s, pe);
      if (lk < key) {
        key = lk;
        slot = LPI_SLOT;
        group = G1NS;
      }
    }
  }
  // hppiIntid is −1 whenever the cached HPPI is not an LPI, so it can only differ for an LPI.
  const hppiChanged =
    slot !== s.hppiSlot[pe] ||
    key !== s.hppiKey[pe] ||
    group !== s.hppiGroup[pe] ||
    (slot === LPI_SLOT && s.lpi.bestIntid[pe] !== s.lpi.hppiIntid[pe]);
  const active = m.ev.active;
  let previousHppi: Hppi | null = null;
  if (hppiChanged) {
    if (active) previousHppi = hppiOf(s, pe);
    s.hppiSlot[pe] = slot;
    s.hppiKey[pe] = key;
    s.hppiGroup[pe] = group;
    s.hppiObject[pe] = null;
    s.lpi.hppiIntid[pe] = slot === LPI_SLOT ? s.lpi.bestIntid[pe] : -1;
  }
  let out = 0;
  if (slot !== -1 && canSignal(s, pe, key, group)) {
    s.canSignal[pe] = 1;
    out = isFiq(s, pe, group) ? OUT_FIQ : keyIsNmi(key) ? OUT_NMI : OUT_IRQ;
  } else {
    s.canSignal[pe] = 0;
  }
  const previousOut = s.outputs[pe];
  if (out !== previousOut) s.outputs[pe] = out;
  if (!active) return;
  if (hppiChanged) {
    m.ev.emit({
      kind: 'hppi-changed',
      pe: pe as PeIndex,
      // The cached object was dropped above: made here.
      hppi: makeHppi(s, pe),
      previous: previousHppi,
    });
  }
  if (out !== previousOut) {
    m.ev.emit({
      kind: 'outputs-changed',
      pe: pe as PeIndex,
      outputs: OUTPUTS[out],
      previous: OUTPUTS[previousOut],
    });
  }
}
