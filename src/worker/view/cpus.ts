import type { Gic, Hppi } from '../../gic/index.ts';
import type { MachineView as Machine } from '../../machine/index.ts';
import type { CpuView, GroupName, HppiView } from '../../protocol/index.ts';

const GROUP: Record<Hppi['group'], GroupName> = { G0: 'g0', G1S: 'g1s', G1NS: 'g1ns' };

function hppiView(hppi: Hppi | null): HppiView | null {
  return (
    hppi && { intid: hppi.intid, priority: hppi.priority, group: GROUP[hppi.group], nmi: hppi.nmi }
  );
}

/** Priority levels with an active interrupt, from the APR bitmaps (reference §4.4). */
function activeLevels(words: readonly number[], preemptionBits: number): number[] {
  const levels: number[] = [];
  const shift = 8 - preemptionBits;
  words.forEach((word, index) => {
    for (let bit = 0; bit < 32; bit += 1)
      if ((word >>> bit) & 1) levels.push(((index * 32 + bit) << shift) & 0xff);
  });
  return levels;
}

function activityOf(pe: Machine['pes'][number]): string {
  if (pe.status === 'wfi') return pe.criticalSection ? 'idle, irqs off' : 'idle (WFI)';
  if (pe.status === 'running') return pe.criticalSection ? 'task, irqs off' : 'task';
  return 'in a handler';
}

export function cpuViews(gic: Gic, machine: Machine): CpuView[] {
  return machine.pes.map((pe) => {
    const cpu = gic.cpuInterface(pe.index);
    const redistributor = gic.redistributor(pe.index);
    const { aff0, aff1, aff2, aff3 } = redistributor.affinity;
    const ap = cpu.activePriorities;
    const merged = ap.ap0r.map((w, i) => (w | (ap.ap1rNs[i] ?? 0) | (ap.ap1rS[i] ?? 0)) >>> 0);
    return {
      pe: pe.index,
      affinity: `${aff3}.${aff2}.${aff1}.${aff0}`,
      awake: !redistributor.processorSleep,
      pmr: cpu.pmr,
      runningPriority: cpu.runningPriority,
      runningNmi: cpu.runningNmi,
      hppi: hppiView(cpu.hppi),
      lines: { ...cpu.outputs },
      masks: { i: pe.masks.i, f: pe.masks.f, allint: pe.masks.allint },
      groupEnabled: { g0: cpu.igrpen0, g1: cpu.igrpen1Ns || cpu.igrpen1S },
      binaryPoint: { bpr0: cpu.bpr0, bpr1: cpu.bpr1Ns },
      eoiMode: cpu.eoiModeNs ? 1 : 0,
      activePriorities: activeLevels(merged, gic.config.preemptionBits),
      handlers: pe.frames.slice(1).map((frame) => ({
        intid: frame.intid ?? -1,
        kind: frame.nmi ? 'nmi' : frame.kind === 'fiq' ? 'fiq' : 'irq',
        name: frame.label,
        since: frame.enteredAt,
      })),
      activity: activityOf(pe),
    };
  });
}
