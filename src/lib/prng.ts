/**
 * Seeded pseudo-random generator (mulberry32): the core's only source of randomness, so runs are
 * reproducible from the seed. Its whole state is one 32-bit number, which snapshots carry.
 */
export function nextRandom(state: number): { readonly value: number; readonly state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}
