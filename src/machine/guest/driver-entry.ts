import type { FrameKind, Op } from './ops.ts';
import type { GuestPlan } from './plan.ts';

const INTID = { var: 'intid' } as const;

/** Kernels that split gic_handle_irq into irqson / irqsoff paths (reference §5.6). */
function splitsEntryPath(plan: GuestPlan): boolean {
  return plan.kernel === '5.12-6.10' || plan.kernel === '6.11+';
}

/** The exception vector and entry prologue for an exception of this kind. */
export function entryOps(plan: GuestPlan, kind: Exclude<FrameKind, 'task'>): Op[] {
  switch (kind) {
    case 'fiq':
      return [
        { op: 'sysreg-read', name: 'ICC_IAR0_EL1', into: 'intid' },
        { op: 'log', text: 'Unhandled FIQ: Linux uses Group 1 only' },
        { op: 'sysreg-write', name: 'ICC_EOIR0_EL1', value: INTID },
        ...(plan.eoiMode === 1
          ? [{ op: 'sysreg-write', name: 'ICC_DIR_EL1', value: INTID } as const]
          : []),
        { op: 'eret' },
      ];
    case 'superpriority-irq':
      return [{ op: 'sysreg-read', name: 'ICC_NMIAR1_EL1', into: 'intid' }, { op: 'dispatch' }];
    case 'irq':
      if (plan.nmi !== 'pseudo')
        return [{ op: 'sysreg-read', name: 'ICC_IAR1_EL1', into: 'intid' }, { op: 'dispatch' }];
      // kernel_entry saves PMR in pt_regs and runs with IRQON | PSR_I_SET.
      return [
        { op: 'sysreg-read', name: 'ICC_PMR_EL1', into: 'savedPmr' },
        { op: 'sysreg-write', name: 'ICC_PMR_EL1', value: plan.pmrIrqOn | plan.values.psrISet },
        { op: 'irq-path' },
      ];
  }
}

/** gic_handle_irq: choose the path from the interrupted context's PMR. */
export function irqPathOps(plan: GuestPlan, savedPmr: number): { ops: Op[]; forcedNmi: boolean } {
  if (splitsEntryPath(plan) && savedPmr !== plan.pmrIrqOn) {
    // __gic_handle_irq_from_irqsoff: only an NMI can have got through; mask IRQs around IAR.
    return {
      forcedNmi: true,
      ops: [
        { op: 'sysreg-read', name: 'ICC_PMR_EL1', into: 'pmr' },
        { op: 'sysreg-write', name: 'ICC_PMR_EL1', value: plan.pmrIrqOff },
        { op: 'sysreg-read', name: 'ICC_IAR1_EL1', into: 'intid' },
        { op: 'sysreg-write', name: 'ICC_PMR_EL1', value: { var: 'pmr' } },
        { op: 'dispatch' },
      ],
    };
  }
  return {
    forcedNmi: false,
    ops: [
      { op: 'sysreg-read', name: 'ICC_IAR1_EL1', into: 'intid' },
      { op: 'sysreg-read', name: 'ICC_RPR_EL1', into: 'rpr' },
      { op: 'dispatch' },
    ],
  };
}

/** Special INTIDs (1020–1023) end the entry without handling anything. */
export function isSpecial(intid: number): boolean {
  return intid >= 1020 && intid <= 1023;
}

/** Handling after IAR: gic_complete_ack, the flow handler, its EOI, and the exit. */
export function handlingOps(plan: GuestPlan, nmi: boolean): Op[] {
  const ops: Op[] = [];
  if (!nmi && plan.nmi === 'pseudo') {
    // Mask normal IRQs by PMR, unmask PSTATE so that NMIs can preempt this handler.
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: plan.pmrIrqOff });
    ops.push({ op: 'daif', set: false });
  }
  if (!nmi && plan.nmi === 'architected') ops.push({ op: 'allint', value: false });
  if (plan.eoiMode === 1) ops.push({ op: 'sysreg-write', name: 'ICC_EOIR1_EL1', value: INTID });
  ops.push({ op: 'handle', nmi });
  ops.push(
    plan.eoiMode === 1
      ? { op: 'sysreg-write', name: 'ICC_DIR_EL1', value: INTID }
      : { op: 'sysreg-write', name: 'ICC_EOIR1_EL1', value: INTID },
  );
  return ops;
}

/** Exit: mask, restore the saved PMR (pseudo-NMI), ERET restores PSTATE from SPSR. */
export function exitOps(plan: GuestPlan): Op[] {
  const ops: Op[] = [{ op: 'daif', set: true }];
  if (plan.nmi === 'pseudo')
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: { var: 'savedPmr' } });
  ops.push({ op: 'eret' });
  return ops;
}
