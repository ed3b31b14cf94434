import { createGic, type Gic, type GicConfig } from '../../gic/index.ts';
import { mmio } from './catalogue.ts';
import { compose } from './decode.ts';
import type { InspectionInput, PeMasks } from './input.ts';

const at = (name: string, n = 0) => mmio(name, n).offset;

/** Test support on the model's register API: a GIC brought up as a Linux-like guest does. */
export function linuxLikeGic(config: Partial<GicConfig> = {}): Gic {
  const gic = createGic({ peCount: 2, spiCount: 64, ...config });
  const ctlr = mmio('GICD_CTLR');
  gic.writeDistributor(ctlr.offset, Number(compose(ctlr, { ARE: 1, EnableGrp1: 1 })), 4);
  for (let pe = 0; pe < gic.config.peCount; pe++) {
    gic.writeRedistributor(pe, at('GICR_WAKER'), 0, 4); // wake
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
  const igroupr = at('GICD_IGROUPR<n>', reg);
  gic.writeDistributor(igroupr, Number(gic.readDistributor(igroupr, 4)) | bit, 4);
  gic.writeDistributor(at('GICD_IPRIORITYR<n>') + intid, priority, 1);
  const a = gic.config.affinity[pe];
  gic.writeDistributor(at('GICD_IROUTER<n>', intid), (a.aff1 << 8) | a.aff0, 8);
  const inmir = at('GICD_INMIR<n>', reg);
  if (nmi) gic.writeDistributor(inmir, Number(gic.readDistributor(inmir, 4)) | bit, 4);
  if (enable) gic.writeDistributor(at('GICD_ISENABLER<n>', reg), bit, 4);
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
