import type { Brand } from './brand.ts';

/** A lower-case hexadecimal string with a `0x` prefix, used where a 64-bit value must survive JSON. */
export type Hex = Brand<string, 'Hex'>;

export function toHex(value: bigint | number): Hex {
  return typeof value === 'number' && value >>> 0 === value
    ? hex32(value)
    : (`0x${value.toString(16)}` as Hex);
}

/**
 * Small values (INTIDs, priorities, most register values) are formatted once and reused. The
 * array is dense from the start: filled at scattered indices it would turn into a slow sparse one.
 */
const CACHED = 0x1000;
const cache: (Hex | undefined)[] = new Array<Hex | undefined>(CACHED).fill(undefined);

/**
 * Hex of an unsigned 32-bit integer. hex32 and hex64 hold only the cache hit, the formatting is
 * in functions of their own: the GIC builds an event value with them on every register access,
 * and V8 inlines a call only while the caller's bytecode budget lasts (docs/gic-api.md).
 */
export function hex32(value: number): Hex {
  return (value < CACHED && value >= 0 ? cache[value] : undefined) ?? formatHex32(value);
}

function formatHex32(value: number): Hex {
  if (value < CACHED && value >= 0) return (cache[value] = `0x${value.toString(16)}` as Hex);
  return `0x${(value >>> 0).toString(16)}` as Hex;
}

/** Hex of a 64-bit value given as unsigned 32-bit halves, without a bigint. */
export function hex64(lo: number, hi: number): Hex {
  return hi === 0 ? hex32(lo >>> 0) : formatHex64(lo, hi);
}

function formatHex64(lo: number, hi: number): Hex {
  return `0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}` as Hex;
}

export function fromHex(text: string): bigint {
  return BigInt(text);
}
