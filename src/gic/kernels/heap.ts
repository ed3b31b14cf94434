/**
 * Indexed binary min-heap of slots ordered by `keys[slot]`, with positions kept in `pos` so any
 * slot can be removed or re-keyed in O(log n). One heap per (PE, group) holds that PE's HPPI
 * candidates; its top is the group's best candidate.
 */
export function heapPush(heap: number[], slot: number, keys: Int32Array, pos: Int32Array): void {
  heap.push(slot);
  siftUp(heap, heap.length - 1, keys, pos);
}

export function heapRemove(heap: number[], slot: number, keys: Int32Array, pos: Int32Array): void {
  const i = pos[slot] ?? 0;
  const last = heap.pop() ?? slot;
  if (last === slot) return;
  heap[i] = last;
  pos[last] = i;
  siftDown(heap, i, keys, pos);
  siftUp(heap, pos[last] ?? i, keys, pos);
}

export function heapUpdate(heap: number[], slot: number, keys: Int32Array, pos: Int32Array): void {
  const i = pos[slot] ?? 0;
  siftUp(heap, i, keys, pos);
  siftDown(heap, pos[slot] ?? i, keys, pos);
}

function siftUp(heap: number[], start: number, keys: Int32Array, pos: Int32Array): void {
  let i = start;
  const slot = heap[i] ?? 0;
  const key = keys[slot] ?? 0;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const ps = heap[parent] ?? 0;
    if ((keys[ps] ?? 0) <= key) break;
    heap[i] = ps;
    pos[ps] = i;
    i = parent;
  }
  heap[i] = slot;
  pos[slot] = i;
}

function siftDown(heap: number[], start: number, keys: Int32Array, pos: Int32Array): void {
  const n = heap.length;
  let i = start;
  const slot = heap[i] ?? 0;
  const key = keys[slot] ?? 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    let cs = heap[l] ?? 0;
    if (r < n) {
      const rs = heap[r] ?? 0;
      if ((keys[rs] ?? 0) < (keys[cs] ?? 0)) {
        c = r;
        cs = rs;
      }
    }
    if ((keys[cs] ?? 0) >= key) break;
    heap[i] = cs;
    pos[cs] = i;
    i = c;
  }
  heap[i] = slot;
  pos[slot] = i;
}
