import { describe, expect, it } from 'vitest';
import { buildLadder } from './ladder.ts';
import { explain } from './explanation.ts';
import { mmio } from './catalogue.ts';
import { linuxLikeGic, spi, unmasked } from './testing.ts';

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
    expect(ladder.pending[2].reason).toBe('priority 0xC0 is not < PMR 0xC0: masked by PMR');
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

  it('agrees with the explainer: a Group 0 SPI with ICC_IGRPEN0_EL1 = 0 is blocked, not "can be taken"', () => {
    const gic = linuxLikeGic();
    // GICD_CTLR.EnableGrp0 on, so the first gate that stops it is the CPU interface's group enable
    gic.writeDistributor(mmio('GICD_CTLR').offset, 0x13, 4);
    spi(gic, 44, { priority: 0x60 });
    const g0 = mmio('GICD_IGROUPR<n>', 1).offset;
    gic.writeDistributor(g0, Number(gic.readDistributor(g0, 4)) & ~(1 << 12), 4);
    const masks = [unmasked, unmasked];
    const setup = { enabled: false, nmiPriority: null };
    const [rung] = buildLadder(gic, 1, masks, setup).pending;
    const first = explain(gic, 44, 1, masks, setup).steps.find((s) => s.verdict === 'blocked');
    expect(first?.check).toContain('ICC_IGRPEN0_EL1');
    expect(rung).toMatchObject({ intid: 44, mark: 'blocked', reason: first?.detail });
  });

  it('PSTATE.I on the PE masks an interrupt the CPU interface would pass', () => {
    const gic = linuxLikeGic();
    spi(gic, 42, { priority: 0x60 });
    const masked = [unmasked, { i: true, f: false, allint: false }];
    const [rung] = buildLadder(gic, 1, masked).pending;
    expect(rung.mark).toBe('masked-by-pe');
    expect(buildLadder(gic, 1, [unmasked, unmasked]).pending[0].mark).toBe('can-preempt');
  });

  it('a pending interrupt behind a higher priority one waits its turn', () => {
    const gic = linuxLikeGic();
    spi(gic, 42, { priority: 0x60 });
    spi(gic, 43, { priority: 0x70 });
    const marks = buildLadder(gic, 1, [unmasked, unmasked]).pending.map((r) => [r.intid, r.mark]);
    expect(marks).toEqual([
      [42, 'can-preempt'],
      [43, 'behind-hppi'],
    ]);
  });

  it('names a pseudo-NMI by its priority', () => {
    const gic = linuxLikeGic();
    spi(gic, 33, { priority: 0x80 });
    const [rung] = buildLadder(gic, 1, [unmasked, unmasked], {
      enabled: true,
      nmiPriority: 0x80,
    }).pending;
    expect(rung).toMatchObject({ nmiKind: 'pseudo', mark: 'can-preempt' });
  });
});
