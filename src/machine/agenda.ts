import { scheduleAs } from './clock/index.ts';
import type { Core } from './core.ts';
import type { Scenario } from './scenario/index.ts';

/**
 * The scenario's timeline actions and expectation checks are on the agenda one at a time: the
 * next in time order is scheduled when the previous one runs. Each keeps the sequence number
 * reserved for it at boot, so ties with other entries break exactly as if all had been
 * scheduled at once — while the agenda (and every snapshot of it) stays small however long the
 * timeline is.
 */
export interface ScenarioSchedule {
  /** Timeline indices in (time, index) order, and likewise for expectations. */
  readonly timeline: readonly number[];
  readonly expect: readonly number[];
  /** Sequence number reserved for timeline index 0; expectation j has base + timeline + j. */
  readonly base: number;
}

function inTimeOrder(items: readonly { readonly at: number }[]): number[] {
  return items.map((_, i) => i).sort((a, b) => (items[a]?.at ?? 0) - (items[b]?.at ?? 0) || a - b);
}

/** Reserves the sequence numbers and schedules the first of each; called once at boot. */
export function startSchedule(core: Core): ScenarioSchedule {
  const { scenario, state } = core;
  const plan: ScenarioSchedule = {
    timeline: inTimeOrder(scenario.timeline),
    expect: inTimeOrder(scenario.expect),
    base: state.queue.nextSeq,
  };
  state.queue.nextSeq += scenario.timeline.length + scenario.expect.length;
  state.timelineNext = 0;
  state.expectNext = 0;
  scheduleNextAction(core, plan);
  scheduleNextCheck(core, plan);
  return plan;
}

export function scheduleNextAction(core: Core, plan: ScenarioSchedule): void {
  const index = plan.timeline[core.state.timelineNext];
  if (index === undefined) return;
  core.state.timelineNext++;
  const at = core.scenario.timeline[index]?.at ?? 0;
  scheduleAs(core.state.queue, at, plan.base + index, { kind: 'timeline', index });
}

export function scheduleNextCheck(core: Core, plan: ScenarioSchedule): void {
  const index = plan.expect[core.state.expectNext];
  if (index === undefined) return;
  core.state.expectNext++;
  const at = core.scenario.expect[index]?.at ?? 0;
  const seq = plan.base + core.scenario.timeline.length + index;
  scheduleAs(core.state.queue, at, seq, { kind: 'expect', index });
}

export type { Scenario };
