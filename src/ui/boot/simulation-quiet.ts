import type { GicStore } from '../store/index.ts';

/**
 * Resolves once the simulation has stood still (not playing, no long operation) for `ms`
 * without a break. Work that can wait, such as installing the offline copy, waits for it: during
 * a storm at max speed the worker holds one of a 2-core machine's cores, and the service worker's
 * precache (600 ms of CPU in the first 2 s after Play, in a trace) took the page's share of the
 * other.
 */
export function simulationQuiet(store: GicStore, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const look = (): void => {
      const { playing, progress } = store.getState();
      if (playing || progress !== null) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      } else if (timer === null) {
        timer = setTimeout(() => {
          unsubscribe();
          resolve();
        }, ms);
      }
    };
    const unsubscribe = store.subscribe(look);
    look();
  });
}
