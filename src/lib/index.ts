export { assertNever } from './assert-never.ts';
export type { Brand } from './brand.ts';
export { toHex, hex32, hex64, fromHex } from './hex.ts';
export type { Hex } from './hex.ts';
export {
  bitField,
  withBitField,
  bitField64,
  lowestSetBit,
  highestSetBit,
  popCount,
  splitU64,
  joinU64,
} from './bits.ts';
export { nextRandom } from './prng.ts';
export { ok, err } from './result.ts';
export type { Result } from './result.ts';
