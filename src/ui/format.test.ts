import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('writes integers as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 350_000, 1_000_000, 987_654_321, -4_200, 2 ** 40])
      expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });

  it('rounds a rate to a whole number first', () => {
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(-0.2)).toBe('0');
  });
});
