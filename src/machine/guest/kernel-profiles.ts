/**
 * Linux arm64 pseudo-NMI values per kernel version (reference §5.3, §5.4). "Written" values are
 * what the driver writes into GICD/GICR_IPRIORITYR; PMR values are what it writes to
 * ICC_PMR_EL1; `rprNmi` is the ICC_RPR_EL1 value the entry path compares against after IAR.
 */
export const KERNEL_VERSIONS = ['5.1', '5.2', '5.3-5.11', '5.12-6.10', '6.11+'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/** What the driver finds at boot: GICD_CTLR.DS and whether Group 0 is NS-accessible (SCR_EL3.FIQ=0). */
export type SecuritySetup = 'ds1' | 'ds0-fiq1' | 'ds0-fiq0';

export interface PseudoNmiValues {
  readonly kernel: KernelVersion;
  readonly security: SecuritySetup;
  readonly pmrIrqOn: number;
  readonly pmrIrqOff: number;
  /** GIC_PRIO_PSR_I_SET, OR-ed into PMR on exception entry; 0 where the kernel had none (5.1). */
  readonly psrISet: number;
  readonly irqPriority: number;
  readonly nmiPriority: number;
  readonly rprNmi: number;
  /** False where this kernel refuses pseudo-NMIs for this security setup. */
  readonly supported: boolean;
  /** Why unsupported, in the kernel's terms. */
  readonly note: string | null;
}

/** PMR value Linux programs once when it masks with PSTATE.I instead (DEFAULT_PMR_VALUE). */
export const DEFAULT_PMR_VALUE = 0xf0;
/** GICD_INT_DEF_PRI before 6.11. */
const DEF_PRI_5X = 0xa0;
const NMI_PRI_5X = 0x20;

export function pseudoNmiValues(kernel: KernelVersion, security: SecuritySetup): PseudoNmiValues {
  const base = { kernel, security, note: null };
  switch (kernel) {
    case '5.1':
      return old(base, 0xf0, 0x70, 0);
    case '5.2':
      return old(base, 0xc0, 0x40, 0x10);
    case '5.3-5.11':
      return old(base, 0xe0, 0x60, 0x10);
    case '5.12-6.10':
      // gic_nonsecure_priorities: PMR unshifted but distributor NS-shifted (reference §5.3).
      return security === 'ds0-fiq0'
        ? {
            ...base,
            pmrIrqOn: 0xe0,
            pmrIrqOff: 0xa0,
            psrISet: 0x10,
            irqPriority: DEF_PRI_5X,
            nmiPriority: NMI_PRI_5X,
            rprNmi: 0x90,
            supported: true,
          }
        : {
            ...base,
            pmrIrqOn: 0xe0,
            pmrIrqOff: 0x60,
            psrISet: 0x10,
            irqPriority: DEF_PRI_5X,
            nmiPriority: NMI_PRI_5X,
            rprNmi: 0x20,
            supported: true,
          };
    case '6.11+':
      // Boot-time selection: pre-compensated distributor values when only the PMR is unshifted.
      return security === 'ds0-fiq0'
        ? {
            ...base,
            pmrIrqOn: 0xe0,
            pmrIrqOff: 0xc0,
            psrISet: 0x10,
            irqPriority: 0x80,
            nmiPriority: 0x00,
            rprNmi: 0x80,
            supported: true,
          }
        : {
            ...base,
            pmrIrqOn: 0xe0,
            pmrIrqOff: 0xc0,
            psrISet: 0x10,
            irqPriority: 0xc0,
            nmiPriority: 0x80,
            rprNmi: 0x80,
            supported: true,
          };
  }
}

function old(
  base: { kernel: KernelVersion; security: SecuritySetup; note: null },
  pmrIrqOn: number,
  pmrIrqOff: number,
  psrISet: number,
): PseudoNmiValues {
  const refused = base.security === 'ds0-fiq0';
  return {
    ...base,
    pmrIrqOn,
    pmrIrqOff,
    psrISet,
    irqPriority: DEF_PRI_5X,
    nmiPriority: NMI_PRI_5X,
    rprNmi: NMI_PRI_5X,
    supported: !refused,
    note: refused
      ? 'Pseudo-NMIs refused: SCR_EL3.FIQ=0 with GICD_CTLR.DS=0 (the NS PMR is unshifted, IRQOFF would mask NMIs too)'
      : null,
  };
}

/** Distributor priority Linux writes for ordinary interrupts when pseudo-NMIs are off. */
export function defaultIrqPriority(kernel: KernelVersion, security: SecuritySetup): number {
  return pseudoNmiValues(kernel, security).irqPriority;
}

export function isKernelVersion(text: string): text is KernelVersion {
  return (KERNEL_VERSIONS as readonly string[]).includes(text);
}
