// Work the page has started and not finished (an animation, drawing put off to idle time), counted
// so that `whenIdle()` can wait until there is none.

export interface PendingWork {
  /** Marks one piece of work as started; the returned function marks it done (once). */
  begin(): () => void;
  /** Resolves once no piece of work is left. */
  whenDone(): Promise<void>;
}

export function pendingWork(): PendingWork {
  let pending = 0;
  let waiters: (() => void)[] = [];
  return {
    begin() {
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
    },
    whenDone() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
