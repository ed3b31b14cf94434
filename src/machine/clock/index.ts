export { ns, parseTime, formatTime } from './time.ts';
export type { Nanoseconds } from './time.ts';
export { createQueue, schedule, scheduleAs, peek, pop, cancel } from './event-queue.ts';
export type { QueueEntry, EventQueueState } from './event-queue.ts';
