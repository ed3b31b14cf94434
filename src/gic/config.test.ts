import { describe, expect, it } from 'vitest';
import type { GicConfig } from './api.ts';
import { createGic } from './gic.ts';

describe('createGic configuration', () => {
  it.each([
    [{ peCount: 0, spiCount: 32 }, /peCount/],
    [{ peCount: 257, spiCount: 32 }, /peCount/],
    [{ peCount: 1, spiCount: 48 }, /spiCount/],
    [{ peCount: 1, spiCount: 992 }, /spiCount/],
    [{ peCount: 1, spiCount: 32, priorityBits: 3 }, /priorityBits/],
    [
      { peCount: 2, spiCount: 32, affinity: [{ aff0: 0, aff1: 0, aff2: 0, aff3: 0 }] },
      /one entry per PE/,
    ],
    [
      {
        peCount: 2,
        spiCount: 32,
        affinity: [
          { aff0: 1, aff1: 0, aff2: 0, aff3: 0 },
          { aff0: 1, aff1: 0, aff2: 0, aff3: 0 },
        ],
      },
      /duplicates/,
    ],
    [{ peCount: 1, spiCount: 32, profile: 'hardware' }, /profile/],
    [{ peCount: 1, spiCount: 32, oneOfN: 'random' }, /oneOfN/],
  ])('invalid %o › throws a clear error', (config, message) => {
    expect(() => createGic(config as GicConfig)).toThrow(message);
  });

  it('defaults: DS=1, 5 priority bits, architecture profile with round-robin 1-of-N, virt affinity', () => {
    const gic = createGic({ peCount: 17, spiCount: 988 });
    expect(gic.config).toMatchObject({
      securityExtensions: false,
      priorityBits: 5,
      preemptionBits: 5,
      nmi: false,
      profile: 'architecture',
      oneOfN: 'round-robin',
      maxSpiIntId: 1019,
    });
    expect(gic.config.affinity[16]).toEqual({ aff0: 0, aff1: 1, aff2: 0, aff3: 0 });
  });

  it('qemu profile defaults to 1-of-N unsupported', () => {
    expect(createGic({ peCount: 1, spiCount: 32, profile: 'qemu' }).config.oneOfN).toBe(
      'unsupported',
    );
  });

  it('8 priority bits give 7 preemption bits', () => {
    expect(createGic({ peCount: 1, spiCount: 32, priorityBits: 8 }).config.preemptionBits).toBe(7);
  });

  it('API misuse (PE out of range) throws; guest misuse never does', () => {
    const gic = createGic({ peCount: 2, spiCount: 32 });
    expect(() => gic.readSysreg(2, 'ICC_PMR_EL1')).toThrow(/PE index 2/);
    expect(() => gic.setLevel(5000, true)).not.toThrow();
  });
});
