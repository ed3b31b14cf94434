// The UI's front door; main.tsx is the page entry that mounts it.
export { App } from './app/App.tsx';
export { GicClient, type Command, type CommandResult, type PortFactory } from './client/index.ts';
export { createGicStore, type GicState, type GicStore } from './store/index.ts';
export { InstanceProvider } from './store/context.tsx';
export type { GicscopeTestApi, GicscopeStateSnapshot } from './test-api/types.ts';
