import { describe, expect, it } from 'vitest';
import type { EventView, TimelineSpan } from '../../../protocol/index.ts';
import { newestOnly, openAtCursor, seqAt, timelineModel, timeOf } from './model.ts';

const event = (seq: number, time: number): EventView => ({
  seq,
  time,
  kind: 'x',
  pe: 0,
  intid: null,
  text: 'x',
  warning: false,
  path: [],
  fields: {},
});

const span = (
  id: number,
  start: number,
  end: number | null,
  endSeq: number | null,
  depth = 1,
  more: Partial<TimelineSpan> = {},
): TimelineSpan => ({
  id,
  pe: 0,
  start,
  end,
  endSeq,
  depth,
  kind: 'irq',
  intid: id,
  name: null,
  label: `IRQ ${id}`,
  ...more,
});

const model = (spans: TimelineSpan[], cursor: { seq: number; time: number }) =>
  timelineModel({
    spans,
    steps: [],
    instants: [],
    events: [event(1, 10), event(5, 20), event(9, 30), event(12, 40)],
    peCount: 1,
    cursor,
  });

describe('timeline model at the cursor', () => {
  it('a bar still open at the cursor ends at the cursor, and counts as open', () => {
    const m = model([span(1, 10, null, null)], { seq: 9, time: 30 });
    expect(m.spans[0]).toMatchObject({ start: 10, end: 30, open: true });
    expect(openAtCursor(m).get(0)).toEqual(['IRQ 1']);
  });

  it('after a step back, a bar that closes in the recorded future is open at the cursor', () => {
    const m = model([span(1, 10, 40, 12)], { seq: 5, time: 20 });
    expect(m.spans[0]).toMatchObject({ end: 40, open: true });
    expect(m.cursorTime).toBe(20);
    expect(m.end).toBe(40);
  });

  it('a bar closed before the cursor is not open; one in the future starts after it', () => {
    const m = model([span(1, 10, 20, 5), span(9, 30, null, null, 1)], { seq: 5, time: 20 });
    expect(m.spans.map((s) => s.open)).toEqual([false, false]);
    expect(openAtCursor(m).size).toBe(0);
  });

  it('nested bars list innermost last', () => {
    const m = model([span(1, 10, null, null, 1), span(5, 20, null, null, 2)], { seq: 9, time: 30 });
    expect(openAtCursor(m).get(0)).toEqual(['IRQ 1', 'IRQ 5']);
  });

  it('a cursor time maps to the last event at or before it, and back', () => {
    const m = model([], { seq: 12, time: 40 });
    expect(seqAt(m, 25)).toBe(5);
    expect(seqAt(m, 0)).toBe(1);
    expect(timeOf(m, 9)).toBe(30);
  });
});

describe('the chart during playback', () => {
  it('keeps the newest bars and every bar still open', () => {
    const spans = Array.from({ length: 1000 }, (_, i) =>
      span(i, i * 10, i === 3 ? null : i * 10 + 5, i === 3 ? null : i),
    );
    const input = {
      spans,
      steps: [],
      instants: [],
      events: [],
      peCount: 1,
      cursor: { seq: 2000, time: 10_000 },
    };
    const trimmed = newestOnly(input, 100);
    expect(trimmed.spans).toHaveLength(101);
    expect(trimmed.spans[0].id).toBe(3);
  });
});

describe('what a bar says', () => {
  it("carries the worker's kind, INTID, guest name and label, and its place in the nesting", () => {
    const m = model(
      [
        span(1, 10, 30, 9, 1, { intid: 27, name: 'arch_timer', label: 'IRQ 27 arch_timer' }),
        span(5, 20, 25, 7, 2, {
          kind: 'nmi',
          intid: 33,
          name: 'uart-pl011',
          label: 'NMI 33 uart-pl011',
        }),
      ],
      { seq: 12, time: 40 },
    );
    expect(m.spans).toEqual([
      {
        id: 1,
        pe: 0,
        kind: 'irq',
        intid: 27,
        name: 'arch_timer',
        start: 10,
        end: 30,
        depth: 1,
        label: 'IRQ 27 arch_timer',
        open: false,
      },
      {
        id: 5,
        pe: 0,
        kind: 'nmi',
        intid: 33,
        name: 'uart-pl011',
        start: 20,
        end: 25,
        depth: 2,
        label: 'NMI 33 uart-pl011',
        open: false,
      },
    ]);
  });

  it('a bar before its acknowledge has no INTID yet', () => {
    const m = model([span(9, 30, null, null, 1, { intid: null, label: 'IRQ' })], {
      seq: 12,
      time: 40,
    });
    expect(m.spans[0]).toMatchObject({
      kind: 'irq',
      intid: null,
      label: 'IRQ',
      end: 40,
      open: true,
    });
  });

  it("PMR and running-priority steps go to their PE's series, instants keep their seq", () => {
    const m = timelineModel({
      spans: [],
      steps: [
        { seq: 1, pe: 0, time: 10, series: 'pmr', value: 0xc0 },
        { seq: 2, pe: 1, time: 12, series: 'rpr', value: 0x80 },
        { seq: 3, pe: 5, time: 13, series: 'rpr', value: 0x80 },
      ],
      instants: [{ seq: 4, pe: 1, time: 14, label: 'NMI' }],
      events: [],
      peCount: 2,
      cursor: { seq: 4, time: 14 },
    });
    expect(m.pmr).toEqual([[{ time: 10, value: 0xc0 }], []]);
    expect(m.rpr).toEqual([[], [{ time: 12, value: 0x80 }]]);
    expect(m.instants).toEqual([{ pe: 1, time: 14, seq: 4, label: 'NMI' }]);
    expect(m.marks.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });
});
