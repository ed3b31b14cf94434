import type { IntId, PeIndex, PendingCause } from '../api.ts';
import { markDirty } from '../interrupts.ts';
import type { Model } from '../model.ts';
import type { GicState } from '../state.ts';
import { LPI_BASE, lpiConfigEnabled, lpiConfigPriority } from './config-byte.ts';
import {
  isDs,
  isLpiInRange,
  lpiLimit,
  pendBase,
  readConfigByte,
  writePendingBit,
} from './tables.ts';

/**
 * LPI pending state and each Redistributor's best pending LPI (IHI 0069 §5.1.2, §4.1.1: an LPI
 * takes part in HPPI selection when it is pending in the PE's table and enabled in the
 * configuration table, as the Redistributor sees it). Shells: they change state, mark the PE for
 * the delivery pass and report.
 */

/** The configuration byte as this Redistributor sees it now (its cache, or memory). */
export function visibleConfig(s: GicState, pe: number, intid: number): number {
  const l = s.lpi;
  if (l.cacheMode === 'rescan') return readConfigByte(s, pe, intid);
  const cache = l.cache[pe];
  let byte = cache?.get(intid);
  if (byte === undefined) {
    byte = readConfigByte(s, pe, intid);
    cache?.set(intid, byte);
  }
  return byte;
}

/** QEMU's rule: a lower priority value wins, then the lower INTID (update_for_one_lpi). */
function consider(s: GicState, pe: number, intid: number, byte: number): void {
  if (!lpiConfigEnabled(byte)) return;
  const prio = lpiConfigPriority(byte, isDs(s));
  const l = s.lpi;
  const best = l.bestPriority[pe] ?? 0xff;
  if (prio < best || (prio === best && intid <= (l.bestIntid[pe] ?? -1))) {
    l.bestIntid[pe] = intid;
    l.bestPriority[pe] = prio;
  }
}

function setBest(s: GicState, pe: number, intid: number, prio: number): void {
  if (s.lpi.bestIntid[pe] !== intid || s.lpi.bestPriority[pe] !== prio) markDirty(s, pe);
  s.lpi.bestIntid[pe] = intid;
  s.lpi.bestPriority[pe] = prio;
}

/** Best pending LPI from the pending index and the visible configuration. */
export function recomputeBest(s: GicState, pe: number): void {
  const oldIntid = s.lpi.bestIntid[pe] ?? -1;
  const oldPrio = s.lpi.bestPriority[pe] ?? 0xff;
  s.lpi.bestIntid[pe] = -1;
  s.lpi.bestPriority[pe] = 0xff;
  for (const intid of s.lpi.pending[pe] ?? []) consider(s, pe, intid, visibleConfig(s, pe, intid));
  const intid = s.lpi.bestIntid[pe] ?? -1;
  const prio = s.lpi.bestPriority[pe] ?? 0xff;
  s.lpi.bestIntid[pe] = oldIntid;
  s.lpi.bestPriority[pe] = oldPrio;
  setBest(s, pe, intid, prio);
}

/**
 * Reads the PE's pending table from memory into the index, and (rescan mode) recomputes the best
 * LPI from the configuration table: QEMU's gicv3_redist_update_lpi.
 */
export function loadPendingTable(s: GicState, pe: number): void {
  const pending = s.lpi.pending[pe];
  if (pending === undefined) return;
  pending.clear();
  const base = pendBase(s, pe);
  const end = lpiLimit(s, pe) >> 3;
  for (let i = LPI_BASE >> 3; i < end; i++) {
    let byte = s.memory.read8(base + i);
    while (byte !== 0) {
      const bit = 31 - Math.clz32(byte & -byte);
      pending.add(i * 8 + bit);
      byte &= byte - 1;
    }
  }
  recomputeBest(s, pe);
}

/**
 * After a configuration change is made visible (INV, INVALL, GICR_INVLPIR/INVALLR, EnableLPIs):
 * `intid` null means every LPI of the Redistributor.
 */
export function invalidateConfig(m: Model, pe: number, intid: number | null): void {
  const s = m.s;
  if (s.lpi.cacheMode === 'rescan') {
    // QEMU rescans the whole pending table for any invalidation (gicv3_redist_inv_lpi).
    if (s.lpi.enabled[pe] !== 0) loadPendingTable(s, pe);
  } else {
    // INV loads the LPI's byte now (what the Redistributor then caches); INVALL drops the whole
    // cache, each byte being read again when next needed.
    if (intid === null) s.lpi.cache[pe]?.clear();
    else s.lpi.cache[pe]?.set(intid, readConfigByte(s, pe, intid));
    recomputeBest(s, pe);
  }
  if (m.ev.active) {
    m.ev.emit({
      kind: 'lpi-config-invalidated',
      pe: pe as PeIndex,
      intid: intid === null ? null : (intid as IntId),
    });
  }
}

export type LpiDrop = 'lpis-disabled' | 'lpi-out-of-range';

/**
 * Makes an LPI pending (level true) or not pending in the PE's table. Returns null when it was
 * done (or already so), or why the Redistributor ignored it: EnableLPIs is 0, or the INTID is
 * beyond GICR_PROPBASER.IDbits (IHI 0069 §5.1: such LPIs are not recognised).
 */
export function setLpiPending(
  m: Model,
  pe: number,
  intid: number,
  level: boolean,
  cause: PendingCause,
): LpiDrop | null {
  const s = m.s;
  const l = s.lpi;
  if (l.enabled[pe] === 0) return 'lpis-disabled';
  if (!isLpiInRange(s, pe, intid)) return 'lpi-out-of-range';
  const pending = l.pending[pe];
  if (pending === undefined || pending.has(intid) === level) return null;
  writePendingBit(s, pe, intid, level);
  if (level) {
    pending.add(intid);
    const before = l.bestIntid[pe];
    const beforePrio = l.bestPriority[pe];
    consider(s, pe, intid, visibleConfig(s, pe, intid));
    if (l.bestIntid[pe] !== before || l.bestPriority[pe] !== beforePrio) markDirty(s, pe);
  } else {
    pending.delete(intid);
    if (l.bestIntid[pe] === intid) {
      if (l.cacheMode === 'rescan') loadPendingTable(s, pe);
      else recomputeBest(s, pe);
    }
  }
  if (m.ev.active) {
    m.ev.emit({
      kind: level ? 'became-pending' : 'pending-cleared',
      intid: intid as IntId,
      pe: pe as PeIndex,
      cause,
    });
  }
  return null;
}

/** Whether the LPI is pending in the PE's table (the Redistributor's view). */
export function lpiPending(s: GicState, pe: number, intid: number): boolean {
  return s.lpi.pending[pe]?.has(intid) ?? false;
}
