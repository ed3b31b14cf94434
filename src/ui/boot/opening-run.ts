import type { GicClient } from '../client/client.ts';
import type { GicStore } from '../store/create-store.ts';

export interface OpeningRun {
  /** Stops waiting for a load (one that failed sends none) and resolves once the run answered. */
  settled(): Promise<void>;
}

/**
 * Runs the scenario the store loads next to its first chapter. The run is sent the moment the
 * worker's `loaded` lands, not after the load's reply: the page draws the scenario's start
 * between the two (the frame after `loaded`), and the worker would idle through that drawing
 * before it heard of the run (issue 13).
 */
export function runToFirstChapterOnLoad(store: GicStore, client: GicClient): OpeningRun {
  let run: Promise<unknown> = Promise.resolve();
  // zustand calls listeners inside the update, before React draws it
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.scenario === null || state.scenario === previous.scenario) return;
    unsubscribe();
    const chapter = state.scenario.chapters?.[0];
    if (chapter) run = client.runUntil(chapter.at);
  });
  return {
    settled: async () => {
      unsubscribe();
      await run;
    },
  };
}
