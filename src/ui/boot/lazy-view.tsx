import { lazy, Suspense, type ComponentType } from 'react';
import { trackViewLoad } from './view-loads.ts';

/**
 * A view that is not on the first screen's critical path: its code (and d3, for the charts) comes
 * in its own chunk, fetched when the view first renders, while the rest of the page is already
 * up. Until then it takes no space; its own Suspense boundary keeps the rest from waiting.
 */
export function lazyView<P extends object>(
  load: () => Promise<Record<string, unknown>>,
  exportName: string,
): ComponentType<P> {
  const Lazy = lazy(async () => {
    const module = await trackViewLoad(load());
    const component = module[exportName];
    if (typeof component !== 'function' && typeof component !== 'object')
      throw new Error(`lazyView: the chunk has no export "${exportName}"`);
    return { default: component as ComponentType<P> };
  });
  function LazyView(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  LazyView.displayName = `Lazy(${exportName})`;
  return LazyView;
}
