export * from './create-store.ts';
export * from './selectors.ts';
export { EventRing } from './event-ring.ts';
export { useCalm, CALM_INTERVAL_MS } from './use-calm.ts';
