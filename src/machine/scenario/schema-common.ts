import { z } from 'zod';
import { readTime } from '../clock/index.ts';

const HEX_SHAPE = 'expected a non-negative integer or a "0x…" hex string';
const TIME_SHAPE = 'expected a time: a number of ns or a string like "250ns", "10us", "1.5ms"';

/** A check that returns null when the value is allowed, else what is wrong with it. */
export type Rule<T> = (value: T) => string | null;

/** A zod check from a rule, so the schema and the code that owns the rule say the same thing. */
export function ruled<T>(rule: Rule<T>) {
  return (ctx: z.core.ParsePayload<T>): void => {
    const problem = rule(ctx.value);
    if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  };
}

/**
 * "10us", "1.5ms", "250ns" or a number of nanoseconds: whole nanoseconds from 0 to 2^53 − 1
 * (readTime owns the rule; the CLI's --until uses it too).
 */
export const timeSchema = z
  .union([z.number(), z.string()], { error: TIME_SHAPE })
  .transform((v, ctx) => {
    const reading = readTime(v);
    if (reading.ok) return reading.value;
    ctx.issues.push({ code: 'custom', message: reading.problem, input: v });
    return z.NEVER;
  });

/** A device period: a zero period would put the next deadline at the same instant forever. */
export const periodSchema = timeSchema.refine((t) => t > 0, {
  message: 'expected a period above 0 ns (every 0 ns would stop virtual time)',
});

/** A register value: a non-negative integer or a "0x…" string (64-bit values need the string). */
export const valueSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^0x[0-9a-fA-F]+$/, HEX_SHAPE)], {
    error: HEX_SHAPE,
  })
  .describe(HEX_SHAPE);

export const intidSchema = z.number().int().min(0).max(1019);
export const peSchema = z.number().int().min(0).max(255);
export const ipiSchema = z.number().int().min(0).max(7);

export function toBigInt(value: number | string): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt(value);
}
