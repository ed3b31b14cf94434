import type { Brand } from '../../lib/index.ts';

/** Virtual time in nanoseconds since machine reset. Integer; never wall-clock time. */
export type Nanoseconds = Brand<number, 'Nanoseconds'>;

export function ns(value: number): Nanoseconds {
  return value as Nanoseconds;
}

/** Decimal exponent of each unit, so "1.5us" is read exactly (1.5 * 1000 in floating point is not). */
const UNIT_EXPONENT: Readonly<Record<string, number>> = { ns: 0, us: 3, µs: 3, ms: 6, s: 9 };

/**
 * The latest representable time: virtual time is an integer number of ns held in a double, exact
 * only up to 2^53 − 1 (about 104 days).
 */
export const MAX_TIME_NS = Number.MAX_SAFE_INTEGER;

export type TimeReading =
  | { readonly ok: true; readonly value: Nanoseconds }
  | { readonly ok: false; readonly problem: string };

const TIME_TEXT = /^\s*(\d+)(?:\.(\d+))?\s*(ns|us|µs|ms|s)?\s*$/;

/**
 * Reads "250ns", "10us", "1.5ms", "2s" or a number of nanoseconds. Times are whole nanoseconds
 * from 0 to MAX_TIME_NS; anything else is refused with the reason.
 */
export function readTime(text: string | number): TimeReading {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return fail(`expected a finite time, got ${text}`);
    if (text < 0) return fail(`expected a time of 0 or more, got ${text}`);
    if (!Number.isInteger(text)) return fail(`expected a whole number of nanoseconds, got ${text}`);
    return text > MAX_TIME_NS ? tooLate(String(text)) : { ok: true, value: ns(text) };
  }
  const match = TIME_TEXT.exec(text);
  if (match === null)
    return fail('expected a time: a number of ns or a string like "250ns", "10us", "1.5ms"');
  const [, whole = '0', fraction = '', unit = 'ns'] = match;
  const exponent = UNIT_EXPONENT[unit] ?? 0;
  const digits = fraction.replace(/0+$/, '');
  if (digits.length > exponent)
    return fail(`"${text.trim()}" is not a whole number of nanoseconds`);
  const value = BigInt(whole + digits.padEnd(exponent, '0'));
  if (value > BigInt(MAX_TIME_NS)) return tooLate(`"${text.trim()}"`);
  return { ok: true, value: ns(Number(value)) };
}

/** Like readTime, but null for anything readTime refuses. */
export function parseTime(text: string | number): Nanoseconds | null {
  const reading = readTime(text);
  return reading.ok ? reading.value : null;
}

function fail(problem: string): TimeReading {
  return { ok: false, problem };
}

function tooLate(shown: string): TimeReading {
  return fail(
    `${shown} is beyond the latest time the clock can represent (${MAX_TIME_NS} ns, about 104 days)`,
  );
}

/** "12.345us"-style label with the largest unit that keeps the integer part non-zero. */
export function formatTime(time: number): string {
  if (time >= 1e9) return `${trim(time / 1e9)}s`;
  if (time >= 1_000_000) return `${trim(time / 1_000_000)}ms`;
  if (time >= 1_000) return `${trim(time / 1_000)}us`;
  return `${time}ns`;
}

function trim(value: number): string {
  return String(Number(value.toFixed(3)));
}
