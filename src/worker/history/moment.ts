import type { Moment } from '../../protocol/index.ts';

export type { Moment };

/** Before anything ran: the scenario as loaded (time -1 orders it before instant 0). */
export const START: Moment = { time: -1, inputs: 0 };

/** As far as anything goes: every instant, every recorded input. */
export const END: Moment = { time: Infinity, inputs: Infinity };

/** Moments are ordered by time, then by how many recorded inputs they include. */
export function compareMoments(a: Moment, b: Moment): number {
  return a.time !== b.time ? a.time - b.time : a.inputs - b.inputs;
}

export const sameMoment = (a: Moment, b: Moment) => compareMoments(a, b) === 0;
