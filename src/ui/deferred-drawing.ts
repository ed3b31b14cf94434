import { useDeferredValue, useEffect } from 'react';

// Drawing put off to idle time (the paused timeline's off-screen lanes) registers here, so that
// `whenIdle()` resolves only once the page shows everything.

let pending = 0;
let waiters: (() => void)[] = [];

/** Marks drawing as left to do until the returned function is called. */
export function beginDeferredDrawing(): () => void {
  pending += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pending -= 1;
    if (pending === 0) {
      const settled = waiters;
      waiters = [];
      for (const resolve of settled) resolve();
    }
  };
}

export function whenDeferredDrawingDone(): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/**
 * `value` as a panel shows it: a change is rendered in React's time slices (useDeferredValue), not
 * in the task of the frame that brought it, and whenIdle() waits until the panel has caught up.
 */
export function useDeferredShown<T>(value: T): T {
  const shown = useDeferredValue(value);
  const behind = shown !== value;
  useEffect(() => (behind ? beginDeferredDrawing() : undefined), [behind]);
  return shown;
}
