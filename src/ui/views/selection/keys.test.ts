import { describe, expect, it } from 'vitest';
import { keyOf, parseKey } from './keys.ts';

describe('cell keys', () => {
  it('round-trip SPIs, PPIs and SGIs', () => {
    expect(parseKey('spi:33')).toEqual({ intid: 33, pe: null });
    expect(parseKey('pe1:ppi:27')).toEqual({ intid: 27, pe: 1 });
    expect(parseKey(keyOf(3, 2))).toEqual({ intid: 3, pe: 2 });
    expect(keyOf(40, 1)).toBe('spi:40');
  });

  it('anything else names nothing', () => {
    expect(parseKey('cpu:1')).toBeNull();
    expect(parseKey(null)).toBeNull();
  });
});
