/**
 * An estimate of the heap a value retains, in bytes, for memory budgets (a 64-bit V8 heap
 * without pointer compression, as in Node and Chromium workers): object header 24 + 8 per
 * property, array 48 + 8 per element, string 24 + its length, a number that is not a small
 * integer 16, typed arrays their bytes + 96. Objects reachable twice are counted once.
 *
 * With `accounted`, an object already in it counts nothing (and is not walked), and every object
 * walked is added: snapshots of one machine share the immutable parts of its state (log lines,
 * ops, agenda entries), and each such object is then counted by the first snapshot that holds
 * it, so the sizes of the snapshots kept add up to about the heap they retain together.
 * bench/machine.bench.ts compares the figure with the heap growth measured for many snapshots.
 */
export function estimateBytes(root: unknown, accounted?: WeakSet<object>): number {
  const seen = accounted ?? new WeakSet<object>();
  const stack: unknown[] = [root];
  let bytes = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    switch (typeof v) {
      case 'string':
        bytes += 24 + v.length;
        continue;
      case 'number':
        if (!Number.isInteger(v) || v > 0x3fffffff || v < -0x40000000) bytes += 16;
        continue;
      case 'object': {
        if (v === null || seen.has(v)) continue;
        seen.add(v);
        if (ArrayBuffer.isView(v)) {
          bytes += v.byteLength + 96;
          continue;
        }
        if (Array.isArray(v)) {
          bytes += 48 + 8 * v.length;
          for (const x of v as unknown[]) stack.push(x);
          continue;
        }
        const values = Object.values(v);
        bytes += 24 + 8 * values.length;
        for (const x of values) stack.push(x);
        continue;
      }
      default:
        continue;
    }
  }
  return bytes;
}
