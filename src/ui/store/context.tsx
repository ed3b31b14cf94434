import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { GicClient } from '../client/client.ts';
import type { GicState, GicStore } from './create-store.ts';

interface AppInstance {
  readonly store: GicStore;
  readonly client: GicClient;
}

const InstanceContext = createContext<AppInstance | null>(null);

export function InstanceProvider(props: AppInstance & { readonly children: ReactNode }) {
  const { store, client, children } = props;
  return <InstanceContext.Provider value={{ store, client }}>{children}</InstanceContext.Provider>;
}

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
