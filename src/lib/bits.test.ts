import { describe, expect, it } from 'vitest';
import { bitField, joinU64, lowestSetBit, splitU64, withBitField } from './bits.ts';
import { nextRandom } from './prng.ts';

describe('bit helpers', () => {
  it('bitField / withBitField round-trip', () => {
    expect(bitField(0x8c00, 10, 8)).toBe(4);
    expect(withBitField(0, 10, 8, 4)).toBe(0x400);
    expect(bitField(0xffffffff, 31, 0)).toBe(0xffffffff);
  });
  it('splitU64 / joinU64 round-trip, negative values wrap', () => {
    expect(joinU64(splitU64(0x123456789abcdef0n).lo, splitU64(0x123456789abcdef0n).hi)).toBe(
      0x123456789abcdef0n,
    );
    expect(splitU64(-1n)).toEqual({ lo: 0xffffffff, hi: 0xffffffff });
  });
  it('lowestSetBit', () => {
    expect(lowestSetBit(0x80000000)).toBe(31);
    expect(lowestSetBit(0x6)).toBe(1);
  });
});

describe('seeded generator', () => {
  it('is deterministic from the seed and stays in [0, 1)', () => {
    const a = nextRandom(42);
    expect(nextRandom(42)).toEqual(a);
    expect(a.value).toBeGreaterThanOrEqual(0);
    expect(a.value).toBeLessThan(1);
    expect(nextRandom(a.state).value).not.toBe(a.value);
  });
});
