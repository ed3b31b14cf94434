import { describe, expect, it } from 'vitest';
import { buildLadder } from './ladder.ts';
import { linuxLikeGic, spi } from './testing.ts';

describe('the priority ladder of a CPU interface (reference §4.3–§4.5)', () => {
  it('marks each pending interrupt: can preempt, waits for the running priority, masked by PMR', () => {
    const gic = linuxLikeGic();
    spi(gic, 42, { priority: 0x90 });
    expect(Number(gic.readSysreg(1, 'ICC_IAR1_EL1'))).toBe(42);
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0xc0);
    spi(gic, 40, { priority: 0xa0 });
    spi(gic, 41, { priority: 0xc0 });
    spi(gic, 43, { priority: 0x60 });
    const ladder = buildLadder(gic, 1);
    expect(ladder.pmr).toBe(0xc0);
    expect(ladder.runningPriority).toBe(0x90);
    expect(ladder.activeLevels).toEqual([0x90]);
    expect(ladder.pending.map((r) => [r.intid, r.mark])).toEqual([
      [43, 'can-preempt'],
      [40, 'waits-for-running-priority'],
      [41, 'masked-by-pmr'],
    ]);
    expect(ladder.pending[2].reason).toBe('0xC0 is not < PMR 0xC0: masked by PMR');
    expect(ladder.pending[1].reason).toContain(
      'group priority 0xA0 is not < running priority 0x90',
    );
  });

  it('only shows interrupts routed to this PE', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { pe: 0 });
    expect(buildLadder(gic, 1).pending).toEqual([]);
    expect(buildLadder(gic, 0).pending.map((r) => r.intid)).toEqual([40]);
  });

  it('the binary point sets the Group 1 group-priority mask', () => {
    const gic = linuxLikeGic();
    gic.writeSysreg(1, 'ICC_BPR1_EL1', 4);
    expect(buildLadder(gic, 1).groupMask).toBe(0xf0);
  });

  it('a GICv3.3 NMI is marked nmi at superpriority 0x00 and ignores PMR', () => {
    const gic = linuxLikeGic({ nmi: true });
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0);
    spi(gic, 40, { nmi: true, priority: 0xa0 });
    const [rung] = buildLadder(gic, 1).pending;
    expect(rung).toMatchObject({ intid: 40, priority: 0, mark: 'nmi' });
    expect(rung.reason).toContain('ignores PMR 0x00');
  });

  it('an active NMI shows as nmiActive with RPR.NMI', () => {
    const gic = linuxLikeGic({ nmi: true });
    gic.setPeNmiEnabled(1, true);
    spi(gic, 40, { nmi: true });
    expect(Number(gic.readSysreg(1, 'ICC_NMIAR1_EL1'))).toBe(40);
    const ladder = buildLadder(gic, 1);
    expect(ladder.nmiActive).toBe(true);
    expect(ladder.runningNmi).toBe(true);
  });
});
