import { describe, expect, it } from 'vitest';
import { linuxLikeGic, spi, unmasked } from '../inspect/testing.ts';
import { GATE_ENTRIES, gateViews } from './gates.ts';
import { interruptViews } from './interrupts.ts';

const setup = { enabled: true, nmiPriority: 0x80 };

describe('the gate of each CPU interface', () => {
  it('lists what is pending for each PE with the explainer’s verdict, highest priority first', () => {
    const gic = linuxLikeGic();
    gic.writeSysreg(1, 'ICC_PMR_EL1', 0xc0);
    spi(gic, 40, { priority: 0xc0 });
    spi(gic, 33, { priority: 0x80 });
    spi(gic, 41, { priority: 0xa0, pe: 0 });
    const gates = gateViews(
      gic,
      interruptViews(gic, () => null),
      2,
      [unmasked, unmasked],
      setup,
    );
    expect(gates[1].entries.map((e) => [e.key, e.mark, e.nmiKind])).toEqual([
      ['spi:33', 'can-preempt', 'pseudo'],
      ['spi:40', 'masked-by-pmr', null],
    ]);
    expect(gates[1].entries[1].reason).toBe('priority 0xC0 is not < PMR 0xC0: masked by PMR');
    expect(gates[0].entries.map((e) => e.intid)).toEqual([41]);
  });

  it('leaves out disabled and active interrupts, and counts what it does not explain', () => {
    const gic = linuxLikeGic();
    spi(gic, 50, { enable: false });
    spi(gic, 51);
    expect(Number(gic.readSysreg(1, 'ICC_IAR1_EL1'))).toBe(51);
    for (let i = 0; i < GATE_ENTRIES + 2; i++) spi(gic, 32 + i, { priority: 0xd0 });
    const [, gate] = gateViews(
      gic,
      interruptViews(gic, () => null),
      2,
      [unmasked, unmasked],
      setup,
    );
    expect(gate.entries).toHaveLength(GATE_ENTRIES);
    expect(gate.more).toBe(2);
    expect(gate.entries.some((e) => e.intid === 50 || e.intid === 51)).toBe(false);
  });
});
