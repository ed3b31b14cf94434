import { describe, expect, it } from 'vitest';
import { chooseOneOfN, irouterAffinity, irouterIrm } from './routing.ts';

const bits = (...pes: number[]): Uint32Array => {
  const a = new Uint32Array(8);
  for (const pe of pes) a[pe >> 5] = (a[pe >> 5] ?? 0) | (1 << (pe & 31));
  return a;
};

describe('GICD_IROUTER fields', () => {
  it('affinity packs Aff3 from bits [39:32]; IRM is bit 31', () => {
    expect(irouterAffinity(0x80030201, 0x04)).toBe(0x04030201);
    expect(irouterIrm(0x80000000)).toBe(true);
    expect(irouterIrm(0x7fffffff)).toBe(false);
  });
});

describe('1-of-N policies (reference §7)', () => {
  it('round-robin › the next participant after the last recipient, wrapping', () => {
    expect(chooseOneOfN('round-robin', bits(1, 3, 40), 64, 1, 0).pe).toBe(3);
    expect(chooseOneOfN('round-robin', bits(1, 3, 40), 64, 40, 0).pe).toBe(1);
  });

  it('lowest › the lowest-numbered participant', () => {
    expect(chooseOneOfN('lowest', bits(5, 2), 8, 0, 0).pe).toBe(2);
  });

  it('seeded-random › a participant, and the generator state advances', () => {
    const r = chooseOneOfN('seeded-random', bits(1, 3, 40), 64, 0, 99);
    expect([1, 3, 40]).toContain(r.pe);
    expect(r.rng).not.toBe(99);
  });

  it('nobody participates › −1', () => {
    for (const policy of ['round-robin', 'lowest', 'seeded-random'] as const) {
      expect(chooseOneOfN(policy, bits(), 4, 0, 1).pe).toBe(-1);
    }
  });
});
