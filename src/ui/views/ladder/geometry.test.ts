import { describe, expect, it } from 'vitest';
import type { LadderView } from '../../../protocol/index.ts';
import { ladderGeometry } from './geometry.ts';

const view: LadderView = {
  pe: 1,
  pmr: 0xc0,
  runningPriority: 0x90,
  runningNmi: false,
  activeLevels: [0x90],
  nmiActive: false,
  groupMask: 0xf8,
  pending: [
    { intid: 43, priority: 0x60, mark: 'can-preempt', reason: '' },
    { intid: 40, priority: 0xc0, mark: 'masked-by-pmr', reason: '' },
    { intid: 41, priority: 0xc0, mark: 'masked-by-pmr', reason: '' },
  ],
};
const box = { width: 300, height: 265, scaleX: 60, margin: 5 };

describe('priority ladder geometry', () => {
  it('0x00 at the top, 0xFF at the bottom', () => {
    const g = ladderGeometry(view, box);
    expect(g.ticks[0]).toMatchObject({ value: 0, y: 5, label: '0x00' });
    expect(g.ticks.at(-1)).toMatchObject({ value: 0xff, y: 260 });
  });

  it('PMR and running priority lines sit at their values', () => {
    const g = ladderGeometry(view, box);
    expect(g.pmr).toEqual({ y: 5 + 0xc0, label: 'PMR 0xC0' });
    expect(g.running.label).toBe('running priority 0x90');
    expect(g.active).toEqual([{ y: 5 + 0x90, label: 'active 0x90' }]);
  });

  it('pending interrupts at their priority with their mark as text; equal priorities stack', () => {
    const g = ladderGeometry(view, box);
    expect(g.rungs.map((r) => r.label)).toEqual([
      'INTID 43 0x60: can preempt',
      'INTID 40 0xC0: masked by PMR',
      'INTID 41 0xC0: masked by PMR',
    ]);
    expect(g.rungs[2].y - g.rungs[1].y).toBe(14);
  });

  it('the binary point sets the band height: mask 0xF8 gives 16 shaded bands of 8', () => {
    const g = ladderGeometry(view, box);
    expect(g.bands).toHaveLength(16);
    expect(g.bands[0].height).toBeCloseTo(8);
  });

  it('an active NMI is shown apart, at the top', () => {
    const g = ladderGeometry({ ...view, nmiActive: true }, box);
    expect(g.active[0].label).toBe('NMI active (AP1R0.NMI)');
  });
});
