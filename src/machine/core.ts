import type { Gic, GicEvent } from '../gic/index.ts';
import { schedule } from './clock/index.ts';
import type { MachineEventBody, MachineEvent } from './events.ts';
import type { Op } from './guest/ops.ts';
import type { GuestPlan } from './guest/plan.ts';
import type { Scenario } from './scenario/index.ts';
import { LOG_KEPT, LOG_TEXTS } from './state.ts';
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
  /** Events collected since the driver last delivered them; reused, never shrunk. */
  readonly pending: (MachineEvent | undefined)[];
  /** How many of `pending` are live. */
  pendingCount: number;
  /** While set, GIC events are not recorded (firmware set-up before boot). */
  muted: boolean;
  /** The PE whose turn is running: it reschedules itself at the end. */
  running: number | null;
  /** GIC events recorded since creation, and whether any was an acknowledge (run loops read these). */
  gicEvents: number;
  acknowledges: number;
}

function record(core: Core, event: MachineEvent): void {
  const pending = core.pending;
  if (core.pendingCount < pending.length) pending[core.pendingCount] = event;
  else pending.push(event);
  core.pendingCount++;
}

/**
 * Records a machine event. The body literal becomes the event: it is stamped with its sequence
 * number and time in place (a spread per event cost more than the rest of the machine's work).
 */
export function emit(core: Core, body: MachineEventBody): void {
  const event = body as { seq: number; at: number } & MachineEventBody;
  event.seq = core.state.eventSeq++;
  event.at = core.state.now;
  record(core, event);
}

/** A GIC event wrapped as a machine event: the commonest event, built in one literal. */
export function emitGic(core: Core, event: GicEvent): void {
  core.gicEvents++;
  if (event.kind === 'acknowledged') core.acknowledges++;
  record(core, { kind: 'gic', event, seq: core.state.eventSeq++, at: core.state.now });
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

/** Pushes ops onto a frame's stack so that `ops[0]` runs next. */
export function runNext(stack: Op[], ops: readonly Op[]): void {
  for (let i = ops.length - 1; i >= 0; i--) stack.push(ops[i]);
}

/** Queues guest code on a PE's task (thread) context, after what it already has to do. */
export function appendTask(core: Core, index: number, ops: readonly Op[]): void {
  const task = pe(core, index).frames[0];
  if (task === undefined) throw new Error(`PE ${index} has no task frame`);
  // The stack's bottom is the end of the program.
  task.ops.unshift(...[...ops].reverse());
  wake(core, index);
}

export function planOf(core: Core, index: number): GuestPlan {
  return core.plans[index] ?? core.plan;
}

/**
 * Adds a line to the guest's dmesg in the state, bounded: the newest LOG_KEPT…2·LOG_KEPT lines
 * and a count per distinct text (LOG_TEXTS of them).
 */
export function remember(core: Core, peIndex: number | null, text: string): void {
  const guest = core.state.guest;
  guest.log.push({ at: core.state.now, pe: peIndex, text });
  if (guest.log.length > 2 * LOG_KEPT) guest.log.splice(0, guest.log.length - LOG_KEPT);
  guest.logTotal++;
  const seen = guest.logTexts[text];
  if (seen !== undefined) guest.logTexts[text] = seen + 1;
  else if (Object.keys(guest.logTexts).length < LOG_TEXTS) guest.logTexts[text] = 1;
}

/** The guest prints a dmesg line: remembered (bounded) and reported as an event. */
export function log(core: Core, peIndex: number | null, text: string): void {
  remember(core, peIndex, text);
  emit(core, { kind: 'guest-logged', pe: peIndex, text });
}

export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
