import type { Brand } from './brand.ts';

/** A lower-case hexadecimal string with a `0x` prefix, used where a 64-bit value must survive JSON. */
export type Hex = Brand<string, 'Hex'>;

export function toHex(value: bigint | number): Hex {
  return `0x${value.toString(16)}` as Hex;
}

export function fromHex(text: string): bigint {
  return BigInt(text);
}
