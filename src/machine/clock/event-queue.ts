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
  const entry = { at, seq, item };
  // Sift up with a hole: parents move down until the entry's place is found.
  let i = heap.length;
  heap.push(entry);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const up = heap[parent];
    if (up.at < at || (up.at === at && up.seq < seq)) break;
    heap[i] = up;
    i = parent;
  }
  heap[i] = entry;
}

export function peek<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
  return queue.heap[0];
}

export function pop<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
  const heap = queue.heap;
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  // Sift the last entry down from the root with a hole.
  const n = heap.length;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    let c = l;
    let child = heap[l];
    const r = l + 1;
    if (r < n) {
      const right = heap[r];
      if (before(right, child)) {
        c = r;
        child = right;
      }
    }
    if (!before(child, last)) break;
    heap[i] = child;
    i = c;
  }
  heap[i] = last;
  return top;
}

/** Removes every entry matching the predicate (rare: cancelling a device deadline). */
export function cancel<T>(queue: EventQueueState<T>, match: (item: T) => boolean): void {
  const kept = queue.heap.filter((e) => !match(e.item));
  queue.heap.length = 0;
  for (const entry of kept.sort((a, b) => (before(a, b) ? -1 : 1))) queue.heap.push(entry);
}
