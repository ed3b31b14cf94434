import { useDeferredValue, useEffect } from 'react';
import { pendingWork } from './pending-work.ts';

// Drawing put off to idle time (the paused timeline's off-screen lanes) registers here, so that
// `whenIdle()` resolves only once the page shows everything.

const drawing = pendingWork();

/** Marks drawing as left to do until the returned function is called. */
export function beginDeferredDrawing(): () => void {
  return drawing.begin();
}

export function whenDeferredDrawingDone(): Promise<void> {
  return drawing.whenDone();
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
