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
