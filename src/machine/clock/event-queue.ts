/**
 * The machine's agenda: entries ordered by virtual time, ties broken by insertion order so two
 * runs from the same state always pop the same sequence. A binary heap over plain data, so a
 * snapshot is a copy of the array.
 */
export interface QueueEntry<T> {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

export interface EventQueueState<T> {
  readonly heap: QueueEntry<T>[];
  nextSeq: number;
}

export function createQueue<T>(): EventQueueState<T> {
  return { heap: [], nextSeq: 0 };
}

function before<T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export function schedule<T>(queue: EventQueueState<T>, at: number, item: T): void {
  scheduleAs(queue, at, queue.nextSeq++, item);
}

/**
 * Schedules with a sequence number reserved earlier (below nextSeq): the entry sorts exactly
 * where it would have if it had been scheduled when the number was reserved.
 */
export function scheduleAs<T>(queue: EventQueueState<T>, at: number, seq: number, item: T): void {
  const heap = queue.heap;
  heap.push({ at, seq, item });
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const child = heap[i];
    const up = heap[parent];
    if (!before(child, up)) break;
    heap[i] = up;
    heap[parent] = child;
    i = parent;
  }
}

export function peek<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
  return queue.heap[0];
}

export function pop<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
  const heap = queue.heap;
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let best = i;
    if (l < heap.length && before(heap[l], heap[best])) best = l;
    if (r < heap.length && before(heap[r], heap[best])) best = r;
    if (best === i) break;
    const tmp = heap[i];
    heap[i] = heap[best];
    heap[best] = tmp;
    i = best;
  }
  return top;
}

/** Removes every entry matching the predicate (rare: cancelling a device deadline). */
export function cancel<T>(queue: EventQueueState<T>, match: (item: T) => boolean): void {
  const kept = queue.heap.filter((e) => !match(e.item));
  queue.heap.length = 0;
  for (const entry of kept.sort((a, b) => (before(a, b) ? -1 : 1))) queue.heap.push(entry);
}
