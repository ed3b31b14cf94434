export * from './create-store.ts';
export * from './selectors.ts';
export { EventRing } from './event-ring.ts';
