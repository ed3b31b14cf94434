import type { ReactNode } from 'react';
import { InstanceContext, type AppInstance } from './instance.ts';

export function InstanceProvider(props: AppInstance & { readonly children: ReactNode }) {
  const { store, client, children } = props;
  return <InstanceContext.Provider value={{ store, client }}>{children}</InstanceContext.Provider>;
}
