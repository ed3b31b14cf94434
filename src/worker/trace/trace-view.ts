/** The page's view of a QEMU trace replay: the model's state at the current line. */
import type { Hppi } from '../../gic/index.ts';
import type { QemuReplayer, QemuTraceRecord } from '../../trace/index.ts';
import type {
  CounterRowView,
  CpuView,
  GroupName,
  InterruptView,
  MachineDiff,
  MachineView,
  TraceReplayView,
} from '../../protocol/index.ts';
import { interruptViews, sameInterrupt } from '../view/interrupts.ts';
import type { TraceState } from './trace-state.ts';

const GROUP: Record<Hppi['group'], GroupName> = { G0: 'g0', G1S: 'g1s', G1NS: 'g1ns' };

function activeLevels(words: readonly number[], preemptionBits: number): number[] {
  const levels: number[] = [];
  const shift = 8 - preemptionBits;
  words.forEach((word, index) => {
    for (let bit = 0; bit < 32; bit += 1)
      if ((word >>> bit) & 1) levels.push(((index * 32 + bit) << shift) & 0xff);
  });
  return levels;
}

function cpuViews(replayer: QemuReplayer, state: TraceState): CpuView[] {
  const gic = replayer.gic;
  return Array.from({ length: gic.config.peCount }, (_, pe) => {
    const cpu = gic.cpuInterface(pe);
    const redistributor = gic.redistributor(pe);
    const { aff0, aff1, aff2, aff3 } = redistributor.affinity;
    const ap = cpu.activePriorities;
    const merged = ap.ap0r.map((w, i) => (w | (ap.ap1rNs[i] ?? 0) | (ap.ap1rS[i] ?? 0)) >>> 0);
    const handlers = state.handlers(pe);
    return {
      pe,
      affinity: `${aff3}.${aff2}.${aff1}.${aff0}`,
      awake: !redistributor.processorSleep,
      pmr: cpu.pmr,
      runningPriority: cpu.runningPriority,
      runningNmi: cpu.runningNmi,
      hppi: cpu.hppi && {
        intid: cpu.hppi.intid,
        priority: cpu.hppi.priority,
        group: GROUP[cpu.hppi.group],
        nmi: cpu.hppi.nmi,
      },
      lines: { ...cpu.outputs },
      // PSTATE is not in a GIC trace; the activity says so
      masks: { i: false, f: false, allint: false },
      groupEnabled: { g0: cpu.igrpen0, g1: cpu.igrpen1Ns || cpu.igrpen1S },
      binaryPoint: { bpr0: cpu.bpr0, bpr1: cpu.bpr1Ns },
      eoiMode: cpu.eoiModeNs ? 1 : 0,
      activePriorities: activeLevels(merged, gic.config.preemptionBits),
      handlers: handlers.map((h) => {
        const kind = h.nmi ? 'nmi' : h.group === 'G0' ? 'fiq' : 'irq';
        return {
          intid: h.intid,
          kind,
          name: null,
          text: `${kind.toUpperCase()} ${h.intid}`,
          since: h.since,
        };
      }),
      activity:
        handlers.length > 0
          ? `handling INTID ${handlers[handlers.length - 1]?.intid} (PSTATE not traced)`
          : 'PSTATE not traced (QEMU GIC trace)',
    };
  });
}

function counters(state: TraceState): CounterRowView[] {
  return [...state.counts()]
    .sort((a, b) => (a[0] < 16 === b[0] < 16 ? a[0] - b[0] : a[0] < 16 ? 1 : -1))
    .map(([intid, perPe]) => ({
      label: intid < 16 ? `IPI${intid}` : String(intid),
      intid,
      perPe,
      description: `GICv3 ${String(intid).padStart(3)}  acknowledged in the trace`,
    }));
}

export function traceView(
  replayer: QemuReplayer,
  state: TraceState,
  time: number,
  summary: TraceReplayView | null,
  records: readonly QemuTraceRecord[],
): MachineView {
  const gic = replayer.gic;
  const interrupts: Record<string, InterruptView> = {};
  for (const view of interruptViews(gic, () => null)) interrupts[view.key] = view;
  const config = replayer.config;
  return {
    time,
    config: {
      peCount: gic.config.peCount,
      spiCount: gic.config.spiCount,
      securityExtensions: gic.config.securityExtensions,
      priorityBits: gic.config.priorityBits,
      nmi: gic.config.nmi,
      profile: config.profile ?? 'qemu',
      oneOfN: gic.config.oneOfN,
      kernel: 'recorded QEMU guest',
      pseudoNmi: false,
      endTime: records.at(-1)?.line ?? 0,
      timeUnit: 'line',
    },
    ...(summary ? { trace: summary } : {}),
    interrupts,
    cpus: cpuViews(replayer, state),
    counters: counters(state),
    injector: {
      mode: 'rfc-round-robin',
      candidates: [],
      cursor: 0,
      lastChosen: null,
      injections: 0,
      problem: 'A recorded QEMU trace replays what the guest did: nothing can be injected into it.',
      masking: null,
    },
    checks: [],
  };
}

/** What changed between two views of the same trace. */
export function diffViews(before: MachineView, after: MachineView): MachineDiff {
  const interrupts = Object.values(after.interrupts).filter((i) => {
    const previous = before.interrupts[i.key];
    return !previous || !sameInterrupt(previous, i);
  });
  const cpus = after.cpus.filter(
    (cpu, index) => JSON.stringify(cpu) !== JSON.stringify(before.cpus[index]),
  );
  const counters = JSON.stringify(after.counters) !== JSON.stringify(before.counters);
  return {
    time: after.time,
    ...(interrupts.length ? { interrupts } : {}),
    ...(cpus.length ? { cpus } : {}),
    ...(counters ? { counters: after.counters } : {}),
  };
}
