import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  FromWorker,
  InspectionView,
  MachineDiff,
  MachineView,
  ScenarioMeta,
} from '../../protocol/index.ts';

type FrameMessage = Extract<FromWorker, { type: 'frame' }>;
import { EventRing } from './event-ring.ts';

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
  readonly playing: boolean;
  readonly canStepBack: boolean;
  readonly speed: number;
  /** registers, ladder and explanation for the inspected PE/INTID (from the latest frame) */
  readonly inspection: InspectionView | null;
}

export interface LogSlice {
  readonly events: EventRing;
  /** bumps on every change of `events` (the ring itself is mutated in place) */
  readonly eventsVersion: number;
  /** last message of a rejected command (bad input), shown as a dismissible notice */
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
  loaded(scenario: ScenarioMeta, view: MachineView): void;
  frame(frame: FrameMessage): void;
  setSpeed(speed: number): void;
  notify(notice: string | null): void;
  selectPe(pe: number): void;
  selectInterrupt(key: string | null): void;
}

export type GicState = ConnectionSlice & MachineSlice & LogSlice & SelectionSlice & Actions;
export type GicStore = StoreApi<GicState>;

const LOG_CAPACITY = 2000;

function applyDiff(view: MachineView, diff: MachineDiff): MachineView {
  let interrupts = view.interrupts;
  if (diff.interrupts?.length) {
    const next = { ...interrupts };
    for (const interrupt of diff.interrupts) next[interrupt.key] = interrupt;
    interrupts = next;
  }
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
    playing: false,
    canStepBack: false,
    speed: 1,
    inspection: null,
    events: new EventRing(LOG_CAPACITY),
    eventsVersion: 0,
    notice: null,
    selectedPe: 0,
    selectedKey: null,

    connected: (builtins) => set({ status: 'ready', failure: null, builtins }),
    failed: (status, reason) => set({ status, failure: reason, playing: false }),
    reconnecting: () => set({ status: 'connecting', failure: null }),
    loaded: (scenario, view) =>
      set((state) => {
        state.events.clear();
        return {
          scenario,
          view,
          playing: false,
          canStepBack: false,
          inspection: null,
          eventsVersion: state.eventsVersion + 1,
          selectedPe: Math.min(state.selectedPe, view.cpus.length - 1),
          selectedKey: null,
        };
      }),
    frame: ({ diff, events, eventsSkipped, playing, canStepBack, rewoundTo, inspection }) =>
      set((state) => {
        if (rewoundTo !== null) state.events.truncateAfter(rewoundTo);
        if (eventsSkipped) state.events.skip(eventsSkipped);
        if (events.length) state.events.pushAll(events);
        const logChanged = rewoundTo !== null || events.length > 0;
        return {
          view: state.view ? applyDiff(state.view, diff) : state.view,
          playing,
          canStepBack,
          inspection: inspection ?? state.inspection,
          eventsVersion: logChanged ? state.eventsVersion + 1 : state.eventsVersion,
        };
      }),
    setSpeed: (speed) => set({ speed }),
    notify: (notice) => set({ notice }),
    selectPe: (pe) => set({ selectedPe: pe }),
    selectInterrupt: (key) => set({ selectedKey: key }),
  }));
}
