import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { UiState, UiStore } from './ui-store.ts';

export const UiContext = createContext<UiStore | null>(null);

export function useUiStore(): UiStore {
  const store = useContext(UiContext);
  if (!store) throw new Error('gicscope views must be inside <UiProvider>');
  return store;
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useUiStore(), selector);
}
