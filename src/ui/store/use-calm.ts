import { useCallback, useSyncExternalStore } from 'react';
import type { GicState } from './create-store.ts';
import { useGicStore } from './instance.ts';

/** How often secondary panels (log, counts, registers, ladder) redraw during playback. */
export const CALM_INTERVAL_MS = 250;

/** Due redraws, released one per animation frame so that no frame carries several panels. */
const due: (() => void)[] = [];
let pumping = false;

function pump(): void {
  due.shift()?.();
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
        if (selector(state) === selector(previous) && state.playing === previous.playing) return;
        if (!state.playing) {
          if (timer !== null) clearTimeout(timer);
          timer = null;
          notify();
        } else
          timer ??= setTimeout(() => {
            timer = null;
            release(notify);
          }, CALM_INTERVAL_MS);
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
