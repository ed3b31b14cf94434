import type { Affinity } from '../../gic/index.ts';
import { DEFAULT_PMR_VALUE, pseudoNmiValues } from './kernel-profiles.ts';
import type { KernelVersion, PseudoNmiValues, SecuritySetup } from './kernel-profiles.ts';

export type GuestNmiMode = 'pseudo' | 'architected' | 'none';

/** Everything the guest driver decided at boot, derived once from the scenario. */
export interface GuestPlan {
  readonly kernel: KernelVersion;
  readonly security: SecuritySetup;
  readonly peCount: number;
  readonly spiCount: number;
  readonly priorityBits: number;
  readonly affinity: readonly Affinity[];
  /** `pseudo` only when the kernel supports it for this security setup. */
  readonly nmi: GuestNmiMode;
  /** ICC_CTLR_EL1.EOImode: 1 for a host at EL2 (split EOI/deactivate). */
  readonly eoiMode: 0 | 1;
  readonly values: PseudoNmiValues;
  /** Priority byte written for ordinary interrupts. */
  readonly irqPriority: number;
  /** Priority byte written by request_nmi (pseudo-NMI), or null. */
  readonly nmiPriority: number | null;
  readonly pmrIrqOn: number;
  readonly pmrIrqOff: number;
  /** The PMR value Linux keeps when it masks with PSTATE.I (0xF0). */
  readonly pmrDefault: number;
  /** PMR and RPR unshifted although the GIC has two security states (reference §4.4). */
  readonly pmrAccessSecure: boolean;
}

export interface PlanInputs {
  readonly kernel: KernelVersion;
  readonly security: SecuritySetup;
  readonly nmi: GuestNmiMode;
  readonly el: 'el1-guest' | 'el2-host';
  readonly peCount: number;
  readonly spiCount: number;
  readonly priorityBits: number;
  readonly affinity: readonly Affinity[];
  readonly gicNmi: boolean;
}

export function makePlan(inputs: PlanInputs): { plan: GuestPlan; notes: readonly string[] } {
  const values = pseudoNmiValues(inputs.kernel, inputs.security);
  const notes: string[] = [];
  let nmi = inputs.nmi;
  if (nmi === 'pseudo' && !values.supported) {
    notes.push(values.note ?? 'Pseudo-NMIs not supported');
    nmi = 'none';
  }
  if (nmi === 'architected' && !inputs.gicNmi) {
    notes.push('GICv3.3 NMIs not present (GICD_TYPER.NMI=0): architected NMIs disabled');
    nmi = 'none';
  }
  const pseudo = nmi === 'pseudo';
  return {
    plan: {
      kernel: inputs.kernel,
      security: inputs.security,
      peCount: inputs.peCount,
      spiCount: inputs.spiCount,
      priorityBits: inputs.priorityBits,
      affinity: inputs.affinity,
      nmi,
      eoiMode: inputs.el === 'el2-host' ? 1 : 0,
      values,
      irqPriority: values.irqPriority,
      nmiPriority: pseudo ? values.nmiPriority : null,
      pmrIrqOn: pseudo ? values.pmrIrqOn : DEFAULT_PMR_VALUE,
      pmrIrqOff: pseudo ? values.pmrIrqOff : DEFAULT_PMR_VALUE,
      pmrDefault: DEFAULT_PMR_VALUE,
      pmrAccessSecure: inputs.security === 'ds0-fiq0',
    },
    notes,
  };
}

export function affinityValue(a: Affinity): bigint {
  return (BigInt(a.aff3) << 32n) | BigInt((a.aff2 << 16) | (a.aff1 << 8) | a.aff0);
}
