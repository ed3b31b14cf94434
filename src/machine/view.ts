import type { Hppi, Outputs } from '../gic/index.ts';
import type { Core } from './core.ts';
import { countersTable } from './counters.ts';
import type { CountersTable } from './counters.ts';
import type { NmiCandidate } from './events.ts';
import { describeExpectation } from './expectations.ts';
import type { FrameKind } from './guest/ops.ts';
import type { PseudoNmiValues } from './guest/kernel-profiles.ts';
import { findCandidates } from './injector/index.ts';
import type { InterruptMasks } from './pe/pstate.ts';
import type { InjectorMode } from './scenario/index.ts';
import type { IrqDesc } from './state.ts';

export interface FrameView {
  readonly kind: FrameKind;
  readonly label: string;
  readonly intid: number | null;
  /**
   * The INTID the handler read from ICC_IAR*_EL1 before it dispatched it (Linux reads the RPR
   * between the two); null before the read, and for a special INTID (1020–1023).
   */
  readonly acknowledged: number | null;
  readonly nmi: boolean;
  readonly enteredAt: number;
}

export interface PeView {
  readonly index: number;
  readonly masks: InterruptMasks;
  readonly sctlrNmi: boolean;
  readonly criticalSection: boolean;
  /** wfi: waiting for an interrupt; running: task code; handling: inside a handler. */
  readonly status: 'wfi' | 'running' | 'handling';
  /** frames[0] is the task; the last is the running handler. */
  readonly frames: readonly FrameView[];
  readonly pmr: number;
  readonly runningPriority: number;
  readonly outputs: Outputs;
  readonly hppi: Hppi | null;
}

export interface InjectorView {
  readonly mode: InjectorMode;
  readonly candidates: readonly NmiCandidate[];
  /** Index of the candidate the next injection raises (-1 when there is none). */
  readonly nextIndex: number;
  readonly last: { readonly intid: number; readonly pe: number | null } | null;
  readonly chosen: readonly number[];
}

export interface MachineView {
  readonly time: number;
  readonly booted: boolean;
  readonly pes: readonly PeView[];
  readonly counters: CountersTable;
  readonly injector: InjectorView;
  readonly guest: {
    readonly kernel: string;
    readonly nmi: 'pseudo' | 'architected' | 'none';
    readonly eoiMode: 0 | 1;
    readonly values: PseudoNmiValues;
    readonly irqs: readonly IrqDesc[];
    readonly log: readonly {
      readonly at: number;
      readonly pe: number | null;
      readonly text: string;
    }[];
  };
  readonly expectations: readonly {
    readonly description: string;
    readonly passed: boolean | null;
    readonly actual: string | null;
  }[];
}

/** Every PE as the view shows it: cheap enough to build for each frame (no candidates, no log). */
export function peViews(core: Core): PeView[] {
  const { state, gic } = core;
  return state.pes.map((p) => {
    const cpu = gic.cpuInterface(p.index);
    const depth = p.frames.length - 1;
    const idle = depth === 0 && (p.frames[0]?.ops.length ?? 0) === 0;
    return {
      index: p.index,
      masks: { ...p.masks },
      sctlrNmi: p.sctlrNmi,
      criticalSection: p.criticalSection,
      status: depth > 0 ? 'handling' : idle ? 'wfi' : 'running',
      frames: p.frames.map((f) => ({
        kind: f.kind,
        label: f.label,
        intid: f.intid,
        acknowledged:
          f.intid ??
          (f.kind !== 'task' && f.vars.intid !== undefined && f.vars.intid < 1020
            ? f.vars.intid
            : null),
        nmi: f.nmi,
        enteredAt: f.enteredAt,
      })),
      pmr: cpu.pmr,
      runningPriority: cpu.runningPriority,
      outputs: cpu.outputs,
      hppi: cpu.hppi,
    };
  });
}

/** A plain, serialisable picture of the whole machine (structuredClone/JSON safe). */
export function machineView(core: Core): MachineView {
  const { state, plan } = core;
  const candidates = findCandidates(core, state.injector.mode);
  const last = state.injector.last;
  const nextIndex =
    candidates.length === 0
      ? -1
      : last === null
        ? 0
        : Math.max(
            0,
            candidates.findIndex(
              (c) =>
                c.intid > last.intid || (c.intid === last.intid && (c.pe ?? -1) > (last.pe ?? -1)),
            ),
          );
  return {
    time: state.now,
    booted: state.guest.booted,
    pes: peViews(core),
    counters: countersTable(plan.peCount, state.guest.descs, state.guest.counts),
    injector: {
      mode: state.injector.mode,
      candidates,
      nextIndex,
      last,
      chosen: [...state.injector.chosen],
    },
    guest: {
      kernel: plan.kernel,
      nmi: plan.nmi,
      eoiMode: plan.eoiMode,
      values: plan.values,
      irqs: Object.values(state.guest.descs).map((d) => ({ ...d })),
      log: state.guest.log.slice(-200),
    },
    expectations: core.scenario.expect.map((e, i) => ({
      description: describeExpectation(e),
      passed: state.results[i]?.passed ?? null,
      actual: state.results[i]?.actual ?? null,
    })),
  };
}
