import { describe, expect, it } from 'vitest';
import type { GicEvent } from './api.ts';
import { bootedGic, iar1, setUpSpi } from './testing/setup.ts';

describe('peeks: looking at a register from outside the machine', () => {
  it('ICC_IAR1_EL1 › a peek names the INTID a read would acknowledge, and acknowledges nothing', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    expect(gic.peekSysreg(0, 'ICC_IAR1_EL1')).toBe(40n);
    expect(gic.interrupt(40).state).toBe('pending');
    expect(gic.cpuInterface(0).runningPriority).toBe(0xff);
    expect(iar1(gic, 0)).toBe(40);
    expect(gic.interrupt(40).state).toBe('active');
  });

  it('ICC_IAR1_EL1 › a peek returns 1023 where a read would, and 1022 for an NMI with SCTLR.NMI set', () => {
    const gic = bootedGic({ nmi: true });
    expect(gic.peekSysreg(0, 'ICC_IAR1_EL1')).toBe(1023n);
    setUpSpi(gic, 41, { nmi: true });
    gic.setPeNmiEnabled(0, true);
    gic.setLevel(41, true);
    expect(gic.peekSysreg(0, 'ICC_IAR1_EL1')).toBe(1022n);
    expect(gic.peekSysreg(0, 'ICC_NMIAR1_EL1')).toBe(41n);
    expect(gic.interrupt(41).state).toBe('pending');
  });

  it('peeks emit no event and no warning, even where a read would warn', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    const seen: GicEvent[] = [];
    gic.subscribe((e) => seen.push(e));
    gic.peekDistributor(0x4, 4);
    gic.peekDistributor(0x10000 - 4, 4); // unimplemented: a read would warn
    gic.peekRedistributor(1, 0x8, 8);
    gic.peekSysreg(0, 'ICC_HPPIR1_EL1');
    gic.peekSysreg(0, 'ICC_EOIR1_EL1'); // write-only: a read would warn
    gic.peekSysreg(0, 'ICC_NO_SUCH_EL1');
    gic.peekSysreg(0, 'ICC_IAR1_EL1');
    expect(seen).toEqual([]);
    gic.readDistributor(0x4, 4);
    expect(seen.map((e) => e.kind)).toEqual(['register-read']);
  });

  it('peeks see the same values as reads', () => {
    const gic = bootedGic();
    setUpSpi(gic, 33, { priority: 0x80 });
    for (const offset of [0x0, 0x4, 0x8, 0x100, 0x420, 0x6108]) {
      const size = offset >= 0x6000 ? 8 : 4;
      expect(gic.peekDistributor(offset, size)).toBe(gic.readDistributor(offset, size));
    }
    for (const offset of [0x0, 0x8, 0x14, 0x10100, 0x10400])
      expect(gic.peekRedistributor(2, offset, offset === 0x8 ? 8 : 4)).toBe(
        gic.readRedistributor(2, offset, offset === 0x8 ? 8 : 4),
      );
    for (const name of ['ICC_PMR_EL1', 'ICC_RPR_EL1', 'ICC_CTLR_EL1', 'ICC_BPR1_EL1'])
      expect(gic.peekSysreg(3, name)).toBe(gic.readSysreg(3, name));
  });
});
