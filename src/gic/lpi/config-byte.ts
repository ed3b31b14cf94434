/**
 * One entry of the LPI configuration table (IHI 0069 §5.1.1): Priority [7:2], bit 1 RES1 (Linux's
 * GROUP1), Enable [0]. LPIs are always Non-secure Group 1, so with two security states their
 * priority is seen through the Non-secure view, like a Non-secure write to GICR_IPRIORITYR
 * (reference §3.4; QEMU update_for_one_lpi).
 */

export const LPI_ENABLE = 1 << 0;
const PRIORITY_MASK = 0xfc;

export function lpiConfigEnabled(byte: number): boolean {
  return (byte & LPI_ENABLE) !== 0;
}

/** The priority the CPU interface sees; `ds` is GICD_CTLR.DS. */
export function lpiConfigPriority(byte: number, ds: boolean): number {
  const p = byte & PRIORITY_MASK;
  return ds ? p : (p >> 1) | 0x80;
}

/** The first LPI INTID (IHI 0069 §2.2.1). */
export const LPI_BASE = 8192;
