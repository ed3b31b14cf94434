import type { EventQueueState } from './clock/index.ts';
import type { InterruptMasks } from './pe/pstate.ts';
import type { FrameKind, Op } from './guest/ops.ts';
import type { GuestCall, InjectorMode } from './scenario/index.ts';

/** What the agenda can hold; each entry is plain data. */
export type AgendaItem =
  | { readonly kind: 'pe-run'; readonly pe: number; readonly token: number }
  | { readonly kind: 'timeline'; readonly index: number }
  | { readonly kind: 'expect'; readonly index: number }
  | { readonly kind: 'device-fire'; readonly device: number; readonly pe: number | null }
  | { readonly kind: 'lower-line'; readonly intid: number; readonly pe: number | null };

/** One level of a PE's handler stack; frame 0 is the interrupted task (thread context). */
export interface Frame {
  kind: FrameKind;
  label: string;
  intid: number | null;
  nmi: boolean;
  /**
   * The code still to run, as a stack: the next op is the last element (pop is O(1) and a
   * decision op pushes what follows it). Op objects are immutable and shared (guest/programs.ts).
   */
  ops: Op[];
  vars: Record<string, number>;
  /** PSTATE masks saved in SPSR on entry; null for the task frame. */
  saved: InterruptMasks | null;
  enteredAt: number;
  /** When the `work` op in progress ends (ns), or -1: an interrupt taken meanwhile resumes it. */
  workEnd: number;
}

export interface PeState {
  readonly index: number;
  masks: InterruptMasks;
  sctlrNmi: boolean;
  frames: Frame[];
  /** When the PE's next turn is on the agenda, or null while it waits for interrupts (WFI). */
  runAt: number | null;
  /** Identifies the live pe-run entry; an earlier wake-up makes older entries stale. */
  runToken: number;
  criticalSection: boolean;
  booted: boolean;
}

export type IrqKind = 'irq' | 'nmi' | 'percpu-irq' | 'percpu-nmi' | 'ipi' | 'ipi-nmi';

/** The guest's irq_desc for one INTID: the /proc/interrupts row. */
export interface IrqDesc {
  readonly intid: number;
  name: string;
  kind: IrqKind;
  trigger: 'level' | 'edge';
  shared: boolean;
  enabled: boolean;
  /** Virtual time the handler body takes. */
  handlerNs: number;
}

export interface LogLine {
  readonly at: number;
  readonly pe: number | null;
  readonly text: string;
}

export interface GuestState {
  calls: GuestCall[];
  descs: Record<string, IrqDesc>;
  /** counts[intid][pe], plus 'err' for interrupts nobody requested. */
  counts: Record<string, number[]>;
  /**
   * The newest dmesg lines, oldest first: at most LOG_KEPT (a guest that logs in a storm must not
   * grow the state, so snapshots stay small). Every line is still an event when it is logged.
   */
  log: LogLine[];
  /** Lines logged since boot, including those no longer in `log`. */
  logTotal: number;
  /** How often each distinct text was logged (at most LOG_TEXTS texts; the rest are not named). */
  logTexts: Record<string, number>;
  booted: boolean;
}

/** Guest log lines the state keeps, and distinct texts it counts. */
export const LOG_KEPT = 256;
export const LOG_TEXTS = 1024;

export interface DeviceRuntime {
  /** Lines this device currently holds high, as "intid" or "intid@pe". */
  asserted: string[];
  /** Index into receiveAt for the UART. */
  cursor: number;
}

export interface InjectorState {
  mode: InjectorMode;
  /** The last candidate raised, for the round-robin rotation; null before the first. */
  last: { intid: number; pe: number | null } | null;
  chosen: number[];
  /** Level lines the injector holds until acknowledged: "intid" or "intid@pe". */
  held: string[];
}

export interface MachineState {
  now: number;
  queue: EventQueueState<AgendaItem>;
  pes: PeState[];
  guest: GuestState;
  devices: DeviceRuntime[];
  injector: InjectorState;
  prng: number;
  eventSeq: number;
  /**
   * The scenario's timeline and expectations are put on the agenda one at a time, in time order
   * (see agenda.ts): how many of each have been scheduled so far.
   */
  timelineNext: number;
  expectNext: number;
  /** Results of expectations checked so far, by index. */
  results: ({ passed: boolean; actual: string } | null)[];
}

const lineKeys = new Map<number, string>();

/** "intid" or "intid@pe": how device and injector state names a line (made once per line). */
export function lineKey(intid: number, pe: number | null): string {
  const code = intid * 4096 + (pe === null ? 0 : pe + 1);
  let key = lineKeys.get(code);
  if (key === undefined) {
    key = pe === null ? String(intid) : `${intid}@${pe}`;
    lineKeys.set(code, key);
  }
  return key;
}
