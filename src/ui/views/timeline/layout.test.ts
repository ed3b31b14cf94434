import { describe, expect, it } from 'vitest';
import type { TimelineSpan, TimelineStep } from '../../../protocol/index.ts';
import { overlaps, textBox } from '../chart/labels.ts';
import { laneContent, timelineFrame, timelineLayout, timeUnit } from './layout.ts';
import { timelineModel, type TimelineInput } from './model.ts';

const span = (
  id: number,
  start: number,
  end: number | null,
  more: Partial<TimelineSpan> = {},
): TimelineSpan => ({
  id,
  pe: 0,
  start,
  end,
  endSeq: end === null ? null : id + 1,
  depth: 1,
  kind: 'irq',
  intid: 27,
  name: 'arch_timer',
  label: 'IRQ 27 arch_timer',
  ...more,
});

const step = (
  seq: number,
  time: number,
  series: 'pmr' | 'rpr',
  value: number,
  pe = 0,
): TimelineStep => ({ seq, pe, time, series, value });

const input = (over: Partial<TimelineInput>): TimelineInput => ({
  spans: [],
  steps: [],
  instants: [],
  events: [],
  peCount: 2,
  cursor: { seq: 100, time: 100_000 },
  ...over,
});

const layout = (over: Partial<TimelineInput>, window?: [number, number]) => {
  const model = timelineModel(input(over));
  return timelineLayout(model, 1000, window ?? [model.start, model.end], model.cursorTime);
};

describe('timeline layout', () => {
  it('time reads in the unit its span suits', () => {
    expect(timeUnit(5_000).name).toBe('ns');
    expect(timeUnit(500_000).name).toBe('µs');
    expect(timeUnit(50_000_000).name).toBe('ms');
    expect(timeUnit(50_000_000_000).name).toBe('s');
  });

  it('an axis with its unit, a lane name per PE', () => {
    const g = layout({ spans: [span(1, 0, 90_000)] });
    const texts = g.texts.map((t) => t.text);
    expect(texts).toContain('time (µs)');
    expect(texts).toEqual(expect.arrayContaining(['PE 0', 'PE 1']));
    expect(g.lanes).toHaveLength(2);
    expect(g.ticks.length).toBeGreaterThan(1);
  });

  it('an NMI bar is drawn as an NMI, with its INTID and guest name in the label and title', () => {
    const g = layout({
      spans: [
        span(1, 0, 90_000, {
          kind: 'nmi',
          intid: 33,
          name: 'uart-pl011',
          label: 'NMI 33 uart-pl011',
        }),
      ],
    });
    expect(g.bars).toMatchObject([{ key: '1', kind: 'nmi', open: false }]);
    expect(g.bars[0].title).toMatch(/^PE 0: NMI 33 uart-pl011, 90\.00 µs \(depth 1\)$/);
    expect(g.texts.map((t) => t.text)).toContain('NMI 33 uart-pl011');
  });

  it('a narrow bar falls back to its kind and INTID, then to no label', () => {
    const g = layout({ spans: [span(1, 0, 10_000), span(3, 50_000, 50_100)] }, [0, 100_000]);
    const labels = g.texts.filter((t) => t.cls.startsWith('bar-label')).map((t) => t.text);
    expect(labels).toEqual(['IRQ 27']);
    expect(g.bars).toHaveLength(2);
  });

  it('a bar open at the cursor ends there, dashed and still running', () => {
    const g = layout({ spans: [span(1, 10_000, null)], cursor: { seq: 5, time: 60_000 } });
    expect(g.bars[0]).toMatchObject({ open: true });
    expect(g.bars[0].x + g.bars[0].w).toBeCloseTo(g.nowX, 0);
    expect(g.bars[0].title).toContain('still running');
  });

  it('after a step back, a bar that returns in the recorded future is open but drawn to its end', () => {
    const g = layout({ spans: [span(1, 10_000, 90_000)], cursor: { seq: 1, time: 40_000 } });
    expect(g.bars[0]).toMatchObject({ open: true });
    expect(g.bars[0].x + g.bars[0].w).toBeGreaterThan(g.nowX + 10);
    expect(g.bars[0].title).toContain('still running');
  });

  it('PMR and RPR steps are labelled up to the cursor, RPR 0xFF as idle', () => {
    const g = layout({
      steps: [
        step(1, 0, 'pmr', 0xc0),
        step(2, 20_000, 'rpr', 0xa0),
        step(3, 60_000, 'rpr', 0xff),
        step(4, 95_000, 'pmr', 0xe0),
      ],
      cursor: { seq: 3, time: 80_000 },
      events: [{ seq: 5, time: 100_000 }],
    });
    const labels = g.texts.filter((t) => t.cls.startsWith('step-label')).map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['PMR 0xC0', 'RPR 0xA0', 'RPR idle']));
    // the write after the cursor is the recorded future: drawn, not labelled
    expect(labels).not.toContain('PMR 0xE0');
    expect(g.steps.map((s) => s.key).sort()).toEqual(['pmr0', 'rpr0']);
  });

  it('instants get a shape, and a word when there is room', () => {
    const g = layout({
      instants: [
        { seq: 1, pe: 1, time: 30_000, label: 'inject' },
        { seq: 2, pe: 1, time: 30_000, label: 'NMI' },
      ],
    });
    expect(g.instants.map((i) => i.kind)).toEqual(['inject', 'NMI']);
    expect(g.texts.map((t) => t.text)).toContain('inject');
  });

  it('a lane left out of the drawing keeps its place and name, and shows nothing of its own', () => {
    const over: Partial<TimelineInput> = {
      spans: [span(1, 0, 40_000), span(2, 10_000, 50_000, { pe: 1 })],
      steps: [step(3, 0, 'pmr', 0xc0), step(4, 0, 'pmr', 0xe0, 1)],
      instants: [{ seq: 5, pe: 1, time: 30_000, label: 'SGI' }],
    };
    const model = timelineModel(input(over));
    const all = timelineLayout(model, 1000, [model.start, model.end], model.cursorTime);
    const lane0 = timelineLayout(
      model,
      1000,
      [model.start, model.end],
      model.cursorTime,
      (pe) => pe === 0,
    );
    expect(lane0.height).toBe(all.height);
    expect(lane0.lanes).toEqual(all.lanes);
    expect(lane0.texts.filter((t) => t.cls === 'lane').map((t) => t.text)).toEqual([
      'PE 0',
      'PE 1',
    ]);
    expect(lane0.bars.map((b) => b.key)).toEqual(['1']);
    expect(lane0.steps.map((s) => s.key)).toEqual(['pmr0']);
    expect(lane0.instants).toEqual([]);
    expect(all.bars.length).toBe(2);
    expect(all.instants.length).toBe(1);
  });

  it('no two texts overlap, however crowded', () => {
    const spans = Array.from({ length: 200 }, (_v, i) =>
      span(i * 2 + 1, i * 500, i * 500 + 400, { pe: i % 2, depth: 1 + (i % 3) }),
    );
    const steps = Array.from({ length: 200 }, (_v, i) =>
      step(1000 + i, i * 500, i % 2 ? 'pmr' : 'rpr', (i * 16) & 0xff, i % 2),
    );
    const g = layout({ spans, steps });
    const boxes = g.texts.map((t) => textBox(t.text, t.x, t.y, t.size, t.anchor));
    for (let i = 0; i < boxes.length; i += 1)
      for (let j = i + 1; j < boxes.length; j += 1)
        expect(overlaps(boxes[i], boxes[j])).toBe(false);
  });
});

describe('timeline lanes, one at a time', () => {
  it("every text of a lane lies inside the lane's band, so lanes place labels independently", () => {
    const spans = Array.from({ length: 120 }, (_v, i) =>
      span(i * 2 + 1, i * 700, i * 700 + 650, { pe: i % 3, depth: 1 + (i % 3) }),
    );
    const steps = Array.from({ length: 120 }, (_v, i) =>
      step(1000 + i, i * 700, i % 2 ? 'pmr' : 'rpr', (i * 37) & 0xff, i % 3),
    );
    const instants = Array.from({ length: 30 }, (_v, i) => ({
      seq: 2000 + i,
      pe: i % 3,
      time: i * 2800,
      label: (['inject', 'NMI', 'SGI'] as const)[i % 3],
    }));
    const model = timelineModel(input({ spans, steps, instants, peCount: 3 }));
    const frame = timelineFrame(model, 1000, [model.start, model.end], model.cursorTime);
    for (const lane of frame.lanes) {
      const content = laneContent(frame, lane.pe);
      expect(content.texts.length).toBeGreaterThan(0);
      for (const t of content.texts) {
        const box = textBox(t.text, t.x, t.y, t.size, t.anchor);
        expect(box.y).toBeGreaterThanOrEqual(lane.y);
        expect(box.y + box.h).toBeLessThanOrEqual(lane.y + lane.h);
      }
    }
  });
});
