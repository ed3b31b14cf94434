import { useState, type ReactNode } from 'react';
import { UiContext } from './ui-instance.ts';
import { createUiStore, type UiStore } from './ui-store.ts';

/** One UI store per app instance; pass `store` to start in a given state (tests, deep links). */
export function UiProvider({
  store,
  children,
}: {
  readonly store?: UiStore;
  readonly children: ReactNode;
}) {
  const [own] = useState(() => store ?? createUiStore());
  return <UiContext.Provider value={own}>{children}</UiContext.Provider>;
}
