import type { GicState } from '../state.ts';
import { MEMORY_PAGE_SIZE } from '../memory.ts';

/**
 * LPI, ITS and memory state in a GIC snapshot (plain numbers: JSON- and structuredClone-safe).
 * LPI pending/cache entries are packed as pe · 2^20 + INTID (INTIDs < 2^20).
 */
type Fields = Record<string, readonly number[]>;

const PACK = 1 << 20;

export function snapshotLpiState(s: GicState): Fields {
  const pending: number[] = [];
  const cache: number[] = [];
  s.lpi.pending.forEach((set, pe) => {
    for (const intid of [...set].sort((a, b) => a - b)) pending.push(pe * PACK + intid);
  });
  s.lpi.cache.forEach((map, pe) => {
    for (const [intid, byte] of [...map.entries()].sort((a, b) => a[0] - b[0]))
      cache.push(pe * PACK + intid, byte);
  });
  const memory: number[] = [];
  for (const [index, bytes] of s.memory.touchedPages()) memory.push(index, ...bytes);
  const fields: Fields = {
    lpiEnabled: Array.from(s.lpi.enabled),
    lpiBestIntid: Array.from(s.lpi.bestIntid),
    lpiBestPriority: Array.from(s.lpi.bestPriority),
    lpiHppiIntid: Array.from(s.lpi.hppiIntid),
    lpiPending: pending,
    lpiCache: cache,
    pendbaserPtz: Array.from(s.pendbaserPtz),
    memoryPages: memory,
  };
  const its = s.its;
  if (its !== null) {
    fields.its = [
      its.enabled ? 1 : 0,
      its.cbaserLo,
      its.cbaserHi,
      its.cwriter,
      its.creadr,
      its.stalled ? 1 : 0,
      its.commandCount,
      ...its.baserLo,
      ...its.baserHi,
    ];
  }
  return fields;
}

function numbers(snap: Readonly<Fields>, name: string): readonly number[] {
  const v = snap[name];
  return Array.isArray(v) ? (v as readonly number[]) : [];
}

/** Restores what snapshotLpiState saved; fields a snapshot lacks stay at their reset values. */
export function restoreLpiState(s: GicState, snap: Readonly<Fields>): void {
  const l = s.lpi;
  const set = (target: Uint8Array | Int32Array | Int16Array, name: string) => {
    const src = numbers(snap, name);
    if (src.length === target.length) target.set(src);
  };
  set(l.enabled, 'lpiEnabled');
  set(l.bestIntid, 'lpiBestIntid');
  set(l.bestPriority, 'lpiBestPriority');
  set(l.hppiIntid, 'lpiHppiIntid');
  set(s.pendbaserPtz, 'pendbaserPtz');
  for (const p of l.pending) p.clear();
  for (const packed of numbers(snap, 'lpiPending'))
    l.pending[Math.floor(packed / PACK)]?.add(packed % PACK);
  for (const c of l.cache) c.clear();
  const cache = numbers(snap, 'lpiCache');
  for (let i = 0; i + 1 < cache.length; i += 2) {
    const packed = cache[i] ?? 0;
    l.cache[Math.floor(packed / PACK)]?.set(packed % PACK, cache[i + 1] ?? 0);
  }
  s.memory.clear();
  const memory = numbers(snap, 'memoryPages');
  for (let i = 0; i + MEMORY_PAGE_SIZE < memory.length + 1; i += MEMORY_PAGE_SIZE + 1) {
    s.memory.restorePage(memory[i] ?? 0, memory.slice(i + 1, i + 1 + MEMORY_PAGE_SIZE));
  }
  const its = s.its;
  const v = numbers(snap, 'its');
  if (its !== null && v.length === 7 + 16) {
    its.enabled = v[0] === 1;
    its.cbaserLo = v[1] ?? 0;
    its.cbaserHi = v[2] ?? 0;
    its.cwriter = v[3] ?? 0;
    its.creadr = v[4] ?? 0;
    its.stalled = v[5] === 1;
    its.commandCount = v[6] ?? 0;
    its.baserLo.set(v.slice(7, 15));
    its.baserHi.set(v.slice(15, 23));
  }
}
