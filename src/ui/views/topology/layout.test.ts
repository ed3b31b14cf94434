import { describe, expect, it } from 'vitest';
import type { InterruptView } from '../../../protocol/index.ts';
import { groupInterrupts, isInteresting, topologyMode } from './layout.ts';

const cell = (over: Partial<InterruptView>): InterruptView => ({
  key: 'pe0:ppi:27',
  intid: 27,
  class: 'ppi',
  pe: 0,
  state: 'inactive',
  enabled: false,
  group: 'g1ns',
  priority: 0xa0,
  nmi: false,
  trigger: 'level',
  level: false,
  oneOfN: false,
  name: null,
  ...over,
});

describe('topology layout', () => {
  it('draws up to 8 PEs in full, up to 64 compact, more as an aggregate', () => {
    expect([1, 8, 9, 64, 65, 256].map(topologyMode)).toEqual([
      'full',
      'full',
      'compact',
      'compact',
      'aggregate',
      'aggregate',
    ]);
  });

  it('calls enabled, named or non-inactive interrupts interesting', () => {
    expect(isInteresting(cell({}))).toBe(false);
    expect(isInteresting(cell({ enabled: true }))).toBe(true);
    expect(isInteresting(cell({ state: 'pending' }))).toBe(true);
    expect(isInteresting(cell({ name: 'arch_timer' }))).toBe(true);
  });

  it('groups banked interrupts by PE and SPIs apart, each in INTID order', () => {
    const { spis, banked } = groupInterrupts(
      {
        a: cell({ key: 'a', intid: 27, pe: 1 }),
        b: cell({ key: 'b', intid: 3, class: 'sgi', pe: 1 }),
        c: cell({ key: 'c', intid: 33, class: 'spi', pe: 1 }),
      },
      2,
    );
    expect(banked.map((list) => list.map((i) => i.key))).toEqual([[], ['b', 'a']]);
    expect(spis.map((i) => i.key)).toEqual(['c']);
  });
});
