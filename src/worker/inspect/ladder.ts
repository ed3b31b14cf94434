import type { CpuInterfaceView, Gic, InterruptView } from '../../gic/index.ts';
import type { LadderMark, LadderView } from '../../protocol/index.ts';
import { hex2 } from './hex.ts';
import {
  activeLevels,
  cpuGroupEnable,
  effectivePriority,
  groupPriorityMask,
  hasSuperpriority,
  IDLE_PRIORITY,
} from './priority.ts';

type Rung = LadderView['pending'][number];

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

function rung(gic: Gic, cpu: CpuInterfaceView, ds: boolean, irq: InterruptView): Rung {
  const priority = effectivePriority(gic.config, ds, irq);
  const { pmr, runningPriority: rpr } = cpu;
  const mask = groupPriorityMask(cpu, irq.group);
  const { enabled, register } = cpuGroupEnable(cpu, irq.group);
  const off = enabled ? '' : `; but ${register}=0`;
  const at = (mark: LadderMark, reason: string): Rung => ({
    intid: irq.intid,
    priority,
    mark,
    reason: reason + off,
  });
  const rprText =
    rpr === IDLE_PRIORITY ? 'running priority 0xFF (idle)' : `running priority ${hex2(rpr & mask)}`;
  if (hasSuperpriority(gic.config, irq)) {
    const nmiActive = irq.group === 'G1S' ? cpu.activePriorities.nmiS : cpu.activePriorities.nmiNs;
    if (nmiActive)
      return at(
        'nmi',
        `NMI: superpriority ${hex2(priority)}, but an NMI is already active (NMIs do not nest)`,
      );
    return at(
      'nmi',
      `NMI: superpriority ${hex2(priority)} ignores PMR ${hex2(pmr)} and preempts ${rprText}`,
    );
  }
  if (priority >= pmr)
    return at('masked-by-pmr', `${hex2(priority)} is not < PMR ${hex2(pmr)}: masked by PMR`);
  if (rpr !== IDLE_PRIORITY && (priority & mask) >= (rpr & mask))
    return at(
      'waits-for-running-priority',
      `group priority ${hex2(priority & mask)} is not < ${rprText}: waits for the priority drop`,
    );
  return at(
    'can-preempt',
    `${hex2(priority)} < PMR ${hex2(pmr)} and group priority ${hex2(priority & mask)} < ${rprText}: can preempt`,
  );
}

/** The priority ladder of one CPU interface: PMR, running priority, active levels, pending rungs. */
export function buildLadder(gic: Gic, pe: number): LadderView {
  const cpu = gic.cpuInterface(pe);
  const ds = gic.distributor().ds;
  const pending = pendingAt(gic, pe)
    .map((irq) => rung(gic, cpu, ds, irq))
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
