import type { Gic, GicConfig, WarningCode } from '../api.ts';
import { createGic } from '../gic.ts';

/**
 * Test support built only on the public API: a GIC brought up the way a Linux-like driver does
 * (reference §2.2, §3.2, §4.3), and one-line interrupt configuration.
 */
export function bootedGic(config: Partial<GicConfig> = {}): Gic {
  const gic = createGic({ peCount: 4, spiCount: 64, ...config });
  const secure = gic.config.securityExtensions;
  // DS=1: EnableGrp0|EnableGrp1; DS=0 (Secure view): EnableGrp0|EnableGrp1NS|EnableGrp1S.
  gic.writeDistributor(0x0, secure ? 0x7 : 0x3, 4, { secure });
  for (let pe = 0; pe < gic.config.peCount; pe++) {
    gic.writeRedistributor(pe, 0x14, 0, 4);
    gic.writeSysreg(pe, 'ICC_PMR_EL1', 0xff, { secure });
    gic.writeSysreg(pe, 'ICC_IGRPEN1_EL1', 1);
    gic.writeSysreg(pe, 'ICC_IGRPEN0_EL1', 1, { secure });
    if (secure) gic.writeSysreg(pe, 'ICC_IGRPEN1_EL1', 1, { secure: true });
  }
  return gic;
}

export interface InterruptSetup {
  readonly priority?: number;
  /** Default 'G1NS'. */
  readonly group?: 'G0' | 'G1S' | 'G1NS';
  readonly trigger?: 'edge' | 'level';
  /** SPIs: target PE (IRM=0) or '1-of-N'. */
  readonly target?: number | '1-of-N';
  readonly enabled?: boolean;
  readonly nmi?: boolean;
}

/** Configures an SPI through Secure Distributor writes. */
export function setUpSpi(gic: Gic, intid: number, setup: InterruptSetup = {}): void {
  const reg = intid >> 5;
  const bit = 1 << (intid & 31);
  const sec = { secure: true };
  const group = setup.group ?? 'G1NS';
  const igroup = Number(gic.readDistributor(0x80 + 4 * reg, 4, sec));
  gic.writeDistributor(0x80 + 4 * reg, group === 'G1NS' ? igroup | bit : igroup & ~bit, 4, sec);
  if (gic.config.securityExtensions) {
    const mod = Number(gic.readDistributor(0xd00 + 4 * reg, 4, sec));
    gic.writeDistributor(0xd00 + 4 * reg, group === 'G1S' ? mod | bit : mod & ~bit, 4, sec);
  }
  gic.writeDistributor(0x400 + intid, setup.priority ?? 0xa0, 1, sec);
  const cfgReg = 0xc00 + 4 * (intid >> 4);
  const cfg = Number(gic.readDistributor(cfgReg, 4, sec));
  const cfgBit = 2 << (2 * (intid & 15));
  gic.writeDistributor(cfgReg, setup.trigger === 'edge' ? cfg | cfgBit : cfg & ~cfgBit, 4, sec);
  const target = setup.target ?? 0;
  if (target === '1-of-N') {
    gic.writeDistributor(0x6000 + 8 * intid, 0x80000000, 8, sec);
  } else {
    const a = gic.config.affinity[target] ?? { aff0: 0, aff1: 0, aff2: 0, aff3: 0 };
    const lo = (a.aff2 << 16) | (a.aff1 << 8) | a.aff0;
    gic.writeDistributor(0x6000 + 8 * intid, (BigInt(a.aff3) << 32n) | BigInt(lo), 8, sec);
  }
  if (setup.nmi === true) {
    const inmir = Number(gic.readDistributor(0xf80 + 4 * reg, 4, sec));
    gic.writeDistributor(0xf80 + 4 * reg, inmir | bit, 4, sec);
  }
  if (setup.enabled ?? true) gic.writeDistributor(0x100 + 4 * reg, bit, 4, sec);
}

/** Configures an SGI or PPI of one PE through Secure Redistributor writes. */
export function setUpPrivate(
  gic: Gic,
  pe: number,
  intid: number,
  setup: InterruptSetup = {},
): void {
  const bit = 1 << intid;
  const sec = { secure: true };
  const group = setup.group ?? 'G1NS';
  const igroup = Number(gic.readRedistributor(pe, 0x10080, 4, sec));
  gic.writeRedistributor(pe, 0x10080, group === 'G1NS' ? igroup | bit : igroup & ~bit, 4, sec);
  if (gic.config.securityExtensions) {
    const mod = Number(gic.readRedistributor(pe, 0x10d00, 4, sec));
    gic.writeRedistributor(pe, 0x10d00, group === 'G1S' ? mod | bit : mod & ~bit, 4, sec);
  }
  gic.writeRedistributor(pe, 0x10400 + intid, setup.priority ?? 0xa0, 1, sec);
  if (intid >= 16) {
    const cfg = Number(gic.readRedistributor(pe, 0x10c04, 4, sec));
    const cfgBit = 2 << (2 * (intid - 16));
    gic.writeRedistributor(
      pe,
      0x10c04,
      setup.trigger === 'edge' ? cfg | cfgBit : cfg & ~cfgBit,
      4,
      sec,
    );
  }
  if (setup.nmi === true) {
    const inmir = Number(gic.readRedistributor(pe, 0x10f80, 4, sec));
    gic.writeRedistributor(pe, 0x10f80, inmir | bit, 4, sec);
  }
  if (setup.enabled ?? true) gic.writeRedistributor(pe, 0x10100, bit, 4, sec);
}

/** Collects the warning codes emitted while `fn` runs. */
export function warningsDuring(gic: Gic, fn: () => void): WarningCode[] {
  const codes: WarningCode[] = [];
  const off = gic.subscribe((e) => {
    if (e.kind === 'warning') codes.push(e.code);
  });
  try {
    fn();
  } finally {
    off();
  }
  return codes;
}

export function iar1(gic: Gic, pe: number): number {
  return Number(gic.readSysreg(pe, 'ICC_IAR1_EL1'));
}

export function eoir1(gic: Gic, pe: number, intid: number): void {
  gic.writeSysreg(pe, 'ICC_EOIR1_EL1', intid);
}
