import { describe, expect, it } from 'vitest';
import type { EventView } from '../../../protocol/index.ts';
import { seqAt, timelineModel, timeOf } from './model.ts';

let seq = 0;
const ev = (
  time: number,
  kind: string,
  pe: number | null,
  intid: number | null,
  fields: EventView['fields'] = {},
): EventView => ({
  seq: ++seq,
  time,
  kind,
  pe,
  intid,
  text: kind,
  warning: false,
  path: [],
  fields,
});

describe('timeline model', () => {
  it('handler nesting from exception-taken/-returned: a preempting NMI nests one deeper', () => {
    const events = [
      ev(10, 'exception-taken', 0, null, { exception: 'irq', depth: 1 }),
      ev(10, 'acknowledged', 0, 27, { runningPriority: 0xa0, nmi: false }),
      ev(20, 'exception-taken', 0, null, { exception: 'irq', depth: 2 }),
      ev(20, 'acknowledged', 0, 40, { runningPriority: 0x80, nmi: true }),
      ev(25, 'exception-returned', 0, null, { depth: 2 }),
      ev(30, 'exception-returned', 0, null, { depth: 1 }),
    ];
    const m = timelineModel(events, 2);
    expect(m.spans.map((s) => [s.depth, s.start, s.end, s.label])).toEqual([
      [2, 20, 25, 'NMI 40'],
      [1, 10, 30, 'IRQ 27'],
    ]);
    expect(m.rpr[0]).toEqual([
      { time: 10, value: 0xa0 },
      { time: 20, value: 0x80 },
    ]);
    expect(m.instants).toMatchObject([{ pe: 0, time: 20, label: 'NMI' }]);
  });

  it('without exception events, acknowledge opens and priority drop closes a span', () => {
    const m = timelineModel(
      [ev(5, 'acknowledged', 1, 33, {}), ev(9, 'priority-dropped', 1, 33, {})],
      2,
    );
    expect(m.spans).toEqual([
      { pe: 1, start: 5, end: 9, depth: 1, kind: 'irq', intid: 33, name: null, label: 'IRQ 33' },
    ]);
  });

  it('PMR steps come from ICC_PMR_EL1 writes; SGIs and injections are instants', () => {
    const m = timelineModel(
      [
        ev(1, 'register-written', 0, null, { register: 'ICC_PMR_EL1', value: '0xc0' }),
        ev(2, 'sgi-generated', 0, 1, {}),
        ev(3, 'nmi-injected', 1, 34, {}),
      ],
      2,
    );
    expect(m.pmr[0]).toEqual([{ time: 1, value: 0xc0 }]);
    expect(m.instants.map((i) => i.label)).toEqual(['SGI', 'inject']);
  });

  it('a cursor time maps to the last event at or before it, and back', () => {
    const events = [ev(10, 'a', 0, null), ev(20, 'b', 0, null), ev(30, 'c', 0, null)];
    const m = timelineModel(events, 1);
    expect(seqAt(m, 25)).toBe(events[1].seq);
    expect(seqAt(m, 0)).toBe(events[0].seq);
    expect(timeOf(m, events[2].seq)).toBe(30);
  });

  it('a pseudo-NMI handler is an NMI bar with its INTID and name (from the guest)', () => {
    const m = timelineModel(
      [
        ev(10, 'exception-taken', 0, null, { exception: 'irq', depth: 1 }),
        ev(11, 'acknowledged', 0, 33, { runningPriority: 0x80, nmi: false }),
        ev(12, 'interrupt-handled', 0, 33, { name: 'uart-pl011', nmi: true, count: 1 }),
        ev(15, 'exception-returned', 0, null, { depth: 0 }),
      ],
      1,
    );
    expect(m.spans).toMatchObject([
      { kind: 'nmi', intid: 33, name: 'uart-pl011', label: 'NMI 33 uart-pl011', end: 15 },
    ]);
  });
});
