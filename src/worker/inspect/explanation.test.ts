import { describe, expect, it } from 'vitest';
import type { Gic } from '../../gic/index.ts';
import { explain } from './explanation.ts';
import type { PeMasks } from './input.ts';
import { linuxLikeGic, spi, unmasked } from './testing.ts';

const noPseudo = { enabled: false, nmiPriority: null };

function firstBlocked(
  gic: Gic,
  intid: number,
  pe = 1,
  masks: readonly PeMasks[] = [unmasked, unmasked],
) {
  const explanation = explain(gic, intid, pe, masks, noPseudo);
  const step = explanation.steps.find((s) => s.verdict === 'blocked');
  return { explanation, step };
}

describe('why is it not delivered? (the gating chain, reference §4.5)', () => {
  it('a correctly configured pending SPI › would be taken now, every step passes', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    const { explanation, step } = firstBlocked(gic, 40);
    expect(step).toBeUndefined();
    expect(explanation.summary).toBe('SPI 40 would be taken now on PE 1');
    expect(explanation.pe).toBe(1);
  });

  it('a disabled SPI › blocked at GICD_ISENABLER with the bit to set', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { enable: false });
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Enabled (GICD_ISENABLER1 bit 8)');
    expect(step?.fix).toBe('write 1 to GICD_ISENABLER1 bit 8');
  });

  it('a Group 0 interrupt with only Group 1 enabled › blocked at GICD_CTLR.EnableGrp0', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    gic.writeDistributor(0x84, 0, 4); // GICD_IGROUPR1: everything Group 0
    const { step, explanation } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Group 0 enabled in GICD_CTLR (EnableGrp0)');
    expect(step?.fix).toContain('set GICD_CTLR.EnableGrp0 (bit 0)');
    expect(step?.fix).toContain('GICD_IGROUPR1 bit 8');
    expect(explanation.summary).toContain('Group 0');
  });

  it('GICD_IROUTER naming no PE › blocked at routing, the fix names a real affinity', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    gic.writeDistributor(0x6000 + 8 * 40, 7, 8);
    const { step, explanation } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Routed to an existing PE (GICD_IROUTER40)');
    expect(step?.detail).toContain('affinity 0.0.0.7: no PE has it');
    expect(step?.fix).toContain('to GICD_IROUTER40 (PE 1');
    expect(explanation.pe).toBeNull();
  });

  it('a sleeping Redistributor (architecture profile) › blocked at GICR_WAKER.ProcessorSleep', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    gic.writeRedistributor(1, 0x14, 2, 4);
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Redistributor 1 awake (GICR_WAKER)');
    expect(step?.fix).toContain('GICR_WAKER');
  });

  it('a sleeping Redistributor under the qemu profile › passes: QEMU does not gate on WAKER', () => {
    const gic = linuxLikeGic({ profile: 'qemu' });
    spi(gic, 40);
    gic.writeRedistributor(1, 0x14, 2, 4);
    const { explanation } = firstBlocked(gic, 40);
    const waker = explanation.steps.find((s) => s.check.includes('GICR_WAKER'));
    expect(waker?.verdict).toBe('passed');
    expect(waker?.detail).toContain('QEMU does not gate');
  });

  it('ICC_IGRPEN1_EL1 = 0 › blocked at the CPU interface group enable', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    gic.writeSysreg(1, 'ICC_IGRPEN1_EL1', 0);
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Group 1 enabled at CPU interface 1 (ICC_IGRPEN1_EL1)');
  });

  it('PMR left at 0 › masked by PMR with both numbers', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0);
    const { step, explanation } = firstBlocked(gic, 40);
    expect(step?.detail).toBe('priority 0xA0 is not < PMR 0x00: masked by PMR');
    expect(step?.fix).toContain('PMR 0x00 masks every interrupt');
    expect(explanation.summary).toBe(
      'SPI 40 is masked by PMR on PE 1 (priority 0xA0 is not < PMR 0x00)',
    );
  });

  it('a running handler of the same group priority › waits for the running priority', () => {
    const gic = linuxLikeGic();
    spi(gic, 41, { priority: 0x80 });
    expect(Number(gic.readSysreg(1, 'ICC_IAR1_EL1'))).toBe(41);
    spi(gic, 40, { priority: 0x80 });
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Group priority above the running priority (ICC_RPR_EL1)');
    expect(step?.detail).toContain('group priority 0x80 is not < running priority 0x80');
  });

  it('PSTATE.I set on the target PE › blocked at the PE masks', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    const { step } = firstBlocked(gic, 40, 1, [unmasked, { i: true, f: false, allint: false }]);
    expect(step?.check).toBe('PE 1 takes the IRQ (PSTATE.I)');
  });

  it('an active SPI › blocked as already active, with the deactivation to write', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    expect(Number(gic.readSysreg(1, 'ICC_IAR1_EL1'))).toBe(40);
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Not already active');
    expect(step?.fix).toContain('ICC_EOIR1_EL1 with INTID 40');
  });

  it('nothing raised it › blocked at pending, after every configuration step passed', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { raise: false });
    const { step } = firstBlocked(gic, 40);
    expect(step?.check).toBe('Pending');
    expect(step?.fix).toContain('GICD_ISPENDR1 bit 8');
  });

  it('an SPI behind a higher-priority one › waits behind the HPPI', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { priority: 0xa0 });
    spi(gic, 41, { priority: 0x80 });
    const { explanation } = firstBlocked(gic, 40);
    expect(explanation.summary).toBe('SPI 40 waits behind INTID 41 on PE 1');
  });

  it('an INTID beyond GICD_TYPER.ITLinesNumber › not implemented', () => {
    const gic = linuxLikeGic();
    expect(explain(gic, 200, 0, [], noPseudo).summary).toContain('not implemented');
  });
});

describe('NMIs in the chain (reference §5, §6)', () => {
  it('a GICv3.3 NMI › passes PMR 0 by superpriority', () => {
    const gic = linuxLikeGic({ nmi: true });
    spi(gic, 40, { nmi: true });
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0);
    const { explanation } = firstBlocked(gic, 40);
    const pmr = explanation.steps.find((s) => s.check.includes('ICC_PMR_EL1'));
    expect(pmr?.verdict).toBe('passed');
    expect(pmr?.detail).toContain('superpriority ignores PMR 0x00');
  });

  it('a GICv3.3 NMI with SCTLR_EL1.NMI=1 › PSTATE.I does not mask it, ALLINT does', () => {
    const gic = linuxLikeGic({ nmi: true });
    spi(gic, 40, { nmi: true });
    gic.setPeNmiEnabled(1, true);
    const masked = { i: true, f: true, allint: false };
    expect(firstBlocked(gic, 40, 1, [unmasked, masked]).step).toBeUndefined();
    const all = { i: true, f: true, allint: true };
    expect(firstBlocked(gic, 40, 1, [unmasked, all]).step?.detail).toContain('PSTATE.ALLINT=1');
  });

  it('a GICv3.3 NMI with SCTLR_EL1.NMI=0 › an ordinary IRQ to the PE, masked by PSTATE.I', () => {
    const gic = linuxLikeGic({ nmi: true });
    spi(gic, 40, { nmi: true });
    const { step } = firstBlocked(gic, 40, 1, [unmasked, { i: true, f: false, allint: false }]);
    expect(step?.detail).toContain('SCTLR_EL1.NMI=0');
  });

  it('a second NMI while one runs › NMIs do not nest', () => {
    const gic = linuxLikeGic({ nmi: true });
    spi(gic, 41, { nmi: true });
    gic.setPeNmiEnabled(1, true);
    expect(Number(gic.readSysreg(1, 'ICC_NMIAR1_EL1'))).toBe(41);
    spi(gic, 40, { nmi: true });
    const { step } = firstBlocked(gic, 40);
    expect(step?.detail).toContain('NMIs do not nest');
  });

  it('a pseudo-NMI under local_irq_disable() › passes PMR = IRQOFF', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { priority: 0x80 });
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0xc0);
    const pseudo = { enabled: true, nmiPriority: 0x80, irqOffPmr: 0xc0 };
    const e = explain(gic, 40, 1, [unmasked, unmasked], pseudo);
    const pmr = e.steps.find((s) => s.check.includes('ICC_PMR_EL1'));
    expect(pmr?.detail).toBe('priority 0x80 < PMR 0xC0: a pseudo-NMI passes the IRQ mask');
  });

  it('an ordinary IRQ under local_irq_disable() › masked by PMR = IRQOFF', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { priority: 0xc0 });
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0xc0);
    const pseudo = { enabled: true, nmiPriority: 0x80, irqOffPmr: 0xc0 };
    const e = explain(gic, 40, 1, [unmasked, unmasked], pseudo);
    expect(e.steps.find((s) => s.verdict === 'blocked')?.detail).toContain('GIC_PRIO_IRQOFF');
  });
});

describe('banked interrupts', () => {
  it('a Group 0 PPI on a Linux-like guest › blocked at GICD_CTLR.EnableGrp0 of its own PE', () => {
    const gic = linuxLikeGic();
    gic.writeRedistributor(1, 0x10400 + 27, 0xa0, 1);
    gic.writeRedistributor(1, 0x10100, 1 << 27, 4);
    gic.setLevel(27, true, 1);
    const { step, explanation } = firstBlocked(gic, 27);
    expect(explanation.pe).toBe(1);
    expect(step?.check).toBe('Group 0 enabled in GICD_CTLR (EnableGrp0)');
    expect(step?.fix).toContain('GICR_IGROUPR0 bit 27');
  });
});
