export type * from './api.ts';
export { createGic } from './gic.ts';
export { GicListenerError } from './events.ts';
export { gicSnapshotToJson } from './snapshot.ts';
