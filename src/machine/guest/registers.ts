/** Register offsets the driver uses (reference §2.1, §3.2, §3.3). */
export const GICD = {
  CTLR: 0x0000,
  TYPER: 0x0004,
  IGROUPR: 0x0080,
  ISENABLER: 0x0100,
  ICENABLER: 0x0180,
  ICACTIVER: 0x0380,
  IPRIORITYR: 0x0400,
  ICFGR: 0x0c00,
  INMIR: 0x0f80,
  IROUTER: 0x6000,
} as const;

const SGI_BASE = 0x10000;

export const GICR = {
  CTLR: 0x0000,
  WAKER: 0x0014,
  IGROUPR0: SGI_BASE + 0x0080,
  ISENABLER0: SGI_BASE + 0x0100,
  ICENABLER0: SGI_BASE + 0x0180,
  ICACTIVER0: SGI_BASE + 0x0380,
  IPRIORITYR: SGI_BASE + 0x0400,
  ICFGR1: SGI_BASE + 0x0c04,
  INMIR0: SGI_BASE + 0x0f80,
} as const;

export const GICD_CTLR_RWP = 0x8000_0000;
/** ARE_NS | EnableGrp1A | EnableGrp1 — what gic_dist_init writes. */
export const GICD_CTLR_LINUX_ENABLE = 0x13;
/** ARE_S | ARE_NS, what EL3 firmware leaves before handing over to a Non-secure kernel. */
export const GICD_CTLR_FIRMWARE = 0x30;
export const GICR_CTLR_RWP = 0x8;
export const GICR_WAKER_PROCESSOR_SLEEP = 0x2;
export const GICR_WAKER_CHILDREN_ASLEEP = 0x4;
export const ICC_SRE_SRE = 0x1;
export const ICC_CTLR_EOIMODE = 0x2;

export function repeatByte(byte: number): number {
  return (byte * 0x01010101) >>> 0;
}
