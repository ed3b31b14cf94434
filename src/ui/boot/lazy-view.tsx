import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { usePrerender } from './prerender.ts';
import { Shown } from './shown.tsx';
import { trackViewLoad } from './view-loads.ts';

/** whenIdle()'s wait for one lazy view: from its first render until it is on the page. */
class RevealWait {
  private end: (() => void) | null = null;
  private revealed = false;

  /** Starts the wait unless it is running or over. */
  begin(): void {
    if (this.revealed || this.end !== null) return;
    void trackViewLoad(new Promise<void>((resolve) => (this.end = resolve)));
  }

  /** Ends it: the view was revealed, failed to load, or was taken off the page. */
  readonly finish = (): void => {
    this.revealed = true;
    this.end?.();
    this.end = null;
  };
}

/**
 * A view that is not on the first screen's critical path: its code (and d3, for the charts) comes
 * in its own chunk, fetched when the view first renders, while the rest of the page is already
 * up. Until then it takes no space; its own Suspense boundary keeps the rest from waiting.
 *
 * `whenIdle()` waits until the view is on the page, not only until its chunk arrived: React holds
 * a resolved Suspense boundary back for a while (its fallback throttle) before it commits it.
 */
export function lazyView<P extends object>(
  load: () => Promise<Record<string, unknown>>,
  exportName: string,
): ComponentType<P> {
  const wait = new RevealWait();
  const Lazy = lazy(async () => {
    try {
      const module = await load();
      const component = module[exportName];
      if (typeof component !== 'function' && typeof component !== 'object')
        throw new Error(`lazyView: the chunk has no export "${exportName}"`);
      return { default: component as ComponentType<P> };
    } catch (error) {
      wait.finish(); // the error boundary shows the failure; nothing more to wait for
      throw error;
    }
  });
  function LazyView(props: P) {
    const prerender = usePrerender();
    // a view taken off the page before it was revealed must not hold whenIdle() forever
    useEffect(() => wait.finish, []);
    // the static first screen shows what the page shows before the chunk arrives: nothing
    if (prerender) return null;
    wait.begin();
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
        <Shown onShown={wait.finish} />
      </Suspense>
    );
  }
  LazyView.displayName = `Lazy(${exportName})`;
  return LazyView;
}
