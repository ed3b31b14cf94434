import type { GicState } from './create-store.ts';

// Module-level selectors: stable identities, narrow subscriptions.
export const selectStatus = (s: GicState) => s.status;
export const selectFailure = (s: GicState) => s.failure;
export const selectBuiltins = (s: GicState) => s.builtins;
export const selectScenario = (s: GicState) => s.scenario;
export const selectView = (s: GicState) => s.view;
export const selectPlaying = (s: GicState) => s.playing;
export const selectCanStepBack = (s: GicState) => s.canStepBack;
export const selectSpeed = (s: GicState) => s.speed;
export const selectNotice = (s: GicState) => s.notice;
export const selectSelectedPe = (s: GicState) => s.selectedPe;
export const selectSelectedKey = (s: GicState) => s.selectedKey;
export const selectEventsVersion = (s: GicState) => s.eventsVersion;
export const selectCpus = (s: GicState) => s.view?.cpus;
export const selectPeCount = (s: GicState) => s.view?.cpus.length ?? 0;
export const selectCounters = (s: GicState) => s.view?.counters;
export const selectInjector = (s: GicState) => s.view?.injector;
export const selectConfig = (s: GicState) => s.view?.config;
/** virtual time at the cursor (integer ns) */
export const selectTime = (s: GicState) => s.cursor.time;
export const selectCursor = (s: GicState) => s.cursor;
export const selectProgress = (s: GicState) => s.progress;
export const selectTimelineVersion = (s: GicState) => s.timelineVersion;
/** @deprecated-ish: mutated in place per frame; subscribe to selectInterruptGroups to redraw */
export const selectInterrupts = (s: GicState) => s.view?.interrupts;
export const selectInterruptGroups = (s: GicState) => s.interruptGroups;
/** playing, or a long operation running: secondary panels redraw at a calm pace */
export const selectBusy = (s: GicState) => s.playing || s.progress !== null;
export const selectSelectedCpu = (s: GicState) => s.view?.cpus[s.selectedPe];
export const selectInspection = (s: GicState) => s.inspection;
export const selectChecks = (s: GicState) => s.view?.checks;
export const selectEndTime = (s: GicState) => s.view?.config.endTime;

/** The log as drawn: rows up to the cursor (a recorded future after it stays hidden). */
export function visibleLog(s: GicState) {
  const { events, cursor } = s;
  return {
    rows: events.latest(events.capacity, cursor.seq),
    future: events.after(cursor.seq),
    dropped: events.dropped,
  };
}
