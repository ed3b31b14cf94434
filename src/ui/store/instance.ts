import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { GicClient } from '../client/client.ts';
import type { GicState, GicStore } from './create-store.ts';

export interface AppInstance {
  readonly store: GicStore;
  readonly client: GicClient;
}

/** One store and one client per app instance (and per test). */
export const InstanceContext = createContext<AppInstance | null>(null);

function useInstance(): AppInstance {
  const instance = useContext(InstanceContext);
  if (!instance) throw new Error('gicscope components must be inside <InstanceProvider>');
  return instance;
}

export function useGic<T>(selector: (state: GicState) => T): T {
  return useStore(useInstance().store, selector);
}

export function useClient(): GicClient {
  return useInstance().client;
}

export function useGicStore(): GicStore {
  return useInstance().store;
}
