export { ns, parseTime, readTime, formatTime, MAX_TIME_NS } from './time.ts';
export type { Nanoseconds, TimeReading } from './time.ts';
export { createQueue, schedule, scheduleAs, peek, pop, cancel } from './event-queue.ts';
export type { QueueEntry, EventQueueState } from './event-queue.ts';
