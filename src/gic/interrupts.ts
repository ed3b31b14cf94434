import type { IntId, PeIndex, PendingCause } from './api.ts';
import {
  heapPush as heapPush_,
  heapRemove as heapRemove_,
  heapUpdate as heapUpdate_,
} from './kernels/heap.ts';
import { nmiEffectivePriority as nmiEffectivePriority_ } from './kernels/priority.ts';
import { chooseOneOfN as chooseOneOfN_, irouterIrm as irouterIrm_ } from './kernels/routing.ts';
import type { Model } from './model.ts';
import {
  CTLR_DS as CTLR_DS_,
  CTLR_EN_GRP0 as CTLR_EN_GRP0_,
  CTLR_EN_GRP1NS as CTLR_EN_GRP1NS_,
  CTLR_EN_GRP1S as CTLR_EN_GRP1S_,
  G0 as G0_,
  G1NS as G1NS_,
  candidateKey as candidateKey_,
  groupOf as groupOf_,
  intidOfSlot as intidOfSlot_,
  type GicState,
} from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const heapPush = heapPush_;
const heapRemove = heapRemove_;
const heapUpdate = heapUpdate_;
const nmiEffectivePriority = nmiEffectivePriority_;
const chooseOneOfN = chooseOneOfN_;
const irouterIrm = irouterIrm_;
const CTLR_DS = CTLR_DS_;
const CTLR_EN_GRP0 = CTLR_EN_GRP0_;
const CTLR_EN_GRP1NS = CTLR_EN_GRP1NS_;
const CTLR_EN_GRP1S = CTLR_EN_GRP1S_;
const G0 = G0_;
const G1NS = G1NS_;
const candidateKey = candidateKey_;
const groupOf = groupOf_;
const intidOfSlot = intidOfSlot_;

export function effectivePending(s: GicState, slot: number): boolean {
  return s.latch[slot] !== 0 || (s.level[slot] !== 0 && s.edge[slot] === 0);
}

export function nmiEffective(s: GicState, slot: number, group: number): boolean {
  return s.cfg.nmi && s.nmi[slot] !== 0 && (group !== G0 || s.flags.nmiOnGroup0Honoured);
}

export function effectivePriority(s: GicState, slot: number, group: number): number {
  return nmiEffective(s, slot, group)
    ? nmiEffectivePriority((s.gicdCtlr & CTLR_DS) !== 0, group === G1NS)
    : s.priority[slot];
}

export function groupEnabledInDistributor(s: GicState, group: number): boolean {
  const bit = group === G0 ? CTLR_EN_GRP0 : group === G1NS ? CTLR_EN_GRP1NS : CTLR_EN_GRP1S;
  return (s.gicdCtlr & bit) !== 0;
}

export function markDirty(s: GicState, pe: number): void {
  if (s.dirty[pe] !== 0) return;
  s.dirty[pe] = 1;
  s.dirtyList[s.dirtyCount++] = pe;
}

/** Marks every PE for the next delivery pass (after a reset or restore). */
export function markAllDirty(s: GicState): void {
  for (let pe = 0; pe < s.peCount; pe++) markDirty(s, pe);
}

export function isOneOfN(s: GicState, spi: number): boolean {
  return s.oneOfNSupported && irouterIrm(s.irouterLo[spi]);
}

/** GICR_CTLR.DPG0 / DPG1NS / DPG1S (reference §3.2) by group index. */
const DPG_BIT = [1 << 24, 1 << 26, 1 << 25] as const;

export function dpgBit(group: number): number {
  return DPG_BIT[group as 0 | 1 | 2];
}

/** Whether PE `pe` may be chosen for a 1-of-N SPI of `group` (reference §7). */
export function participates(s: GicState, pe: number, group: number): boolean {
  if (s.flags.wakerGatesDelivery && s.processorSleep[pe] !== 0) return false;
  if (((s.gicrCtlr[pe] ?? 0) & dpgBit(group)) !== 0) return false;
  return s.igrpen[pe * 3 + group] !== 0;
}

/** Recomputes the participant bitmaps for one PE; returns the groups whose participation fell. */
export function updateParticipation(s: GicState, pe: number): number {
  let fell = 0;
  for (let g = 0; g < 3; g++) {
    const idx = g * 8 + (pe >> 5);
    const bit = 1 << (pe & 31);
    const was = ((s.participants[idx] ?? 0) & bit) !== 0;
    const now = participates(s, pe, g);
    if (now) s.participants[idx] = (s.participants[idx] ?? 0) | bit;
    else s.participants[idx] = (s.participants[idx] ?? 0) & ~bit;
    if (was && !now) fell |= 1 << g;
  }
  return fell;
}

/**
 * Brings one interrupt's HPPI-candidate entry up to date (reference §1.3 candidate rule, §4.5
 * step 1): pending, enabled, not active, group enabled in GICD_CTLR, and (SPIs) routed to a PE.
 * Marks the PEs whose candidate set changed for the next delivery pass.
 *
 * Configuring interrupts (enable, priority, group, trigger, route writes) calls this for
 * thousands of interrupts that are not pending, and returns here; the heap work is in
 * placeCandidate, which only interrupts that are or were candidates reach. V8 inlines a call
 * only if it was made in at least 15 % of the caller's runs so far: with the two together, a
 * model that was configured before it ran had its heap operations compiled as calls or inlined
 * depending on when the compile came (docs/gic-api.md, Performance).
 */
export function refresh(m: Model, slot: number): void {
  const s = m.s;
  const spi = slot - s.spiBase;
  const oneOfN = spi >= 0 && isOneOfN(s, spi);
  const pendingEnabled =
    s.enabled[slot] !== 0 &&
    s.active[slot] === 0 &&
    (s.latch[slot] !== 0 || (s.level[slot] !== 0 && s.edge[slot] === 0));
  // Neither a candidate nor in a heap, and no 1-of-N placement to release: nothing changes.
  if (!pendingEnabled && s.heapPe[slot] < 0 && !oneOfN) return;
  placeCandidate(m, slot, spi, oneOfN, pendingEnabled);
}

function placeCandidate(
  m: Model,
  slot: number,
  spi: number,
  oneOfN: boolean,
  pendingEnabled: boolean,
): void {
  const s = m.s;
  const oldPe = s.heapPe[slot];
  const group = groupOf(s, slot);
  const candidate = pendingEnabled && groupEnabledInDistributor(s, group);
  let pe = -1;
  if (spi < 0) {
    if (candidate) pe = slot >> 5;
  } else if (oneOfN) {
    pe = candidate ? placeOneOfN(m, slot, spi, group) : releaseOneOfN(s, spi);
  } else if (candidate) {
    pe = s.routeTarget[spi];
  }
  if (pe < 0) {
    if (oldPe >= 0) {
      heapRemove(s.heaps[oldPe * 3 + s.heapGroup[slot]], slot, s.heapKey, s.heapPos);
      s.heapPe[slot] = -1;
      markDirty(s, oldPe);
    }
    return;
  }
  const nmi = nmiEffective(s, slot, group);
  const prio = nmi
    ? nmiEffectivePriority((s.gicdCtlr & CTLR_DS) !== 0, group === G1NS)
    : s.priority[slot];
  const key = candidateKey(prio, nmi, slot);
  if (oldPe === pe && s.heapGroup[slot] === group) {
    if (s.heapKey[slot] !== key) {
      s.heapKey[slot] = key;
      heapUpdate(s.heaps[pe * 3 + group], slot, s.heapKey, s.heapPos);
      markDirty(s, pe);
    }
    return;
  }
  if (oldPe >= 0) {
    heapRemove(s.heaps[oldPe * 3 + s.heapGroup[slot]], slot, s.heapKey, s.heapPos);
    markDirty(s, oldPe);
  }
  s.heapKey[slot] = key;
  s.heapPe[slot] = pe;
  s.heapGroup[slot] = group;
  heapPush(s.heaps[pe * 3 + group], slot, s.heapKey, s.heapPos);
  markDirty(s, pe);
}

function releaseOneOfN(s: GicState, spi: number): number {
  s.routeTarget[spi] = -1;
  setUnplaced(s, spi, false);
  return -1;
}

/** Sets an SPI's `unplaced` flag, keeping `unplacedCount` in step. */
export function setUnplaced(s: GicState, spi: number, value: boolean): void {
  const was = s.unplaced[spi] !== 0;
  if (was === value) return;
  s.unplaced[spi] = value ? 1 : 0;
  s.unplacedCount += value ? 1 : -1;
}

function placeOneOfN(m: Model, slot: number, spi: number, group: number): number {
  const s = m.s;
  const current = s.routeTarget[spi] ?? -1;
  if (current >= 0 && participates(s, current, group)) return current;
  const policy = s.cfg.oneOfN;
  if (policy === 'unsupported') return current;
  const choice = chooseOneOfN(
    policy,
    s.participants.subarray(group * 8, group * 8 + 8),
    s.peCount,
    s.rrLast,
    s.rng,
  );
  s.rng = choice.rng;
  s.routeTarget[spi] = choice.pe;
  const wasUnplaced = s.unplaced[spi] !== 0;
  setUnplaced(s, spi, choice.pe < 0);
  if (choice.pe >= 0) s.rrLast = choice.pe;
  if (choice.pe < 0 && !wasUnplaced) {
    const intid = intidOfSlot(s, slot);
    m.ev.warn(
      'no-participating-pe',
      `1-of-N SPI ${intid}: no PE participates for its group; it waits pending`,
      null,
      null,
      intid,
    );
  }
  if (m.ev.active && (choice.pe >= 0 || !wasUnplaced)) {
    m.ev.emit({
      kind: 'routed',
      intid: intidOfSlot(s, slot) as IntId,
      mode: '1-of-N',
      policy,
      pe: choice.pe < 0 ? null : (choice.pe as PeIndex),
      previousPe: current < 0 ? null : (current as PeIndex),
    });
  }
  return choice.pe;
}

/** Refreshes every interrupt: after GICD_CTLR or other global changes. */
export function refreshAll(m: Model): void {
  for (let slot = 0; slot < m.s.slotCount; slot++) refresh(m, slot);
}

/**
 * After a PE's participation changed: 1-of-N SPIs offered to it in groups it left are re-offered
 * (reference §7: "released and retargeted"), and waiting ones are offered again.
 */
export function participationChanged(m: Model, pe: number): void {
  const s = m.s;
  if (s.cfg.oneOfN === 'unsupported') return;
  const fell = updateParticipation(s, pe);
  for (let g = 0; g < 3; g++) {
    if ((fell & (1 << g)) === 0) continue;
    for (const slot of [...(s.heaps[pe * 3 + g] ?? [])]) {
      if (slot >= s.spiBase && isOneOfN(s, slot - s.spiBase)) refresh(m, slot);
    }
  }
  if (s.unplacedCount === 0) return;
  for (let spi = 0; spi < s.spiCount; spi++) {
    if (s.unplaced[spi] !== 0) refresh(m, s.spiBase + spi);
  }
}

/** Emits became-pending / pending-cleared if the effective pending state changed. */
export function notePending(m: Model, slot: number, before: boolean, cause: PendingCause): void {
  if (!m.ev.active) return;
  const after = effectivePending(m.s, slot);
  if (before === after) return;
  const s = m.s;
  const owner = slot < s.spiBase ? ((slot >> 5) as PeIndex) : null;
  m.ev.emit({
    kind: after ? 'became-pending' : 'pending-cleared',
    intid: intidOfSlot(s, slot) as IntId,
    pe: owner,
    cause,
  });
}
