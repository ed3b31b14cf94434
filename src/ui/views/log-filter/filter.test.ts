import { describe, expect, it } from 'vitest';
import type { EventView } from '../../../protocol/index.ts';
import { filterEvents, kindsOf, NO_FILTER } from './filter.ts';

const ev = (seq: number, kind: string, pe: number | null, intid: number | null): EventView => ({
  seq,
  time: seq,
  kind,
  pe,
  intid,
  text: kind,
  warning: false,
  path: [],
  fields: {},
});
const events = [
  ev(1, 'acknowledged', 0, 27),
  ev(2, 'acknowledged', 1, 40),
  ev(3, 'routed', null, 40),
  ev(4, 'priority-dropped', 1, 40),
];

describe('event log filters', () => {
  it('by PE, INTID and kind, combined', () => {
    expect(filterEvents(events, { ...NO_FILTER, pe: 1 }, 10).map((e) => e.seq)).toEqual([2, 4]);
    expect(filterEvents(events, { ...NO_FILTER, intid: 40 }, 10).map((e) => e.seq)).toEqual([
      2, 3, 4,
    ]);
    expect(
      filterEvents(events, { pe: 1, intid: 40, kind: 'acknowledged' }, 10).map((e) => e.seq),
    ).toEqual([2]);
    expect(filterEvents(events, { ...NO_FILTER, pe: 'gic' }, 10).map((e) => e.seq)).toEqual([3]);
  });

  it('keeps the newest matches, oldest first', () => {
    expect(filterEvents(events, NO_FILTER, 2).map((e) => e.seq)).toEqual([3, 4]);
  });

  it('lists the kinds present', () => {
    expect(kindsOf(events)).toEqual(['acknowledged', 'priority-dropped', 'routed']);
  });
});
