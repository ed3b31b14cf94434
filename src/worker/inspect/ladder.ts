import type { Gic, InterruptView } from '../../gic/index.ts';
import type { LadderView } from '../../protocol/index.ts';
import type { PeMasks, PseudoNmiSetup } from './input.ts';
import { activeLevels, groupPriorityMask } from './priority.ts';
import { pendingLpiVerdict, pendingVerdict } from './verdict.ts';

/** Pending, enabled, not active interrupts whose CPU interface is `pe`. */
function pendingAt(gic: Gic, pe: number): InterruptView[] {
  const out: InterruptView[] = [];
  for (let intid = 0; intid < 32; intid++) {
    const irq = gic.interrupt(intid, pe);
    if (irq.pending && irq.enabled && !irq.active) out.push(irq);
  }
  for (let intid = 32; intid <= gic.config.maxSpiIntId; intid++) {
    const irq = gic.interrupt(intid);
    if (irq.pending && irq.enabled && !irq.active && irq.route?.targetPe === pe) out.push(irq);
  }
  return out;
}

/** The priority ladder of one CPU interface: PMR, running priority, active levels, pending rungs. */
export function buildLadder(
  gic: Gic,
  pe: number,
  masks: readonly PeMasks[] = [],
  pseudoNmi: PseudoNmiSetup = { enabled: false, nmiPriority: null },
): LadderView {
  const cpu = gic.cpuInterface(pe);
  // LPIs pending on this Redistributor and enabled as it sees them (no active state: IHI 0069 §5.1)
  const lpis = gic.config.lpis
    ? gic
        .redistributorLpis(pe)
        .pending.filter((intid) => gic.lpi(intid, pe).enabled)
        .map((intid) => pendingLpiVerdict(gic, intid, pe, masks, pseudoNmi))
    : [];
  const pending = pendingAt(gic, pe)
    .map((irq) => pendingVerdict(gic, irq.intid, pe, masks, pseudoNmi))
    .concat(lpis)
    .sort((a, b) => a.priority - b.priority || a.intid - b.intid);
  return {
    pe,
    pmr: cpu.pmr,
    runningPriority: cpu.runningPriority,
    runningNmi: cpu.runningNmi,
    activeLevels: activeLevels(cpu, gic.config.preemptionBits),
    nmiActive: cpu.activePriorities.nmiNs || cpu.activePriorities.nmiS,
    groupMask: groupPriorityMask(cpu, 'G1NS'),
    pending,
  };
}
