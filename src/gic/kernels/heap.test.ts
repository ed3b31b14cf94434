import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapPush, heapRemove, heapUpdate } from './heap.ts';

describe('indexed min-heap', () => {
  it('top is always the minimum key under random push/remove/re-key', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 31 }),
            fc.integer({ min: 0, max: 1000 }),
            fc.constantFrom('push', 'remove', 'rekey'),
          ),
          { maxLength: 200 },
        ),
        (ops) => {
          const keys = new Int32Array(32);
          const pos = new Int32Array(32);
          const heap: number[] = [];
          const inHeap = new Set<number>();
          for (const [slot, key, op] of ops) {
            if (op === 'push' && !inHeap.has(slot)) {
              keys[slot] = key;
              heapPush(heap, slot, keys, pos);
              inHeap.add(slot);
            } else if (op === 'remove' && inHeap.has(slot)) {
              heapRemove(heap, slot, keys, pos);
              inHeap.delete(slot);
            } else if (op === 'rekey' && inHeap.has(slot)) {
              keys[slot] = key;
              heapUpdate(heap, slot, keys, pos);
            }
            const min = Math.min(...[...inHeap].map((s) => keys[s] ?? 0));
            expect(heap.length).toBe(inHeap.size);
            if (heap.length > 0) expect(keys[heap[0] ?? -1]).toBe(min);
            heap.forEach((s, i) => expect(pos[s]).toBe(i));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
