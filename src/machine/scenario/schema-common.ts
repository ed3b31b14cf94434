import { z } from 'zod';
import { parseTime } from '../clock/index.ts';

/** "10us", "1.5ms", "250ns" or a number of nanoseconds. */
export const timeSchema = z
  .union([z.number(), z.string()])
  .refine((v) => parseTime(v) !== null, {
    message: 'expected a time: a number of ns or a string like "250ns", "10us", "1.5ms"',
  })
  .transform((v) => parseTime(v) ?? 0);

/** A register value: a non-negative integer or a "0x…" string (64-bit values need the string). */
export const valueSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^0x[0-9a-fA-F]+$/)])
  .describe('a non-negative integer or a "0x…" hex string');

export const intidSchema = z.number().int().min(0).max(1019);
/** An LPI INTID (8192 … 2^20 − 1). */
export const lpiSchema = z.number().int().min(8192).max(0xfffff);
export const peSchema = z.number().int().min(0).max(255);
export const ipiSchema = z.number().int().min(0).max(7);

export function toBigInt(value: number | string): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt(value);
}
