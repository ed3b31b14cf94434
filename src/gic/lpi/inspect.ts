import type { IntId, LpiView, PeIndex, Priority, RedistributorLpiView } from '../api.ts';
import { toHex } from '../../lib/index.ts';
import type { GicState } from '../state.ts';
import { lpiConfigEnabled, lpiConfigPriority } from './config-byte.ts';
import { lpiPending } from './pending.ts';
import { isDs, isLpiInRange, lpiLimit, pendBase, propBase, readConfigByte } from './tables.ts';

function hex64(lo: number, hi: number) {
  return hi === 0 ? toHex(lo >>> 0) : toHex((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

export function lpiView(s: GicState, intid: number, pe: number): LpiView {
  const configByte = readConfigByte(s, pe, intid);
  const cached =
    s.lpi.cacheMode === 'until-invalidated' ? (s.lpi.cache[pe]?.get(intid) ?? null) : configByte;
  const used = cached ?? configByte;
  return {
    intid: intid as IntId,
    pe: pe as PeIndex,
    configByte,
    visibleConfigByte: cached,
    priority: lpiConfigPriority(used, isDs(s)) as Priority,
    enabled: lpiConfigEnabled(used),
    stale: cached !== null && cached !== configByte,
    pending: lpiPending(s, pe, intid),
    inRange: isLpiInRange(s, pe, intid),
  };
}

export function redistributorLpiView(s: GicState, pe: number): RedistributorLpiView {
  const best = s.lpi.bestIntid[pe] ?? -1;
  return {
    pe: pe as PeIndex,
    enableLpis: s.lpi.enabled[pe] !== 0,
    propbaser: hex64(s.propbaser[pe * 2] ?? 0, s.propbaser[pe * 2 + 1] ?? 0),
    pendbaser: hex64(s.pendbaser[pe * 2] ?? 0, s.pendbaser[pe * 2 + 1] ?? 0),
    configTable: propBase(s, pe),
    pendingTable: pendBase(s, pe),
    limit: lpiLimit(s, pe),
    pending: [...(s.lpi.pending[pe] ?? [])].sort((a, b) => a - b) as IntId[],
    best:
      best < 0
        ? null
        : { intid: best as IntId, priority: (s.lpi.bestPriority[pe] ?? 0xff) as Priority },
    cacheMode: s.lpi.cacheMode,
    cached: [...(s.lpi.cache[pe] ?? new Map<number, number>()).entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([i, b]) => [i as IntId, b] as const),
  };
}
