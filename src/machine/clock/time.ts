import type { Brand } from '../../lib/index.ts';

/** Virtual time in nanoseconds since machine reset. Integer; never wall-clock time. */
export type Nanoseconds = Brand<number, 'Nanoseconds'>;

export function ns(value: number): Nanoseconds {
  return value as Nanoseconds;
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1_000,
  µs: 1_000,
  ms: 1_000_000,
  s: 1e9,
};

/** Parses "250ns", "10us", "1.5ms", "2s" or a plain number of nanoseconds; null when malformed. */
export function parseTime(text: string | number): Nanoseconds | null {
  if (typeof text === 'number')
    return Number.isFinite(text) && text >= 0 ? ns(Math.round(text)) : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s)?\s*$/.exec(text);
  if (match === null) return null;
  const unit = UNITS[match[2] ?? 'ns'] ?? 1;
  return ns(Math.round(Number(match[1]) * unit));
}

/** "12.345us"-style label with the largest unit that keeps the integer part non-zero. */
export function formatTime(time: number): string {
  if (time >= 1_000_000) return `${trim(time / 1_000_000)}ms`;
  if (time >= 1_000) return `${trim(time / 1_000)}us`;
  return `${time}ns`;
}

function trim(value: number): string {
  return String(Number(value.toFixed(3)));
}
