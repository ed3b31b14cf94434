import type { Gic, GicEvent } from '../../gic/index.ts';

/** PSTATE interrupt masks of one PE (ALLINT is FEAT_NMI). */
export interface PeMasks {
  readonly i: boolean;
  readonly f: boolean;
  readonly allint: boolean;
}

export type WarningEvent = Extract<GicEvent, { kind: 'warning' }>;

export interface PseudoNmiSetup {
  /** the guest masks IRQs with ICC_PMR_EL1 (irqchip.gicv3_pseudo_nmi=1) */
  readonly enabled: boolean;
  /** the priority byte the guest writes for NMIs, or null */
  readonly nmiPriority: number | null;
  /** the PMR value of local_irq_disable() (GIC_PRIO_IRQOFF), when known */
  readonly irqOffPmr?: number | null;
}

/** Everything buildInspection reads; it changes nothing in `gic` and emits no events. */
export interface InspectionInput {
  readonly gic: Gic;
  readonly pe: number;
  readonly intid: number | null;
  /**
   * PSTATE masks of every PE, by index: the explainer follows an SPI to the PE it is routed to.
   * SCTLR_ELx.NMI comes from `gic.cpuInterface(pe).sctlrNmi`.
   */
  readonly masks: readonly PeMasks[];
  readonly pseudoNmi: PseudoNmiSetup;
  /** the model's recent `warning` events, oldest first */
  readonly recentWarnings: readonly WarningEvent[];
}
