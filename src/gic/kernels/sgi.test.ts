import { describe, expect, it } from 'vitest';
import { decodeSgiRegister, sgiListTargets } from './sgi.ts';

describe('ICC_SGI1R_EL1 decoding (reference §4.7)', () => {
  it('target list, Aff1, INTID, Aff2, RS, Aff3', () => {
    const lo = (6 << 24) | (0x12 << 16) | 0x000e;
    const hi = (0x56 << 16) | (0x3 << 12) | 0x34;
    expect(decodeSgiRegister(lo, hi)).toEqual({
      intid: 6,
      target: { kind: 'list', clusterAffinity: 0x56341200, rangeSelector: 3, targetList: 0xe },
    });
  });

  it('IRM=1 › all but self', () => {
    expect(decodeSgiRegister(1 << 24, 1 << 8)).toEqual({
      intid: 1,
      target: { kind: 'all-but-self' },
    });
  });

  it('targets: each set bit n names Aff0 = RS·16 + n in the cluster; unknown affinities are skipped', () => {
    const known = new Map([
      [0x00000101, 17],
      [0x00000102, 18],
    ]);
    const targets = sgiListTargets(
      { kind: 'list', clusterAffinity: 0x100, rangeSelector: 0, targetList: 0b1110 },
      (a) => known.get(a),
    );
    expect(targets).toEqual([17, 18]);
  });
});
