import { describe, expect, it } from 'vitest';
import type { LadderView } from '../../../protocol/index.ts';
import { textBox, overlaps } from '../chart/labels.ts';
import { ladderGeometry, LADDER_TEXT } from './geometry.ts';

const view: LadderView = {
  pe: 1,
  pmr: 0xf8,
  runningPriority: 0xa0,
  runningNmi: false,
  activeLevels: [0xa0],
  nmiActive: false,
  groupMask: 0xf8,
  pending: [
    { intid: 43, priority: 0x60, mark: 'can-preempt', reason: '' },
    { intid: 40, priority: 0xc0, mark: 'masked-by-pmr', reason: '' },
    { intid: 41, priority: 0xc0, mark: 'masked-by-pmr', reason: '' },
    { intid: 27, priority: 0xc0, mark: 'blocked', reason: '', nmiKind: null },
  ],
};

function boxes(g: ReturnType<typeof ladderGeometry>) {
  return [
    ...g.ticks.map((t) => textBox(t.label, g.scaleX - 6, t.y, LADDER_TEXT, 'end')),
    ...g.marks.map((m) => textBox(m.text, m.x, m.y, LADDER_TEXT)),
    ...g.rungs.map((r) => textBox(r.text, r.x, r.y, LADDER_TEXT)),
  ];
}

describe('priority ladder geometry', () => {
  it('no two labels overlap, even at equal priorities and PMR next to 0xFF', () => {
    const g = ladderGeometry(view, 560);
    const all = boxes(g);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
  });

  it('the running priority and the active level at the same value are one label', () => {
    const g = ladderGeometry(view, 560);
    expect(g.marks.map((m) => m.text)).toEqual(['PMR 0xF8', 'running 0xA0 (active)']);
  });

  it('each rung says the verdict the worker gave (the explainer’s chain)', () => {
    const g = ladderGeometry(view, 560);
    expect(g.rungs.map((r) => r.text)).toEqual([
      'INTID 43 0x60: can be taken',
      'INTID 40 0xC0: masked by PMR',
      'INTID 41 0xC0: masked by PMR',
      'INTID 27 0xC0: blocked',
    ]);
  });

  it('0x00 is at the top, 0xFF at the bottom; the binary point sets the bands', () => {
    const g = ladderGeometry(view, 560);
    expect(g.ticks[0].label).toBe('0x00');
    expect(g.ticks.at(-1)!.y).toBeGreaterThan(g.ticks[0].y);
    expect(g.bands).toHaveLength(16);
  });

  it('an active NMI is shown at the top', () => {
    const g = ladderGeometry({ ...view, nmiActive: true }, 560);
    expect(g.marks.some((m) => m.text === 'NMI active (AP1R0.NMI)' && m.at === 0)).toBe(true);
  });
});
