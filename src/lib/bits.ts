/** Extracts bits [hi:lo] of a 32-bit value as an unsigned number. */
export function bitField(value: number, hi: number, lo: number): number {
  const width = hi - lo + 1;
  return width >= 32 ? value >>> 0 : ((value >>> lo) & ((1 << width) - 1)) >>> 0;
}

/** Replaces bits [hi:lo] of a 32-bit value. */
export function withBitField(value: number, hi: number, lo: number, field: number): number {
  const width = hi - lo + 1;
  const mask = width >= 32 ? 0xffffffff : ((1 << width) - 1) << lo;
  return ((value & ~mask) | ((field << lo) & mask)) >>> 0;
}

/** Extracts bits [hi:lo] of a 64-bit value. */
export function bitField64(value: bigint, hi: number, lo: number): bigint {
  return (value >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n);
}

/** Index of the lowest set bit of a non-zero 32-bit value. */
export function lowestSetBit(value: number): number {
  return 31 - Math.clz32(value & -value);
}

/** Index of the highest set bit of a non-zero 32-bit value. */
export function highestSetBit(value: number): number {
  return 31 - Math.clz32(value);
}

export function popCount(value: number): number {
  let v = value >>> 0;
  let n = 0;
  while (v !== 0) {
    v &= v - 1;
    n++;
  }
  return n;
}

/** Splits a 64-bit value into unsigned 32-bit halves. */
export function splitU64(value: bigint): { readonly lo: number; readonly hi: number } {
  const v = BigInt.asUintN(64, value);
  return { lo: Number(v & 0xffffffffn), hi: Number(v >> 32n) };
}

export function joinU64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
