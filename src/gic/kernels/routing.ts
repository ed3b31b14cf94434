import type { OneOfNPolicy } from '../api.ts';
import { nextRandom } from '../../lib/index.ts';

/** GICD_IROUTER fields (reference §2.4): Aff0 [7:0], Aff1 [15:8], Aff2 [23:16], IRM [31], Aff3 [39:32]. */
export function irouterAffinity(lo: number, hi: number): number {
  return (((hi & 0xff) << 24) | (lo & 0xffffff)) >>> 0;
}

export function irouterIrm(lo: number): boolean {
  return (lo & 0x80000000) !== 0;
}

export interface OneOfNChoice {
  readonly pe: number;
  readonly rng: number;
}

/**
 * Picks a PE for a 1-of-N SPI from a participant bitmap (bit p = PE p participates), per the
 * named policy (reference §7; the choice is IMPLEMENTATION DEFINED). Returns pe −1 if nobody
 * participates. `last` is the previous recipient (round-robin), `rng` the generator state.
 */
export function chooseOneOfN(
  policy: Exclude<OneOfNPolicy, 'unsupported'>,
  participants: Uint32Array,
  peCount: number,
  last: number,
  rng: number,
): OneOfNChoice {
  switch (policy) {
    case 'lowest':
      return { pe: nextSetBit(participants, peCount, 0), rng };
    case 'round-robin': {
      const after = nextSetBit(participants, peCount, last + 1);
      return { pe: after >= 0 ? after : nextSetBit(participants, peCount, 0), rng };
    }
    case 'seeded-random': {
      const count = countBits(participants);
      if (count === 0) return { pe: -1, rng };
      const r = nextRandom(rng);
      let k = Math.floor(r.value * count);
      let pe = nextSetBit(participants, peCount, 0);
      while (k-- > 0) pe = nextSetBit(participants, peCount, pe + 1);
      return { pe, rng: r.state };
    }
  }
}

function nextSetBit(bits: Uint32Array, n: number, from: number): number {
  for (let i = Math.max(from, 0); i < n;) {
    const w = (bits[i >> 5] ?? 0) >>> (i & 31);
    if (w !== 0) {
      const p = i + (31 - Math.clz32(w & -w));
      return p < n ? p : -1;
    }
    i = (i | 31) + 1;
  }
  return -1;
}

function countBits(bits: Uint32Array): number {
  let c = 0;
  for (const w of bits) {
    let v = w;
    while (v !== 0) {
      v &= v - 1;
      c++;
    }
  }
  return c;
}
