import type { Brand } from './brand.ts';

/** A lower-case hexadecimal string with a `0x` prefix, used where a 64-bit value must survive JSON. */
export type Hex = Brand<string, 'Hex'>;

export function toHex(value: bigint | number): Hex {
  return typeof value === 'number' && value >>> 0 === value
    ? hex32(value)
    : (`0x${value.toString(16)}` as Hex);
}

/** Small values (INTIDs, priorities, most register values) are formatted once and reused. */
const CACHED = 0x1000;
const cache: (Hex | undefined)[] = [];

/** Hex of an unsigned 32-bit integer. */
export function hex32(value: number): Hex {
  if (value < CACHED && value >= 0) return (cache[value] ??= `0x${value.toString(16)}` as Hex);
  return `0x${(value >>> 0).toString(16)}` as Hex;
}

/** Hex of a 64-bit value given as unsigned 32-bit halves, without a bigint. */
export function hex64(lo: number, hi: number): Hex {
  if (hi === 0) return hex32(lo >>> 0);
  return `0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')}` as Hex;
}

export function fromHex(text: string): bigint {
  return BigInt(text);
}
