export * from './create-store.ts';
export * from './selectors.ts';
export { EventRing } from './event-ring.ts';
export { TimelineRecords } from './timeline-records.ts';
export { applyRecovery, freshRecovery, recoveryPoint, type RecoveryCopy } from './recovery.ts';
export { useCalm, CALM_INTERVAL_MS } from './use-calm.ts';
export { groupAll, regroup, type InterruptGroups } from './interrupt-groups.ts';
