import { describe, expect, it } from 'vitest';
import type { GicEvent } from './api.ts';
import { bootedGic, setUpPrivate, warningsDuring } from './testing/setup.ts';

function sgi1r(intid: number, targetList: number, aff1 = 0, irm = false): bigint {
  return (BigInt(irm ? 1 : 0) << 40n) | BigInt((intid << 24) | (aff1 << 16) | targetList);
}

describe('ICC_SGI1R_EL1 (reference §4.7)', () => {
  it('target list › makes the SGI pending on each listed PE of the Aff1 cluster', () => {
    const gic = bootedGic({ peCount: 20 });
    for (const pe of [1, 2, 3, 17]) setUpPrivate(gic, pe, 1);
    gic.writeSysreg(0, 'ICC_SGI1R_EL1', sgi1r(1, 0b1110));
    expect([0, 1, 2, 3, 17].map((pe) => gic.interrupt(1, pe).pending)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    gic.writeSysreg(0, 'ICC_SGI1R_EL1', sgi1r(1, 0b10, 1));
    expect(gic.interrupt(1, 17).pending).toBe(true);
  });

  it('IRM=1 › broadcasts to every PE except the sender', () => {
    const gic = bootedGic({ peCount: 4 });
    for (let pe = 0; pe < 4; pe++) setUpPrivate(gic, pe, 3);
    const events: GicEvent[] = [];
    gic.subscribe((e) => events.push(e));
    gic.writeSysreg(2, 'ICC_SGI1R_EL1', sgi1r(3, 0, 0, true));
    expect([0, 1, 2, 3].map((pe) => gic.interrupt(3, pe).pending)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(events.find((e) => e.kind === 'sgi-generated')).toMatchObject({
      pe: 2,
      intid: 3,
      irm: true,
      targets: [0, 1, 3],
    });
  });

  it('a target list naming no PE › warning', () => {
    const gic = bootedGic({ peCount: 2 });
    expect(
      warningsDuring(gic, () => gic.writeSysreg(0, 'ICC_SGI1R_EL1', sgi1r(1, 0b1000))),
    ).toEqual(['sgi-no-target']);
  });

  it('an SGI configured as Group 0 is not made pending by SGI1R (group mismatch)', () => {
    const gic = bootedGic({ peCount: 2 });
    setUpPrivate(gic, 1, 4, { group: 'G0' });
    expect(warningsDuring(gic, () => gic.writeSysreg(0, 'ICC_SGI1R_EL1', sgi1r(4, 0b10)))).toEqual([
      'sgi-group-mismatch',
    ]);
    expect(gic.interrupt(4, 1).pending).toBe(false);
    gic.writeSysreg(0, 'ICC_SGI0R_EL1', sgi1r(4, 0b10));
    expect(gic.interrupt(4, 1).pending).toBe(true);
  });

  it('DS=0 › a Non-secure SGI0R to a Secure SGI needs GICR_NSACR ≥ 1', () => {
    const gic = bootedGic({ peCount: 2, securityExtensions: true });
    setUpPrivate(gic, 1, 4, { group: 'G0' });
    gic.writeSysreg(0, 'ICC_SGI0R_EL1', sgi1r(4, 0b10));
    expect(gic.interrupt(4, 1).pending).toBe(false);
    gic.writeRedistributor(1, 0x10e00, 1 << 8, 4, { secure: true });
    gic.writeSysreg(0, 'ICC_SGI0R_EL1', sgi1r(4, 0b10));
    expect(gic.interrupt(4, 1).pending).toBe(true);
  });

  it('ICC_SGI1R_EL1 is write-only › reads as zero with a warning', () => {
    const gic = bootedGic();
    expect(warningsDuring(gic, () => gic.readSysreg(0, 'ICC_SGI1R_EL1'))).toEqual([
      'read-of-write-only',
    ]);
  });

  it('SGIs are always edge-triggered: GICR_ICFGR0 reads 0xaaaaaaaa and ignores writes', () => {
    const gic = bootedGic();
    expect(warningsDuring(gic, () => gic.writeRedistributor(0, 0x10c00, 0, 4))).toEqual([
      'write-to-read-only',
    ]);
    expect(gic.readRedistributor(0, 0x10c00, 4)).toBe(0xaaaaaaaan);
  });
});
