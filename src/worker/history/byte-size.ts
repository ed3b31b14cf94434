/**
 * An estimate of the heap bytes a plain value (a snapshot) holds in V8 with pointer compression:
 * 4 bytes a slot, headers of 12–16 bytes, typed arrays at their byte length. JSON length would
 * undercount arrays of small numbers by about half and ignore typed arrays' real size.
 */
export function byteSize(value: unknown): number {
  return sizeOf(value, new Set());
}

function sizeOf(value: unknown, seen: Set<object>): number {
  switch (typeof value) {
    case 'number':
      // a small integer lives in its slot; a double is a 12-byte heap number
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 12;
    case 'string':
      return 16 + value.length;
    case 'bigint':
      return 16 + 8 * Math.ceil(value.toString(16).length / 16);
    case 'object': {
      if (value === null || seen.has(value)) return 0;
      seen.add(value);
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      if (Array.isArray(value)) {
        let bytes = 16 + 4 * value.length;
        for (const item of value) bytes += sizeOf(item, seen);
        return bytes;
      }
      let bytes = 16;
      for (const [key, item] of Object.entries(value)) bytes += 4 + key.length + sizeOf(item, seen);
      return bytes;
    }
    default:
      return 0;
  }
}
