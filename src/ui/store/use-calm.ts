import { useCallback, useSyncExternalStore } from 'react';
import type { GicState } from './create-store.ts';
import { useGicStore } from './instance.ts';

/** How often secondary panels (log, counts, registers, ladder) redraw during playback. */
export const CALM_INTERVAL_MS = 250;

/**
 * A panel that took this many times its redraw's duration waits that long for the next one
 * during playback: a 40 ms redraw (a 64-PE counts table) comes at most every 2 s, so that long
 * frames stay a small share of all frames.
 */
const COST_FACTOR = 50;

/** Due redraws, released one per animation frame so that no frame carries several panels. */
const due: (() => void)[] = [];
let pumping = false;
/** how long each panel's last redraw took */
const cost = new WeakMap<() => void, number>();

function pump(): void {
  const notify = due.shift();
  if (notify) {
    const started = performance.now();
    notify();
    // React renders a store notification in a microtask queued by notify(): measure after it
    queueMicrotask(() => queueMicrotask(() => cost.set(notify, performance.now() - started)));
  }
  if (due.length) requestAnimationFrame(pump);
  else pumping = false;
}

function release(notify: () => void): void {
  if (!due.includes(notify)) due.push(notify);
  if (!pumping) {
    pumping = true;
    requestAnimationFrame(pump);
  }
}

/**
 * Like `useGic`, but during playback the component re-renders at most every CALM_INTERVAL_MS,
 * and never in the same frame as another calm panel: panels read at human speed need not
 * redraw at frame rate, which keeps frames short in storms. When paused every change shows at
 * once. `selector` must be a module-level constant.
 */
export function useCalm<T>(selector: (state: GicState) => T): T {
  const store = useGicStore();
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const unsubscribe = store.subscribe((state, previous) => {
        const busy = state.playing || state.progress !== null;
        const wasBusy = previous.playing || previous.progress !== null;
        if (selector(state) === selector(previous) && busy === wasBusy) return;
        if (!busy) {
          if (timer !== null) clearTimeout(timer);
          timer = null;
          notify();
        } else
          timer ??= setTimeout(
            () => {
              timer = null;
              release(notify);
            },
            Math.max(CALM_INTERVAL_MS, (cost.get(notify) ?? 0) * COST_FACTOR),
          );
      });
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
        const index = due.indexOf(notify);
        if (index >= 0) due.splice(index, 1);
      };
    },
    [store, selector],
  );
  return useSyncExternalStore(subscribe, () => selector(store.getState()));
}
