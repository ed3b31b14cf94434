// Animations register here so `whenIdle()` can wait for them; reduced motion and test mode
// (`?motion=off`) turn them off.

let running = 0;
let waiters: (() => void)[] = [];

export function motionEnabled(): boolean {
  if (new URLSearchParams(window.location.search).get('motion') === 'off') return false;
  return !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Marks an animation as running until the returned function is called. */
export function beginAnimation(): () => void {
  running += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    running -= 1;
    if (running === 0) {
      const settled = waiters;
      waiters = [];
      for (const resolve of settled) resolve();
    }
  };
}

export function whenAnimationsSettled(): Promise<void> {
  if (running === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}
