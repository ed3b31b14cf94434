import type { IntId, PeIndex } from '../api.ts';
import { markDirty } from '../interrupts.ts';
import type { Model } from '../model.ts';
import { loadPendingTable, recomputeBest } from './pending.ts';
import { writePendingBit } from './tables.ts';

/**
 * MOVALL (IHI 0069 §6.3.8): every LPI pending on one Redistributor becomes pending on another and
 * stops pending on the first. Like QEMU (gicv3_redist_movall_lpis), nothing moves when either
 * Redistributor has LPIs disabled, and both recompute their best LPI afterwards.
 */
export function moveAllLpis(m: Model, from: number, to: number): void {
  const s = m.s;
  const l = s.lpi;
  if (l.enabled[from] === 0 || l.enabled[to] === 0) return;
  const source = l.pending[from];
  const target = l.pending[to];
  if (source === undefined || target === undefined) return;
  const moved = [...source].sort((a, b) => a - b);
  for (const intid of moved) {
    writePendingBit(s, from, intid, false);
    writePendingBit(s, to, intid, true);
    source.delete(intid);
    target.add(intid);
  }
  for (const pe of [from, to]) {
    if (l.cacheMode === 'rescan') loadPendingTable(s, pe);
    else recomputeBest(s, pe);
    markDirty(s, pe);
  }
  if (!m.ev.active) return;
  for (const intid of moved) {
    m.ev.emit({
      kind: 'pending-cleared',
      intid: intid as IntId,
      pe: from as PeIndex,
      cause: 'moved',
    });
    m.ev.emit({ kind: 'became-pending', intid: intid as IntId, pe: to as PeIndex, cause: 'moved' });
  }
}
