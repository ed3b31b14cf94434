import { describe, expect, it } from 'vitest';
import type { MachineEvent } from '../../machine/index.ts';
import { machineEngineFactory } from '../machine-engine.ts';
import { TimelineRecorder } from './recorder.ts';

let seq = 0;
const at = (time: number, body: Record<string, unknown>) =>
  ({ ...body, seq: ++seq, at: time }) as unknown as MachineEvent;
const gic = (time: number, event: Record<string, unknown>) => at(time, { kind: 'gic', event });

describe('timeline recorder', () => {
  it('handler bars from exception entry to ERET, labelled at the acknowledge; an NMI nests deeper', () => {
    const r = new TimelineRecorder();
    const events = [
      at(10, { kind: 'exception-taken', pe: 0, exception: 'irq', depth: 1, interrupted: 'task' }),
      gic(10, { kind: 'acknowledged', pe: 0, intid: 27, nmi: false, runningPriority: 0xa0 }),
      at(20, { kind: 'exception-taken', pe: 0, exception: 'irq', depth: 2, interrupted: 'x' }),
      gic(20, { kind: 'acknowledged', pe: 0, intid: 40, nmi: true, runningPriority: 0x80 }),
      at(25, { kind: 'exception-returned', pe: 0, exception: 'irq', depth: 1, intid: 40 }),
      at(30, { kind: 'exception-returned', pe: 0, exception: 'irq', depth: 0, intid: 27 }),
    ];
    for (const e of events) r.record(e);
    const delta = r.drain()!;
    expect(delta.spans.map((s) => [s.depth, s.start, s.end, s.label])).toEqual([
      [1, 10, 30, 'IRQ 27'],
      [2, 20, 25, 'NMI 40'],
    ]);
    expect(delta.steps.map((s) => [s.time, s.value])).toEqual([
      [10, 0xa0],
      [20, 0x80],
    ]);
    expect(delta.instants).toMatchObject([{ pe: 0, time: 20, label: 'NMI' }]);
  });

  it('between the exception and the acknowledge a bar is open with no INTID yet', () => {
    const r = new TimelineRecorder();
    r.record(
      at(5, { kind: 'exception-taken', pe: 1, exception: 'irq', depth: 1, interrupted: 'task' }),
    );
    expect(r.drain()!.spans).toMatchObject([{ pe: 1, start: 5, end: null, label: 'IRQ' }]);
  });

  it('without exception events, an acknowledge opens a bar and its EOI closes it', () => {
    const r = new TimelineRecorder();
    r.record(gic(5, { kind: 'acknowledged', pe: 1, intid: 33, nmi: false, runningPriority: 0x80 }));
    r.record(
      gic(9, { kind: 'priority-dropped', pe: 1, intid: 33, nmi: false, runningPriority: 0xff }),
    );
    expect(r.drain()!.spans).toMatchObject([
      { pe: 1, start: 5, end: 9, kind: 'irq', intid: 33, name: null, label: 'IRQ 33' },
    ]);
  });

  it('an acknowledge-opened bar is an NMI at an NMI acknowledge, a FIQ from ICC_IAR0_EL1', () => {
    const r = new TimelineRecorder();
    r.record(gic(5, { kind: 'acknowledged', pe: 0, intid: 40, nmi: true, runningPriority: 0 }));
    r.record(
      gic(6, {
        kind: 'acknowledged',
        pe: 1,
        intid: 29,
        nmi: false,
        register: 'ICC_IAR0_EL1',
        runningPriority: 0x10,
      }),
    );
    expect(r.drain()!.spans.map((s) => [s.kind, s.label])).toEqual([
      ['nmi', 'NMI 40'],
      ['fiq', 'FIQ 29'],
    ]);
  });

  it('a superpriority exception is an NMI bar; FIQ exceptions are FIQ bars', () => {
    const r = new TimelineRecorder();
    r.record(at(5, { kind: 'exception-taken', pe: 0, exception: 'superpriority-irq', depth: 1 }));
    r.record(at(6, { kind: 'exception-taken', pe: 1, exception: 'fiq', depth: 1 }));
    expect(r.drain()!.spans.map((s) => [s.kind, s.intid, s.label])).toEqual([
      ['nmi', null, 'NMI'],
      ['fiq', null, 'FIQ'],
    ]);
  });

  it("a pseudo-NMI handler is an NMI bar with its INTID and the guest's name for it", () => {
    const r = new TimelineRecorder();
    r.record(at(10, { kind: 'exception-taken', pe: 0, exception: 'irq', depth: 1 }));
    r.record(
      gic(11, { kind: 'acknowledged', pe: 0, intid: 33, nmi: false, runningPriority: 0x80 }),
    );
    expect(r.drain()!.spans).toMatchObject([{ kind: 'irq', label: 'IRQ 33', end: null }]);
    r.record(
      at(12, {
        kind: 'interrupt-handled',
        pe: 0,
        intid: 33,
        name: 'uart-pl011',
        nmi: true,
        count: 1,
      }),
    );
    r.record(at(15, { kind: 'exception-returned', pe: 0, exception: 'irq', depth: 0, intid: 33 }));
    expect(r.drain()!.spans).toEqual([
      {
        id: expect.any(Number) as number,
        pe: 0,
        start: 10,
        end: 15,
        endSeq: expect.any(Number) as number,
        depth: 1,
        kind: 'nmi',
        intid: 33,
        name: 'uart-pl011',
        label: 'NMI 33 uart-pl011',
      },
    ]);
  });

  it('an ordinary handler keeps its kind and gains its name', () => {
    const r = new TimelineRecorder();
    r.record(at(10, { kind: 'exception-taken', pe: 0, exception: 'irq', depth: 1 }));
    r.record(
      gic(11, { kind: 'acknowledged', pe: 0, intid: 27, nmi: false, runningPriority: 0xa0 }),
    );
    r.record(
      at(12, {
        kind: 'interrupt-handled',
        pe: 0,
        intid: 27,
        name: 'arch_timer',
        nmi: false,
        count: 1,
      }),
    );
    expect(r.drain()!.spans).toMatchObject([
      { kind: 'irq', intid: 27, name: 'arch_timer', label: 'IRQ 27 arch_timer' },
    ]);
  });

  it('a checkpoint keeps what an open bar learned (kind, INTID, name)', () => {
    const r = new TimelineRecorder();
    r.record(at(10, { kind: 'exception-taken', pe: 0, exception: 'irq', depth: 1 }));
    r.record(
      gic(11, { kind: 'acknowledged', pe: 0, intid: 33, nmi: false, runningPriority: 0x80 }),
    );
    r.record(
      at(12, { kind: 'interrupt-handled', pe: 0, intid: 33, name: 'uart', nmi: true, count: 1 }),
    );
    const snapshot = r.snapshot();
    r.drain();
    const other = new TimelineRecorder();
    other.restore(JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    r.record(at(15, { kind: 'exception-returned', pe: 0, exception: 'irq', depth: 0, intid: 33 }));
    other.record(
      at(15, { kind: 'exception-returned', pe: 0, exception: 'irq', depth: 0, intid: 33 }),
    );
    expect(other.drain()!.spans).toMatchObject([{ end: 15, label: 'NMI 33 uart' }]);
  });

  it('PMR steps from ICC_PMR_EL1 writes; SGIs and injections are instants on their PE', () => {
    const r = new TimelineRecorder();
    r.record(gic(1, { kind: 'register-written', register: 'ICC_PMR_EL1', pe: 0, value: '0xc0' }));
    r.record(gic(2, { kind: 'sgi-generated', pe: 0, intid: 1, targets: [1] }));
    r.record(at(3, { kind: 'nmi-injected', targetPe: 1, chosen: { intid: 34 } }));
    const delta = r.drain()!;
    expect(delta.steps).toMatchObject([{ series: 'pmr', pe: 0, value: 0xc0 }]);
    expect(delta.instants.map((i) => [i.label, i.pe])).toEqual([
      ['SGI', 0],
      ['inject', 1],
    ]);
  });

  it('a run with the log skipping events still closes every bar (one-of-n, run to end)', () => {
    const engine = machineEngineFactory.load({ kind: 'builtin', id: 'one-of-n' });
    engine.view();
    const open = new Map<number, { pe: number; end: number | null }>();
    while (engine.runInstant(engine.endTime)) {
      const delta = engine.drainTimeline();
      for (const span of delta?.spans ?? []) open.set(span.id, span);
      engine.drainEvents(250);
    }
    const stillOpen = [...open.values()].filter((s) => s.end === null);
    const view = engine.view();
    const handlers = view.cpus.reduce((n, cpu) => n + cpu.handlers.length, 0);
    expect(stillOpen.length).toBe(handlers);
    expect(open.size).toBeGreaterThan(10);
  });
});
