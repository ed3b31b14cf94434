import { describe, expect, it } from 'vitest';
import { classifyIntId } from './intid.ts';

describe('INTID classes (reference §1.1)', () => {
  it.each([
    [0, 'SGI'],
    [15, 'SGI'],
    [16, 'PPI'],
    [31, 'PPI'],
    [32, 'SPI'],
    [1019, 'SPI'],
    [1020, 'special'],
    [1023, 'special'],
    [1024, 'reserved'],
  ])('INTID %i › %s', (intid, cls) => {
    expect(classifyIntId(intid)).toBe(cls);
  });
});
