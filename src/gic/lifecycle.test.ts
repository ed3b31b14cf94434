import { describe, expect, it } from 'vitest';
import { bootedGic, eoir1, iar1, setUpPrivate, setUpSpi } from './testing/setup.ts';

describe('interrupt state machine (IHI 0069 §4.1; reference §1.3)', () => {
  it('edge-triggered SPI › rising edge latches pending, lowering the line keeps it pending', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    gic.setLevel(40, false);
    expect(gic.interrupt(40).state).toBe('pending');
    expect(gic.interrupt(40).latch).toBe(true);
  });

  it('level-sensitive SPI › pending only while the line is high', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'level' });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).state).toBe('pending');
    expect(gic.interrupt(40).latch).toBe(false);
    gic.setLevel(40, false);
    expect(gic.interrupt(40).state).toBe('inactive');
  });

  it('level-sensitive SPI › acknowledged with the line high becomes active+pending, then active when it drops', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'level' });
    gic.setLevel(40, true);
    expect(iar1(gic, 0)).toBe(40);
    expect(gic.interrupt(40).state).toBe('active-pending');
    gic.setLevel(40, false);
    expect(gic.interrupt(40).state).toBe('active');
  });

  it('edge-triggered SPI › a second edge while active gives active+pending; deactivation leaves it pending', () => {
    const gic = bootedGic();
    setUpSpi(gic, 41, { trigger: 'edge' });
    gic.setLevel(41, true);
    gic.setLevel(41, false);
    expect(iar1(gic, 0)).toBe(41);
    gic.setLevel(41, true);
    expect(gic.interrupt(41).state).toBe('active-pending');
    eoir1(gic, 0, 41);
    expect(gic.interrupt(41).state).toBe('pending');
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('GICD_ISPENDR › latches a level-sensitive SPI that stays pending with its line low', () => {
    const gic = bootedGic();
    setUpSpi(gic, 42);
    gic.writeDistributor(0x204, 1 << 10, 4);
    expect(gic.interrupt(42).state).toBe('pending');
    expect(gic.readDistributor(0x204, 4)).toBe(BigInt(1 << 10));
  });

  it('GICD_ICPENDR › clears the latch only: a high level-sensitive line stays pending', () => {
    const gic = bootedGic();
    setUpSpi(gic, 42);
    gic.setLevel(42, true);
    gic.writeDistributor(0x204, 1 << 10, 4);
    gic.writeDistributor(0x284, 1 << 10, 4);
    expect(gic.interrupt(42).pending).toBe(true);
    expect(gic.interrupt(42).latch).toBe(false);
  });

  it('active+pending interrupts are not re-signalled until deactivated', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'level' });
    gic.setLevel(40, true);
    iar1(gic, 0);
    gic.writeSysreg(0, 'ICC_EOIR1_EL1', 40); // EOImode 0: drop + deactivate
    expect(gic.outputs(0).irq).toBe(true);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(40);
  });

  it('GICD_ICACTIVER › deactivates without a priority drop (kvm-unit-tests active test, §12)', () => {
    const gic = bootedGic();
    setUpPrivate(gic, 0, 5);
    gic.writeSysreg(0, 'ICC_SGI1R_EL1', (5 << 24) | 1);
    expect(iar1(gic, 0)).toBe(5);
    gic.writeRedistributor(0, 0x10380, 1 << 5, 4);
    expect(gic.interrupt(5, 0).active).toBe(false);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xa0);
  });

  it('PPI input lines are per PE', () => {
    const gic = bootedGic();
    setUpPrivate(gic, 1, 27);
    gic.setLevel(27, true, 1);
    expect(gic.interrupt(27, 1).pending).toBe(true);
    expect(gic.interrupt(27, 0).pending).toBe(false);
    expect(gic.outputs(1).irq).toBe(true);
    expect(iar1(gic, 1)).toBe(27);
  });

  it('a disabled interrupt stays pending but is not forwarded', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { enabled: false });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).pending).toBe(true);
    expect(gic.cpuInterface(0).hppi).toBeNull();
    gic.writeDistributor(0x104, 1 << 8, 4);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(40);
  });

  it('a group disabled in GICD_CTLR is not forwarded', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    gic.writeDistributor(0x0, 0x1, 4); // only EnableGrp0
    expect(gic.cpuInterface(0).hppi).toBeNull();
    expect(gic.outputs(0).irq).toBe(false);
  });
});
