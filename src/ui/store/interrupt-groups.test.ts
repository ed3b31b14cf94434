import { describe, expect, it } from 'vitest';
import type { InterruptView } from '../../protocol/index.ts';
import { groupAll, regroup } from './interrupt-groups.ts';

const interrupt = (intid: number, pe: number | null, state: 'inactive' | 'pending' = 'inactive') =>
  ({
    key: intid >= 32 ? `spi:${intid}` : `pe${pe}:${intid < 16 ? 'sgi' : 'ppi'}:${intid}`,
    intid,
    class: intid >= 32 ? 'spi' : intid < 16 ? 'sgi' : 'ppi',
    pe,
    state,
    enabled: true,
    group: 'g1ns',
    priority: 0xa0,
    nmi: false,
    trigger: 'level',
    level: false,
    oneOfN: false,
    name: null,
  }) as InterruptView;

const byKey = (list: readonly InterruptView[]) =>
  Object.fromEntries(list.map((i) => [i.key, i])) as Record<string, InterruptView>;

describe('interrupt groups kept in step with diffs', () => {
  const start = [interrupt(1, 0), interrupt(27, 0), interrupt(1, 1), interrupt(27, 1)].concat(
    [33, 35, 40].map((intid) => interrupt(intid, 0)),
  );

  it('a diff gives the groups a full regrouping of the new view would', () => {
    const groups = groupAll(byKey(start), 2);
    const changed = [interrupt(35, 1, 'pending'), interrupt(27, 1, 'pending')];
    const next = regroup(groups, changed);
    expect(next).toEqual(groupAll(byKey([...start, ...changed]), 2));
    // lists that did not change keep their identity (their drawing need not redo)
    expect(next.banked[0]).toBe(groups.banked[0]);
    expect(next.banked[1]).not.toBe(groups.banked[1]);
  });

  it('an interrupt not seen before lands in INTID order, as a full regrouping puts it', () => {
    const groups = groupAll(byKey(start), 2);
    const changed = [interrupt(34, 0, 'pending'), interrupt(50, null), interrupt(20, 1)];
    expect(regroup(groups, changed)).toEqual(groupAll(byKey([...start, ...changed]), 2));
  });
});
