import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  Cursor,
  FrameMessage,
  InspectionView,
  MachineDiff,
  MachineView,
  ProgressView,
  ScenarioMeta,
  ScenarioSource,
} from '../../protocol/index.ts';
import { EventRing } from './event-ring.ts';
import { groupAll, regroup, type InterruptGroups } from './interrupt-groups.ts';
import { applyRecovery, freshRecovery, type RecoveryCopy } from './recovery.ts';
import { TimelineRecords } from './timeline-records.ts';

export type ConnectionStatus = 'connecting' | 'ready' | 'incompatible' | 'failed';

export interface ConnectionSlice {
  readonly status: ConnectionStatus;
  /** why the worker is unusable (failed / incompatible), shown in the error banner */
  readonly failure: string | null;
  readonly builtins: readonly ScenarioMeta[];
}

export interface MachineSlice {
  readonly scenario: ScenarioMeta | null;
  readonly view: MachineView | null;
  /** the moment every view shows */
  readonly cursor: Cursor;
  readonly playing: boolean;
  readonly canStepBack: boolean;
  readonly speed: number;
  /** a long operation in the worker (run until, seek…), or null */
  readonly progress: ProgressView | null;
  /** the interrupts grouped as the topology draws them (kept in step with `view.interrupts`) */
  readonly interruptGroups: InterruptGroups | null;
  /** registers, ladder and explanation for the inspected PE/INTID (from the latest frame) */
  readonly inspection: InspectionView | null;
  /** what a restarted worker needs to come back to this moment */
  readonly recovery: RecoveryCopy | null;
}

export interface LogSlice {
  readonly events: EventRing;
  /** bumps on every change of `events` or of the cursor (the ring is mutated in place) */
  readonly eventsVersion: number;
  readonly timeline: TimelineRecords;
  /** bumps on every change of `timeline` (mutated in place) */
  readonly timelineVersion: number;
  /** a rejected input (bad scenario JSON, bad register value) or news (a restored session) */
  readonly notice: string | null;
}

export interface SelectionSlice {
  readonly selectedPe: number;
  readonly selectedKey: string | null;
}

export interface Actions {
  connected(builtins: readonly ScenarioMeta[]): void;
  failed(status: 'incompatible' | 'failed', reason: string): void;
  reconnecting(): void;
  /** A scenario was loaded (`resumed`: the same session came back after a crash). */
  loaded(
    scenario: ScenarioMeta,
    source: ScenarioSource,
    view: MachineView,
    cursor: Cursor,
    resumed: boolean,
  ): void;
  frame(frame: FrameMessage): void;
  setSpeed(speed: number): void;
  notify(notice: string | null): void;
  selectPe(pe: number): void;
  selectInterrupt(key: string | null): void;
}

export type GicState = ConnectionSlice & MachineSlice & LogSlice & SelectionSlice & Actions;
export type GicStore = StoreApi<GicState>;

const LOG_CAPACITY = 2000;
export const START_CURSOR: Cursor = { seq: -1, time: 0, moment: { time: -1, inputs: 0 } };

function applyDiff(view: MachineView, diff: MachineDiff): MachineView {
  // updated in place: copying ~2000 keys a frame (64 PEs) cost more than drawing them; views
  // subscribe to `interruptGroups`, which changes identity per changed list
  const interrupts = view.interrupts as Record<string, MachineView['interrupts'][string]>;
  for (const interrupt of diff.interrupts ?? []) interrupts[interrupt.key] = interrupt;
  let cpus = view.cpus;
  if (diff.cpus?.length) {
    const next = [...cpus];
    for (const cpu of diff.cpus) next[cpu.pe] = cpu;
    cpus = next;
  }
  let gates = view.gates;
  if (diff.gates?.length && gates) {
    const next = [...gates];
    for (const gate of diff.gates) next[gate.pe] = gate;
    gates = next;
  }
  return {
    ...view,
    time: diff.time,
    gates,
    interrupts,
    cpus,
    counters: diff.counters ?? view.counters,
    injector: diff.injector ?? view.injector,
    checks: diff.checks ?? view.checks,
    ...(diff.its ? { its: diff.its } : {}),
  };
}

/** One store per app instance (and per test). */
export function createGicStore(): GicStore {
  return createStore<GicState>()((set) => ({
    status: 'connecting',
    failure: null,
    builtins: [],
    scenario: null,
    view: null,
    cursor: START_CURSOR,
    playing: false,
    canStepBack: false,
    speed: 1,
    progress: null,
    interruptGroups: null,
    inspection: null,
    recovery: null,
    events: new EventRing(LOG_CAPACITY),
    eventsVersion: 0,
    timeline: new TimelineRecords(),
    timelineVersion: 0,
    notice: null,
    selectedPe: 0,
    selectedKey: null,

    connected: (builtins) => set({ status: 'ready', failure: null, builtins }),
    failed: (status, reason) => set({ status, failure: reason, playing: false, progress: null }),
    reconnecting: () => set({ status: 'connecting', failure: null }),
    loaded: (scenario, source, view, cursor, resumed) =>
      set((state) => {
        const interruptGroups = groupAll(view.interrupts, view.cpus.length);
        if (resumed)
          // the same session: log, timeline, selection and the recovery copy stay
          return { scenario, view, cursor, playing: false, progress: null, interruptGroups };
        state.events.clear();
        state.timeline.clear();
        return {
          scenario,
          view,
          cursor,
          playing: false,
          progress: null,
          interruptGroups,
          canStepBack: false,
          inspection: null,
          recovery: freshRecovery(source),
          eventsVersion: state.eventsVersion + 1,
          timelineVersion: state.timelineVersion + 1,
          selectedPe: Math.min(state.selectedPe, view.cpus.length - 1),
          selectedKey: null,
        };
      }),
    frame: (frame) =>
      set((state) => {
        const { diff, events, eventsSkipped, timeline, forgetAfter, cursor } = frame;
        if (forgetAfter !== null) {
          state.events.forgetAfter(forgetAfter);
          state.timeline.forgetAfter(forgetAfter);
        }
        if (eventsSkipped) state.events.skip(eventsSkipped);
        if (events.length) state.events.pushAll(events, cursor.seq);
        if (timeline) state.timeline.apply(timeline, cursor.seq);
        const logChanged =
          forgetAfter !== null ||
          events.length > 0 ||
          eventsSkipped > 0 ||
          cursor.seq !== state.cursor.seq;
        const timelineChanged =
          forgetAfter !== null || timeline !== null || cursor.time !== state.cursor.time;
        return {
          view: state.view ? applyDiff(state.view, diff) : state.view,
          interruptGroups:
            state.interruptGroups && diff.interrupts
              ? regroup(state.interruptGroups, diff.interrupts)
              : state.interruptGroups,
          cursor,
          playing: frame.playing,
          progress: frame.progress,
          canStepBack: frame.canStepBack,
          inspection: frame.inspection ?? state.inspection,
          recovery:
            frame.recovery && state.recovery
              ? applyRecovery(state.recovery, frame.recovery)
              : state.recovery,
          eventsVersion: logChanged ? state.eventsVersion + 1 : state.eventsVersion,
          timelineVersion: timelineChanged ? state.timelineVersion + 1 : state.timelineVersion,
        };
      }),
    setSpeed: (speed) => set({ speed }),
    notify: (notice) => set({ notice }),
    selectPe: (pe) => set({ selectedPe: pe }),
    selectInterrupt: (key) => set({ selectedKey: key }),
  }));
}
