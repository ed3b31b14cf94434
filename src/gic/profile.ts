import type { GicProfileName } from './api.ts';

/**
 * Every place where the `qemu` profile departs from IHI 0069 is one flag here. Each comment says
 * what the architecture says and what QEMU's TCG arm-gicv3 device does (reference §8.1, §12).
 */
export interface ProfileFlags {
  /**
   * Spec: a Redistributor whose GICR_WAKER.ProcessorSleep=1 does not forward interrupts to its CPU
   * interface. QEMU: WAKER is stored but never gates delivery.
   */
  readonly wakerGatesDelivery: boolean;
  /**
   * Spec (IMPDEF, reference §4.5 note): the IRI forwards the best interrupt among the groups the
   * CPU interface has enabled. QEMU: one cached HPPI per PE chosen over all groups; if its group
   * is disabled at the CPU interface nothing is signalled (icc_no_enabled_hppi).
   */
  readonly hppiIgnoresCpuGroupEnables: boolean;
  /**
   * Spec: NS views of PMR/RPR are shifted when DS=0 and SCR_EL3.FIQ=1. QEMU: shifted whenever EL3
   * exists and the access is NS (it does not look at DS).
   */
  readonly pmrNsViewIgnoresDs: boolean;
  /** Spec: INMIR is RES0 for Group 0. QEMU: the bit is honoured for Group 0 as well. */
  readonly nmiOnGroup0Honoured: boolean;
  /** Spec: GICD_IROUTER RES0 bits are RES0. QEMU: stores all 64 bits as written. */
  readonly irouterStoresRes0Bits: boolean;
  /**
   * Spec: with no LPI support GICD_TYPER.LPIS=0. QEMU virt: LPIS=1, IDbits=15, GICR_TYPER.PLPIS=1,
   * GICR_CTLR.CES=1, GICR_CTLR.EnableLPIs and GICR_PROPBASER/PENDBASER stored. We never deliver
   * LPIs either way.
   */
  readonly lpiRegisters: boolean;
  /** Spec: GICR_TYPER.DPGS is IMPDEF; we set 1 so 1-of-N participation can be shown. QEMU: 0. */
  readonly dpgSupported: boolean;
  /** ICC_CTLR_EL1.IDbits: 0 (16 bits) in the architecture profile, QEMU reports 1 (24 bits). */
  readonly iccIdBits24: boolean;
  /** GICR_TYPER.CommonLPIAff: QEMU reports 0b01; 0 here otherwise. */
  readonly commonLpiAff: number;
  /**
   * QEMU's ICC_CTLR_EL3 read reports EOImode_EL1S/CBPR_EL1S from the Non-secure bank
   * (icc_ctlr_el3_read); the spec aliases them to the Secure bank.
   */
  readonly ctlrEl3SecureAliasReadsNsBank: boolean;
  /**
   * Spec: without GICv3.3 NMIs the INMIR registers are RES0 (RAZ/WI). QEMU 7.2: they are bad
   * accesses (gicv3_dist_badread) when has-nmi is off.
   */
  readonly inmirBadAccessWithoutNmi: boolean;
  /** GICD_TYPER.IDbits: 9 (INTIDs < 1024) in the architecture profile, QEMU 15. */
  readonly gicdIdBits: number;
  /**
   * ICC_RPR_EL1 NMI bits. Spec: a read from the Non-secure state (or with one security state)
   * reports an active Non-secure NMI in bit 63 (NMI). QEMU: without EL3, or for Secure reads, a
   * Non-secure NMI is reported in bit 62 (NMI_NS) — observed as 0x4000000000000000 (§12).
   */
  readonly rprNmiBitsAsQemu: boolean;
}

export const PROFILES: Readonly<Record<GicProfileName, ProfileFlags>> = {
  architecture: {
    wakerGatesDelivery: true,
    hppiIgnoresCpuGroupEnables: false,
    pmrNsViewIgnoresDs: false,
    nmiOnGroup0Honoured: false,
    irouterStoresRes0Bits: false,
    lpiRegisters: false,
    dpgSupported: true,
    iccIdBits24: false,
    commonLpiAff: 0,
    ctlrEl3SecureAliasReadsNsBank: false,
    inmirBadAccessWithoutNmi: false,
    gicdIdBits: 9,
    rprNmiBitsAsQemu: false,
  },
  qemu: {
    wakerGatesDelivery: false,
    hppiIgnoresCpuGroupEnables: true,
    pmrNsViewIgnoresDs: true,
    nmiOnGroup0Honoured: true,
    irouterStoresRes0Bits: true,
    lpiRegisters: true,
    dpgSupported: false,
    iccIdBits24: true,
    commonLpiAff: 1,
    ctlrEl3SecureAliasReadsNsBank: true,
    inmirBadAccessWithoutNmi: true,
    gicdIdBits: 15,
    rprNmiBitsAsQemu: true,
  },
};
