// Views loaded on demand register their download here, so `whenIdle()` (the test API) can wait
// until every view the page asked for is on it. No React here: the entry chunk imports this.

const pending = new Set<Promise<unknown>>();

/** Tracks a view's chunk until it has loaded (or failed). */
export function trackViewLoad<T>(load: Promise<T>): Promise<T> {
  pending.add(load);
  const settle = (): void => void pending.delete(load);
  load.then(settle, settle);
  return load;
}

/** Resolves once no view chunk is loading (including ones a render started meanwhile). */
export async function whenViewsLoaded(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
