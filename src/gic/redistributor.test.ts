import { describe, expect, it } from 'vitest';
import { createGic } from './gic.ts';
import { bootedGic, setUpPrivate, warningsDuring } from './testing/setup.ts';

describe('GICR_TYPER (reference §3.2)', () => {
  it('architecture › affinity in [63:32], Processor_Number, Last on the final PE, DPGS=1', () => {
    const gic = createGic({ peCount: 18, spiCount: 32 });
    expect(gic.readRedistributor(17, 0x8, 8)).toBe(0x0000010100001130n);
    expect(gic.readRedistributor(3, 0x8, 8)).toBe(0x0000000300000320n);
    expect(gic.readRedistributor(17, 0xc, 4)).toBe(0x101n);
  });

  it('qemu › PLPIS=1, CommonLPIAff=1, DPGS=0', () => {
    const gic = createGic({ peCount: 2, spiCount: 32, profile: 'qemu' });
    expect(gic.readRedistributor(0, 0x8, 8)).toBe(0x0000000001000001n);
    expect(gic.readRedistributor(1, 0x8, 8)).toBe(0x0000000101000111n);
  });

  it('custom affinity with Aff3 › GICR_TYPER[63:56] = Aff3', () => {
    const gic = createGic({
      peCount: 1,
      spiCount: 32,
      affinity: [{ aff0: 1, aff1: 2, aff2: 3, aff3: 4 }],
    });
    expect(gic.readRedistributor(0, 0xc, 4)).toBe(0x04030201n);
  });
});

describe('GICR_WAKER protocol (reference §3.2)', () => {
  it('resets to ProcessorSleep|ChildrenAsleep; ChildrenAsleep follows ProcessorSleep', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readRedistributor(0, 0x14, 4)).toBe(6n);
    gic.writeRedistributor(0, 0x14, 0, 4);
    expect(gic.readRedistributor(0, 0x14, 4)).toBe(0n);
    gic.writeRedistributor(0, 0x14, 2, 4);
    expect(gic.redistributor(0)).toMatchObject({ processorSleep: true, childrenAsleep: true });
  });

  it('architecture › a sleeping Redistributor does not forward interrupts to its CPU interface', () => {
    const gic = bootedGic();
    setUpPrivate(gic, 0, 27);
    gic.writeRedistributor(0, 0x14, 2, 4);
    gic.setLevel(27, true, 0);
    expect(gic.cpuInterface(0).hppi).toBeNull();
    expect(gic.outputs(0).irq).toBe(false);
    gic.writeRedistributor(0, 0x14, 0, 4);
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('qemu › no gating on ProcessorSleep', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, profile: 'qemu' });
    gic.writeDistributor(0, 0x3, 4);
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0xff);
    gic.writeSysreg(0, 'ICC_IGRPEN1_EL1', 1);
    setUpPrivate(gic, 0, 27);
    gic.setLevel(27, true, 0);
    expect(gic.redistributor(0).processorSleep).toBe(true);
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('sleeping with interrupts pending › warning', () => {
    const gic = bootedGic();
    setUpPrivate(gic, 0, 27);
    gic.setLevel(27, true, 0);
    expect(warningsDuring(gic, () => gic.writeRedistributor(0, 0x14, 2, 4))).toEqual([
      'sleep-with-pending',
    ]);
  });
});

describe('GICR_CTLR (reference §3.2, §7)', () => {
  it('architecture › DPG0/DPG1NS/DPG1S are read/write', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeRedistributor(0, 0, 0x7000000, 4);
    expect(gic.readRedistributor(0, 0, 4)).toBe(0x7000000n);
    expect(gic.redistributor(0)).toMatchObject({ dpg0: true, dpg1Ns: true, dpg1S: true });
  });

  it('qemu › DPG bits RAZ/WI, EnableLPIs stored, CES reads 1', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, profile: 'qemu' });
    expect(gic.readRedistributor(0, 0, 4)).toBe(2n);
    gic.writeRedistributor(0, 0, 0x7000001, 4);
    expect(gic.readRedistributor(0, 0, 4)).toBe(3n);
  });
});

describe('SGI_base registers (reference §3.3)', () => {
  it('GICR_IPRIORITYR › PPIs whose priority was never written sit at 0 (§12)', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readRedistributor(0, 0x10418, 4)).toBe(0n);
    gic.writeRedistributor(0, 0x10400, 0xc0c0c0c0, 4);
    expect(gic.interrupt(3, 0).priority).toBe(0xc0);
  });

  it('GICR_ISPENDR0 › makes an SGI pending locally', () => {
    const gic = bootedGic();
    setUpPrivate(gic, 2, 7);
    gic.writeRedistributor(2, 0x10200, 1 << 7, 4);
    expect(gic.interrupt(7, 2).pending).toBe(true);
    expect(gic.outputs(2).irq).toBe(true);
  });

  it('GICR_ICFGR1 › PPIs are programmable', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeRedistributor(0, 0x10c04, 2 << 22, 4);
    expect(gic.interrupt(27, 0).trigger).toBe('edge');
  });

  it('registers of one PE do not affect another', () => {
    const gic = createGic({ peCount: 2, spiCount: 32 });
    gic.writeRedistributor(1, 0x10100, 0xffff, 4);
    expect(gic.readRedistributor(0, 0x10100, 4)).toBe(0n);
    expect(gic.readRedistributor(1, 0x10100, 4)).toBe(0xffffn);
  });

  it('a write to GICR_TYPER › warning; an unknown RD_base offset › unimplemented-offset', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(
      warningsDuring(gic, () => {
        gic.writeRedistributor(0, 0x8, 0, 4);
        gic.readRedistributor(0, 0x40, 4);
      }),
    ).toEqual(['write-to-read-only', 'unimplemented-offset']);
  });
});
