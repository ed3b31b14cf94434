import type { Gic } from '../gic/index.ts';
import { schedule } from './clock/index.ts';
import type { MachineEventBody, MachineEvent } from './events.ts';
import type { Op } from './guest/ops.ts';
import type { GuestPlan } from './guest/plan.ts';
import type { Scenario } from './scenario/index.ts';
import type { AgendaItem, MachineState, PeState } from './state.ts';

/** The shared context the machine's parts work on: state, the GIC, and the event sink. */
export interface Core {
  readonly scenario: Scenario;
  /** The boot PE's plan (Distributor values, messages). */
  readonly plan: GuestPlan;
  /** Per-PE plans: they differ only in the NMI scheme when guest.nmiByPe mixes them. */
  readonly plans: readonly GuestPlan[];
  readonly gic: Gic;
  state: MachineState;
  /** Events collected since the driver last drained them. */
  readonly pending: MachineEvent[];
  /** While set, GIC events are not recorded (expectation reads). */
  muted: boolean;
  /** The PE whose turn is running: it reschedules itself at the end. */
  running: number | null;
}

export function emit(core: Core, body: MachineEventBody): void {
  const event = { ...body, seq: core.state.eventSeq++, at: core.state.now } as MachineEvent;
  core.pending.push(event);
}

export function scheduleAt(core: Core, at: number, item: AgendaItem): void {
  schedule(core.state.queue, at, item);
}

export function pe(core: Core, index: number): PeState {
  const state = core.state.pes[index];
  if (state === undefined) throw new RangeError(`no PE ${index}`);
  return state;
}

/** Puts the PE's next turn on the agenda at `at`, unless it already has one at or before then. */
export function wake(core: Core, index: number, at = core.state.now): void {
  const p = pe(core, index);
  if (core.running === index || (p.runAt !== null && p.runAt <= at)) return;
  p.runAt = at;
  p.runToken++;
  scheduleAt(core, at, { kind: 'pe-run', pe: index, token: p.runToken });
}

/** Queues guest code on a PE's task (thread) context. */
export function appendTask(core: Core, index: number, ops: readonly Op[]): void {
  const task = pe(core, index).frames[0];
  if (task === undefined) throw new Error(`PE ${index} has no task frame`);
  task.ops.push(...ops);
  wake(core, index);
}

export function planOf(core: Core, index: number): GuestPlan {
  return core.plans[index] ?? core.plan;
}

export function log(core: Core, peIndex: number | null, text: string): void {
  core.state.guest.log.push({ at: core.state.now, pe: peIndex, text });
  emit(core, { kind: 'guest-logged', pe: peIndex, text });
}

export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
