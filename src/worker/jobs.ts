import type { Failure } from '../protocol/index.ts';
import { formatNs } from './format-ns.ts';
import type { History } from './history/history.ts';
import { compareMoments, END, type Moment } from './history/moment.ts';

export type Outcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly detail: string; readonly failure: Failure };

/**
 * A long operation as a generator: it yields after every step, so the host can run it in slices
 * of a few milliseconds, answer Pause between two slices, and drop it (the machine is then at a
 * valid moment: every step leaves one).
 */
export type Job = Generator<void, Outcome, void>;

const noEffect = (detail: string): Outcome => ({ ok: false, detail, failure: 'no-effect' });

/** Forward to the next `count` instants where something happened (or acknowledges). */
export function* stepJob(history: History, count: number, unit: 'event' | 'acknowledge'): Job {
  let found = 0;
  while (found < count) {
    const step = history.forward(END);
    if (!step) break;
    if (unit === 'event' ? step.visible : step.acknowledged) found += 1;
    yield;
  }
  const what = unit === 'event' ? 'event' : 'acknowledge';
  if (found === 0)
    return noEffect(`no ${what} to step to: nothing is left on the machine's agenda`);
  const at = `now at ${formatNs(history.cursor.time)}`;
  return found < count
    ? { ok: true, detail: `${found} of ${count} ${what}s: nothing is left on the agenda; ${at}` }
    : { ok: true, detail: `${found} ${what}${found > 1 ? 's' : ''} forward, ${at}` };
}

/**
 * Puts the machine at `target`: back, from the nearest checkpoint at or before it; forward, by
 * replaying from the cursor. (Jumping forward to a later checkpoint skipped the events between:
 * the page kept a bar open whose return lay in them — the model-based test found it.)
 */
export function* goToJob(history: History, target: Moment): Generator<void, void, void> {
  const checkpoints = history.checkpoints;
  if (compareMoments(target, history.cursor) < 0)
    history.restoreCheckpoint(checkpoints.indexAtOrBefore(target));
  while (history.forward(target)) yield;
  if (Number.isFinite(target.time)) history.idleTo(target.time);
}

/**
 * Back `count` visible steps: the moment after the (count+1)-th visible step counted back from
 * the cursor. Checkpoints are visible moments, so each checkpoint segment is replayed once to
 * list its visible moments, newest segment first.
 */
export function* stepBackJob(history: History, count: number): Job {
  const start = history.cursor;
  const checkpoints = history.checkpoints;
  let remaining = count + 1;
  let bound = start;
  let inclusive = true;
  let target: Moment | null = null;
  history.checkpointing = false;
  try {
    for (let index = checkpoints.indexAtOrBefore(start); index >= 0; index -= 1) {
      const checkpoint = history.restoreCheckpoint(index);
      const segment: Moment[] = [checkpoint.moment];
      for (
        let step = history.forward(bound, inclusive);
        step;
        step = history.forward(bound, inclusive)
      ) {
        if (step.visible) segment.push(step.moment);
        yield;
      }
      if (segment.length >= remaining) {
        target = segment[segment.length - remaining];
        break;
      }
      remaining -= segment.length;
      bound = checkpoint.moment;
      inclusive = false;
    }
  } finally {
    history.checkpointing = true;
  }
  const taken = count + 1 - remaining;
  if (target === null) target = checkpoints.oldest.moment;
  yield* goToJob(history, target);
  if (compareMoments(history.cursor, start) >= 0) return noEffect('nothing to step back to');
  const at = `now at ${formatNs(Math.max(0, history.cursor.time))}`;
  return target === checkpoints.oldest.moment && taken < count
    ? { ok: true, detail: `back to the oldest moment kept (${taken} of ${count} steps), ${at}` }
    : { ok: true, detail: `${count} step${count > 1 ? 's' : ''} back, ${at}` };
}

/** To just after event `seq` (with the rest of its instant), in either direction. */
export function* seekJob(history: History, seq: number, currentSeq: () => number): Job {
  const before = history.cursor;
  const checkpoints = history.checkpoints;
  if (seq < 0) {
    yield* goToJob(history, checkpoints.oldest.moment);
  } else {
    // back from a checkpoint; forward by replay, never skipping events (see goToJob)
    if (seq <= currentSeq()) history.restoreCheckpoint(checkpoints.indexBeforeSeq(seq));
    while (currentSeq() < seq) {
      if (!history.forward(END)) break;
      yield;
    }
  }
  const now = currentSeq();
  if (compareMoments(history.cursor, before) === 0)
    return noEffect(`already at event ${now} (${formatNs(Math.max(0, before.time))})`);
  if (now < seq)
    return {
      ok: true,
      detail: `event ${seq} never happens: the agenda ran out at event ${now}`,
    };
  const older = seq >= 0 && checkpoints.oldest.seq > seq;
  return {
    ok: true,
    detail: older
      ? `event ${seq} is older than the history kept; at the oldest moment (event ${now})`
      : `at event ${now}, ${formatNs(Math.max(0, history.cursor.time))}`,
  };
}

/** Runs every instant up to `time` and moves the clock there. */
export function* runUntilJob(history: History, time: number): Job {
  const bound: Moment = { time, inputs: Infinity };
  while (history.forward(bound)) yield;
  history.idleTo(time);
  return { ok: true, detail: `now at ${formatNs(time)}` };
}
