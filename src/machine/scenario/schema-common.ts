import * as z from 'zod/mini';
import { readTime } from '../clock/index.ts';

// zod/mini: the same checks as zod's classic API in about a quarter of the code (the worker
// loads it before the first screen). English messages are opt-in there; eval-compiled parsers
// are turned off, because the page's Content-Security-Policy has no 'unsafe-eval'.
z.config({ ...z.locales.en(), jitless: true });

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

export const int = (min: number, max?: number) =>
  max === undefined ? z.int().check(z.minimum(min)) : z.int().check(z.minimum(min), z.maximum(max));

/**
 * "10us", "1.5ms", "250ns" or a number of nanoseconds: whole nanoseconds from 0 to 2^53 − 1
 * (readTime owns the rule; the CLI's --until uses it too).
 */
export const timeSchema = z.pipe(
  z.union([z.number(), z.string()], { error: TIME_SHAPE }),
  z.transform((v: number | string, ctx) => {
    const reading = readTime(v);
    if (reading.ok) return reading.value;
    ctx.issues.push({ code: 'custom', message: reading.problem, input: v });
    return z.NEVER;
  }),
);

/** A device period: a zero period would put the next deadline at the same instant forever. */
export const periodSchema = timeSchema.check(
  z.refine((t: number) => t > 0, {
    message: 'expected a period above 0 ns (every 0 ns would stop virtual time)',
  }),
);

/** A register value: a non-negative integer or a "0x…" string (64-bit values need the string). */
export const valueSchema = z.union(
  [int(0), z.string().check(z.regex(/^0x[0-9a-fA-F]+$/, HEX_SHAPE))],
  { error: HEX_SHAPE },
);

export const intidSchema = int(0, 1019);
/** An LPI INTID (8192 … 2^20 − 1). */
export const lpiSchema = int(8192, 0xfffff);
export const peSchema = int(0, 255);
export const ipiSchema = int(0, 7);

export function toBigInt(value: number | string): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt(value);
}
