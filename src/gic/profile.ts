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
   * Whether LPIs (and an ITS) are there when the configuration does not say: QEMU virt has them
   * (GICD_TYPER.LPIS=1, IDbits=15, GICR_TYPER.PLPIS=1); the architecture profile defaults to none.
   */
  readonly lpiRegisters: boolean;
  /**
   * GICR_CTLR.CES (IHI 0069 §9.11.2): whether software may clear EnableLPIs once it is 1. QEMU: yes
   * (CES=1). Architecture profile: CES=0 and the bit stays set (like Arm's Fast Models, which warn
   * "EnableLPI negedge ignored").
   */
  readonly enableLpisClearable: boolean;
  /**
   * Spec: writing GICR_PROPBASER / GICR_PENDBASER while EnableLPIs=1 is UNPREDICTABLE; the
   * architecture profile ignores the write. QEMU stores it and reads the new table at once.
   */
  readonly lpiTableBasesWritableWhileEnabled: boolean;
  /** QEMU stores GICR_PROPBASER / PENDBASER as written, RES0 bits and PTZ included. */
  readonly lpiBasersStoreAllBits: boolean;
  /**
   * Spec: GICR_PENDBASER.PTZ=1 says the pending table is zero, so the Redistributor need not read
   * it when LPIs are enabled. QEMU reads the table whatever PTZ says.
   */
  readonly pendingTableReadDespitePtz: boolean;
  /**
   * GICR_TYPER.DirectLPI: GICR_SETLPIR/CLRLPIR/INVLPIR/INVALLR/SYNCR exist (architecture profile).
   * QEMU 7.2 has none of them: accesses are bad reads/writes.
   */
  readonly directLpi: boolean;
  /** Default of `lpiConfigCache` (lpi/state.ts): 'until-invalidated', QEMU 'rescan'. */
  readonly lpiConfigRescan: boolean;
  /**
   * Spec: INVALL invalidates the configuration cached for one collection's Redistributor. QEMU:
   * every Redistributor rescans, and the collection table is not read.
   */
  readonly invallEveryRedistributor: boolean;
  /** GITS_CTLR.Quiescent: spec 1 only while Enabled is 0; QEMU reports 1 always. */
  readonly itsQuiescentAlwaysSet: boolean;
  /** GITS_CREADR is read-only; QEMU lets software write it when GICD_CTLR.DS=1. */
  readonly itsCreadrWritable: boolean;
  /**
   * Spec: a stalled queue restarts on a CWRITER write with Retry=1, which clears Stalled. QEMU: any
   * CWRITER write retries, and Stalled stays set until GITS_CREADR or GITS_CBASER is written.
   */
  readonly itsStallRetriedByAnyCwriterWrite: boolean;
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
  /** GICD_TYPER.IDbits without LPIs: 9 (INTIDs < 1024) in the architecture profile, QEMU 15. */
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
    enableLpisClearable: false,
    lpiTableBasesWritableWhileEnabled: false,
    lpiBasersStoreAllBits: false,
    pendingTableReadDespitePtz: false,
    directLpi: true,
    lpiConfigRescan: false,
    invallEveryRedistributor: false,
    itsQuiescentAlwaysSet: false,
    itsCreadrWritable: false,
    itsStallRetriedByAnyCwriterWrite: false,
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
    enableLpisClearable: true,
    lpiTableBasesWritableWhileEnabled: true,
    lpiBasersStoreAllBits: true,
    pendingTableReadDespitePtz: true,
    directLpi: false,
    lpiConfigRescan: true,
    invallEveryRedistributor: true,
    itsQuiescentAlwaysSet: true,
    itsCreadrWritable: true,
    itsStallRetriedByAnyCwriterWrite: true,
    dpgSupported: false,
    iccIdBits24: true,
    commonLpiAff: 1,
    ctlrEl3SecureAliasReadsNsBank: true,
    inmirBadAccessWithoutNmi: true,
    gicdIdBits: 15,
    rprNmiBitsAsQemu: true,
  },
};
