import type { Gic, Hppi } from '../../gic/index.ts';
import type { PeView } from '../../machine/index.ts';
import type { CpuView, GroupName, HandlerFrameView, HppiView } from '../../protocol/index.ts';

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

function activityOf(pe: PeView): string {
  if (pe.status === 'wfi') return pe.criticalSection ? 'idle, irqs off' : 'idle (WFI)';
  if (pe.status === 'running') return pe.criticalSection ? 'task, irqs off' : 'task';
  return 'in a handler';
}

const KIND_TEXT = { irq: 'IRQ', fiq: 'FIQ', nmi: 'NMI' } as const;

/**
 * One handler level. Between taking the exception and reading ICC_IAR*_EL1 the guest does not
 * know the INTID yet: the frame says so instead of showing a placeholder number.
 */
function handlerView(frame: PeView['frames'][number]): HandlerFrameView {
  const kind =
    frame.nmi || frame.kind === 'superpriority-irq' ? 'nmi' : frame.kind === 'fiq' ? 'fiq' : 'irq';
  const known = frame.intid !== null;
  // read from IAR but not dispatched yet: the INTID is known, its name and NMI-ness not yet
  const read = frame.acknowledged;
  return {
    intid: read,
    kind,
    name: known ? frame.label : null,
    text: known
      ? `${KIND_TEXT[kind]} ${frame.intid} ${frame.label}`
      : read !== null
        ? `${KIND_TEXT[kind]} ${read}, acknowledged`
        : `${KIND_TEXT[kind]} entry, INTID not read yet`,
    since: frame.enteredAt,
  };
}

export function cpuViews(gic: Gic, pes: readonly PeView[]): CpuView[] {
  return pes.map((pe) => {
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
      handlers: pe.frames.slice(1).map(handlerView),
      activity: activityOf(pe),
    };
  });
}

function sameHandlers(a: readonly HandlerFrameView[], b: readonly HandlerFrameView[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (h, i) =>
        h.intid === b[i].intid &&
        h.kind === b[i].kind &&
        h.text === b[i].text &&
        h.since === b[i].since,
    )
  );
}

const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Field by field, so that a frame's diff never serialises every CPU interface to compare it. */
export function sameCpu(a: CpuView, b: CpuView): boolean {
  return (
    a.pmr === b.pmr &&
    a.runningPriority === b.runningPriority &&
    a.runningNmi === b.runningNmi &&
    a.awake === b.awake &&
    a.activity === b.activity &&
    a.eoiMode === b.eoiMode &&
    a.affinity === b.affinity &&
    (a.hppi === b.hppi ||
      (a.hppi !== null &&
        b.hppi !== null &&
        a.hppi.intid === b.hppi.intid &&
        a.hppi.priority === b.hppi.priority &&
        a.hppi.group === b.hppi.group &&
        a.hppi.nmi === b.hppi.nmi)) &&
    a.lines.irq === b.lines.irq &&
    a.lines.fiq === b.lines.fiq &&
    a.lines.nmi === b.lines.nmi &&
    a.masks.i === b.masks.i &&
    a.masks.f === b.masks.f &&
    a.masks.allint === b.masks.allint &&
    a.groupEnabled.g0 === b.groupEnabled.g0 &&
    a.groupEnabled.g1 === b.groupEnabled.g1 &&
    a.binaryPoint.bpr0 === b.binaryPoint.bpr0 &&
    a.binaryPoint.bpr1 === b.binaryPoint.bpr1 &&
    sameList(a.activePriorities, b.activePriorities) &&
    sameHandlers(a.handlers, b.handlers)
  );
}
