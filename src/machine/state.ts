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
  ops: Op[];
  vars: Record<string, number>;
  /** PSTATE masks saved in SPSR on entry; null for the task frame. */
  saved: InterruptMasks | null;
  enteredAt: number;
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

export type IrqKind = 'irq' | 'nmi' | 'percpu-irq' | 'percpu-nmi' | 'ipi' | 'ipi-nmi' | 'msi';

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
  /** MSIs through the ITS: the device and event that raise this LPI, and its CPU. */
  msi?: { deviceId: number; eventId: number; pe: number };
}

export interface GuestState {
  calls: GuestCall[];
  descs: Record<string, IrqDesc>;
  /** counts[intid][pe], plus 'err' for interrupts nobody requested. */
  counts: Record<string, number[]>;
  log: { at: number; pe: number | null; text: string }[];
  booted: boolean;
  /** The ITS driver's GITS_CWRITER (byte offset in its command queue). */
  itsCwriter?: number;
}

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
  /** Results of expectations checked so far, by index. */
  results: ({ passed: boolean; actual: string } | null)[];
}

export function lineKey(intid: number, pe: number | null): string {
  return pe === null ? String(intid) : `${intid}@${pe}`;
}
