import { bootMessages, cpuInit, distributorInit, enableInterrupts } from './driver-boot.ts';
import { NMI_IPIS } from './ipi.ts';
import type { Op } from './ops.ts';
import type { GuestPlan } from './plan.ts';
import { GICR } from './registers.ts';

/** set_smp_ipi_range on one CPU: IPIs 0–7 enabled, the NMI ones at the NMI priority (6.x). */
export function ipiSetup(plan: GuestPlan): Op[] {
  const ops: Op[] = [];
  for (let ipi = 0; ipi < 8; ipi++) {
    if (ipiIsNmi(plan, ipi)) {
      ops.push({
        op: 'redist-write',
        offset: GICR.IPRIORITYR + ipi,
        value: plan.nmiPriority ?? plan.irqPriority,
        size: 1,
      });
    }
    ops.push({ op: 'redist-write', offset: GICR.ISENABLER0, value: 1 << ipi, size: 4 });
  }
  return ops;
}

export function ipiIsNmi(plan: GuestPlan, ipi: number): boolean {
  return plan.nmi === 'pseudo' && plan.kernel === '6.11+' && NMI_IPIS.includes(ipi);
}

/**
 * The boot CPU's program: Distributor, its own CPU, IPIs, interrupts on, secondaries released,
 * then the drivers' request_irq calls (indices into the guest's call table).
 */
export function bootProgram(plan: GuestPlan, callCount: number, anyPseudo: boolean): Op[] {
  return [
    ...distributorInit(plan),
    ...bootMessages(plan, anyPseudo),
    ...cpuInit(plan, 0, true),
    ...ipiSetup(plan),
    ...enableInterrupts(plan),
    { op: 'secondaries-start' },
    ...Array.from({ length: callCount }, (_, index): Op => ({ op: 'call', index })),
    { op: 'boot-done' },
  ];
}

/** A secondary CPU's bring-up (the group-0 probe runs per CPU before 6.11). */
export function secondaryProgram(plan: GuestPlan, pe: number): Op[] {
  return [
    ...cpuInit(plan, pe, plan.kernel !== '6.11+'),
    ...ipiSetup(plan),
    ...enableInterrupts(plan),
  ];
}
