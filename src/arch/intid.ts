/** INTID classes and special INTIDs (IHI 0069 §2.2; reference §1.1). */
export type IntIdClassName = 'SGI' | 'PPI' | 'SPI' | 'special' | 'reserved';

export const SGI_RANGE = { first: 0, last: 15 } as const;
export const PPI_RANGE = { first: 16, last: 31 } as const;
export const SPI_RANGE = { first: 32, last: 1019 } as const;

export const SPECIAL_INTIDS = {
  /** G1 Secure interrupt pending: seen by EL3 on ICC_IAR0/HPPIR0. */
  secureGroup1Pending: 1020,
  /** G1 Non-secure interrupt pending: seen by EL3 on ICC_IAR0/HPPIR0. */
  nonSecureGroup1Pending: 1021,
  /** GICv3.3: ICC_IAR1_EL1 when the HPPI is an NMI and SCTLR_ELx.NMI=1. */
  nmi: 1022,
  /** Spurious: nothing acknowledgeable. */
  spurious: 1023,
} as const;

export function classifyIntId(intid: number): IntIdClassName {
  if (intid >= 0 && intid <= 15) return 'SGI';
  if (intid >= 16 && intid <= 31) return 'PPI';
  if (intid >= 32 && intid <= 1019) return 'SPI';
  if (intid >= 1020 && intid <= 1023) return 'special';
  return 'reserved';
}
