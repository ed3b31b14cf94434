/**
 * Redistributor LPI state per PE. The pending and configuration tables themselves are in memory
 * (GuestMemory); what a Redistributor keeps inside is GICR_CTLR.EnableLPIs, an index of the LPIs
 * pending in its table, the configuration bytes it has cached and its best pending LPI.
 */

/**
 * When a Redistributor sees a change the guest made to the configuration table (IHI 0069 §5.1.1,
 * §6.3.2 INV: an implementation may cache configuration; software must invalidate after a change).
 * `until-invalidated`: each LPI's byte is read when the Redistributor first needs it and kept until
 * INV, INVALL, GICR_INVLPIR / GICR_INVALLR or EnableLPIs 0→1 — the most a change may be delayed.
 * `rescan` (QEMU): nothing is cached but the best pending LPI, recomputed from memory when an LPI
 * becomes pending (that one LPI only), when the best one stops pending, and on INV/INVALL/EnableLPIs
 * (gicv3_redist_update_lpi); a change shows up at the next of these.
 */
export type LpiConfigCache = 'until-invalidated' | 'rescan';

export interface LpiState {
  readonly cacheMode: LpiConfigCache;
  /** GICR_CTLR.EnableLPIs. */
  readonly enabled: Uint8Array;
  /** LPIs pending in each PE's pending table (kept in step with the table in memory). */
  readonly pending: Set<number>[];
  /** Cached configuration bytes per PE (until-invalidated only). */
  readonly cache: Map<number, number>[];
  /** Best pending enabled LPI per PE (−1: none) and its priority (0xff: none). */
  readonly bestIntid: Int32Array;
  readonly bestPriority: Int16Array;
  /** The LPI the delivery pass chose as the PE's HPPI (−1: the HPPI is not an LPI). */
  readonly hppiIntid: Int32Array;
}

export function createLpiState(peCount: number, cacheMode: LpiConfigCache): LpiState {
  const state: LpiState = {
    cacheMode,
    enabled: new Uint8Array(peCount),
    pending: Array.from({ length: peCount }, () => new Set<number>()),
    cache: Array.from({ length: peCount }, () => new Map<number, number>()),
    bestIntid: new Int32Array(peCount),
    bestPriority: new Int16Array(peCount),
    hppiIntid: new Int32Array(peCount),
  };
  resetLpiState(state);
  return state;
}

export function resetLpiState(l: LpiState): void {
  l.enabled.fill(0);
  for (const p of l.pending) p.clear();
  for (const c of l.cache) c.clear();
  l.bestIntid.fill(-1);
  l.bestPriority.fill(0xff);
  l.hppiIntid.fill(-1);
}
