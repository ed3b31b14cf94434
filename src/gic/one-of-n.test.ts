import { describe, expect, it } from 'vitest';
import type { GicEvent, OneOfNPolicy } from './api.ts';
import { createGic } from './gic.ts';
import { bootedGic, iar1, setUpSpi, warningsDuring } from './testing/setup.ts';

function recipients(policy: OneOfNPolicy, rounds: number, seed = 7): number[] {
  const gic = bootedGic({ peCount: 4, oneOfN: policy, seed });
  setUpSpi(gic, 40, { target: '1-of-N', trigger: 'edge' });
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    gic.setLevel(40, true);
    gic.setLevel(40, false);
    const pe = gic.interrupt(40).route?.targetPe ?? -1;
    out.push(pe);
    if (pe >= 0) {
      expect(iar1(gic, pe)).toBe(40);
      gic.writeSysreg(pe, 'ICC_EOIR1_EL1', 40);
    }
  }
  return out;
}

describe('1-of-N SPI routing (GICD_IROUTER.IRM=1; reference §7)', () => {
  it('round-robin › offers each new pending instance to the next participating PE', () => {
    expect(recipients('round-robin', 6)).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('lowest › always the lowest-numbered participating PE', () => {
    expect(recipients('lowest', 3)).toEqual([0, 0, 0]);
  });

  it('seeded-random › reproducible from the seed', () => {
    const a = recipients('seeded-random', 8, 42);
    expect(recipients('seeded-random', 8, 42)).toEqual(a);
    expect(a.every((pe) => pe >= 0 && pe < 4)).toBe(true);
  });

  it('unsupported › GICD_TYPER.No1N=1 and IRM is ignored: routes by the affinity fields', () => {
    const gic = bootedGic({ peCount: 4, oneOfN: 'unsupported' });
    expect(gic.readDistributor(4, 4) & (1n << 25n)).toBe(1n << 25n);
    setUpSpi(gic, 40, { target: '1-of-N' });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).route?.targetPe).toBe(0);
  });

  it('a PE that disables the group before acknowledging › the SPI is re-offered to the next PE', () => {
    const gic = bootedGic({ peCount: 4, oneOfN: 'round-robin' });
    setUpSpi(gic, 40, { target: '1-of-N' });
    const routed: GicEvent[] = [];
    gic.subscribe((e) => {
      if (e.kind === 'routed') routed.push(e);
    });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).route?.targetPe).toBe(0);
    gic.writeSysreg(0, 'ICC_IGRPEN1_EL1', 0);
    expect(gic.interrupt(40).route?.targetPe).toBe(1);
    expect(gic.outputs(1).irq).toBe(true);
    expect(routed.at(-1)).toMatchObject({
      mode: '1-of-N',
      policy: 'round-robin',
      pe: 1,
      previousPe: 0,
    });
  });

  it('GICR_CTLR.DPG1NS › excludes the PE from selection', () => {
    const gic = bootedGic({ peCount: 4, oneOfN: 'lowest' });
    gic.writeRedistributor(0, 0x0, 1 << 25, 4);
    setUpSpi(gic, 40, { target: '1-of-N' });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).route?.targetPe).toBe(1);
  });

  it('a sleeping Redistributor (GICR_WAKER.ProcessorSleep=1) does not participate', () => {
    const gic = bootedGic({ peCount: 4, oneOfN: 'lowest' });
    gic.writeRedistributor(0, 0x14, 2, 4);
    setUpSpi(gic, 40, { target: '1-of-N' });
    gic.setLevel(40, true);
    expect(gic.interrupt(40).route?.targetPe).toBe(1);
  });

  it('no participating PE › stays pending and is offered once a PE enables the group', () => {
    const gic = createGic({ peCount: 2, spiCount: 32, oneOfN: 'round-robin' });
    gic.writeDistributor(0, 0x3, 4);
    for (const pe of [0, 1]) {
      gic.writeRedistributor(pe, 0x14, 0, 4);
      gic.writeSysreg(pe, 'ICC_PMR_EL1', 0xff);
    }
    setUpSpi(gic, 40, { target: '1-of-N' });
    expect(warningsDuring(gic, () => gic.setLevel(40, true))).toEqual(['no-participating-pe']);
    expect(gic.interrupt(40).route?.targetPe).toBeNull();
    gic.writeSysreg(1, 'ICC_IGRPEN1_EL1', 1);
    expect(gic.interrupt(40).route?.targetPe).toBe(1);
    expect(iar1(gic, 1)).toBe(40);
  });

  it('only one PE can acknowledge it: active on the acknowledging PE', () => {
    const gic = bootedGic({ peCount: 4, oneOfN: 'round-robin' });
    setUpSpi(gic, 40, { target: '1-of-N' });
    gic.setLevel(40, true);
    expect(iar1(gic, 0)).toBe(40);
    expect(gic.interrupt(40).activeOn).toBe(0);
    expect([1, 2, 3].map((pe) => iar1(gic, pe))).toEqual([1023, 1023, 1023]);
  });
});
