import { createGic, type Gic, type GicConfig } from '../../gic/index.ts';
import type { InspectionInput, PeMasks } from './input.ts';

/** Test support on the model's register API: a GIC brought up as a Linux-like guest does. */
export function linuxLikeGic(config: Partial<GicConfig> = {}): Gic {
  const gic = createGic({ peCount: 2, spiCount: 64, ...config });
  gic.writeDistributor(0x0, 0x12, 4); // ARE | EnableGrp1 (DS=1)
  for (let pe = 0; pe < gic.config.peCount; pe++) {
    gic.writeRedistributor(pe, 0x14, 0, 4); // GICR_WAKER: wake
    gic.writeSysreg(pe, 'ICC_PMR_EL1', 0xf0);
    gic.writeSysreg(pe, 'ICC_BPR1_EL1', 0);
    gic.writeSysreg(pe, 'ICC_IGRPEN1_EL1', 1);
  }
  return gic;
}

/** A Group 1, level-sensitive SPI routed to `pe`, enabled, its line raised unless `raise` is false. */
export function spi(
  gic: Gic,
  intid: number,
  { priority = 0xa0, pe = 1, raise = true, enable = true, nmi = false } = {},
): void {
  const reg = intid >> 5;
  const bit = 1 << (intid & 31);
  const igroup = Number(gic.readDistributor(0x80 + 4 * reg, 4));
  gic.writeDistributor(0x80 + 4 * reg, igroup | bit, 4);
  gic.writeDistributor(0x400 + intid, priority, 1);
  const a = gic.config.affinity[pe];
  gic.writeDistributor(0x6000 + 8 * intid, (a.aff1 << 8) | a.aff0, 8);
  if (nmi)
    gic.writeDistributor(0xf80 + 4 * reg, Number(gic.readDistributor(0xf80 + 4 * reg, 4)) | bit, 4);
  if (enable) gic.writeDistributor(0x100 + 4 * reg, bit, 4);
  if (raise) gic.setLevel(intid, true);
}

export const unmasked: PeMasks = { i: false, f: false, allint: false };

export function inputFor(
  gic: Gic,
  pe: number,
  intid: number | null,
  masks: readonly PeMasks[] = [unmasked, unmasked],
): InspectionInput {
  return {
    gic,
    pe,
    intid,
    masks,
    pseudoNmi: { enabled: false, nmiPriority: null },
    recentWarnings: [],
  };
}
