import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, builtinScenario, createMachine } from '../../machine/index.ts';
import type { MachineEvent, Scenario } from '../../machine/index.ts';
import { NMI_CATEGORY, perfettoJson, recordScenario, toVcd } from './index.ts';
import type { TraceEvent } from './index.ts';
import { readVcd } from './testing/vcd-reader.ts';

function scenario(id: string): Scenario {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in ${id}`);
  return s;
}

/** Every event of an independent run of the same scenario. */
function run(s: Scenario): MachineEvent[] {
  const machine = createMachine(s);
  const events: MachineEvent[] = [];
  machine.subscribe((e) => events.push(e));
  machine.runUntil(s.runUntil);
  return events;
}

function readPerfetto(s: Scenario): TraceEvent[] {
  const parsed = JSON.parse(perfettoJson(recordScenario(s))) as { traceEvents: TraceEvent[] };
  return parsed.traceEvents;
}

const ids = BUILTIN_SCENARIOS.map((s) => s.id);

describe('Perfetto export (Trace Event Format) read back', () => {
  it.each(ids)('%s: B/E slices balance per track, in time order, names matching', (id) => {
    const events = readPerfetto(scenario(id));
    let last = -Infinity;
    const stacks = new Map<number, TraceEvent[]>();
    for (const e of events) {
      if (e.ph === 'M') continue;
      expect(e.ts).toBeGreaterThanOrEqual(last);
      last = e.ts;
      const stack = stacks.get(e.tid) ?? [];
      stacks.set(e.tid, stack);
      if (e.ph === 'B') stack.push(e);
      if (e.ph === 'E') {
        const open = stack.pop();
        expect(open, `E without B on tid ${e.tid} at ${e.ts}`).toBeDefined();
        expect(open?.name).toBe(e.name);
        expect(open?.cat).toBe(e.cat);
      }
    }
    for (const [tid, stack] of stacks) expect(stack, `unclosed slices on tid ${tid}`).toEqual([]);
  });

  it.each(ids)('%s: one slice and one acknowledge instant per acknowledged interrupt', (id) => {
    const s = scenario(id);
    const acks = run(s).filter((e) => e.kind === 'gic' && e.event.kind === 'acknowledged');
    const events = readPerfetto(s);
    expect(events.filter((e) => e.ph === 'B')).toHaveLength(acks.length);
    expect(events.filter((e) => e.ph === 'i' && e.cat === 'acknowledge')).toHaveLength(acks.length);
    const drops = run(s).filter((e) => e.kind === 'gic' && e.event.kind === 'priority-dropped');
    expect(events.filter((e) => e.ph === 'i' && e.cat === 'priority-drop')).toHaveLength(
      drops.length,
    );
  });

  it.each(ids)('%s: every flow arrow goes from a pending marker to a later handler', (id) => {
    const s = scenario(id);
    const events = readPerfetto(s);
    const outs = events.filter((e) => e.flow_out);
    const ins = events.filter((e) => e.flow_in);
    // lpi-firmware-enabled acknowledges nothing (its LPI stays disabled): no arrow to draw
    const acks = run(s).filter((e) => e.kind === 'gic' && e.event.kind === 'acknowledged');
    expect(outs.length > 0).toBe(acks.length > 0);
    expect(new Set(outs.map((e) => e.bind_id)).size).toBe(outs.length);
    expect(new Set(ins.map((e) => e.bind_id)).size).toBe(ins.length);
    expect(ins.map((e) => e.bind_id).sort()).toEqual(outs.map((e) => e.bind_id).sort());
    for (const out of outs) {
      const into = ins.find((e) => e.bind_id === out.bind_id);
      expect(into?.ph).toBe('B');
      expect(into?.args?.intid).toBe(out.args?.intid);
      expect(into!.ts).toBeGreaterThanOrEqual(out.ts);
    }
  });

  it('pmr-ladder: the NMI has its own category and nests inside the handler it preempted', () => {
    const events = readPerfetto(scenario('pmr-ladder'));
    const stacks = new Map<number, TraceEvent[]>();
    const nested: [TraceEvent, TraceEvent][] = [];
    for (const e of events) {
      const stack = stacks.get(e.tid) ?? [];
      stacks.set(e.tid, stack);
      if (e.ph === 'B') {
        const outer = stack.at(-1);
        if (outer) nested.push([outer, e]);
        stack.push(e);
      } else if (e.ph === 'E') stack.pop();
    }
    expect(
      nested.some(([outer, inner]) => outer.cat !== NMI_CATEGORY && inner.cat === NMI_CATEGORY),
    ).toBe(true);
  });

  it('counters end at the model’s final PMR and running priority', () => {
    const s = scenario('rfc-nmi');
    const machine = createMachine(s);
    machine.runUntil(s.runUntil);
    const events = readPerfetto(s);
    for (let pe = 0; pe < s.machine.pes; pe += 1) {
      const counters = events.filter((e) => e.ph === 'C' && e.name === `PE${pe}`);
      const lastOf = (key: string) =>
        counters.filter((e) => e.args && key in e.args).at(-1)?.args?.[key];
      const cpu = machine.gic.cpuInterface(pe);
      expect(lastOf('PMR')).toBe(cpu.pmr);
      expect(lastOf('running priority')).toBe(cpu.runningPriority);
      expect(lastOf('highest pending priority')).toBe(cpu.hppi?.priority ?? 0xff);
    }
  });
});

describe('VCD export read back', () => {
  it.each(['rfc-nmi', 'pmr-ladder', 'sgi-ipi'])(
    '%s: per-PE values at sampled times are the model’s',
    (id) => {
      const s = scenario(id);
      const vcd = readVcd(toVcd(recordScenario(s)).vcd.text);
      expect(vcd.timescale).toBe('1ns');
      // an independent run, stepped: the model's values after each step, and the handler stack
      const machine = createMachine(s);
      const stacks: number[][] = Array.from({ length: s.machine.pes }, () => []);
      machine.subscribe((e) => {
        if (e.kind !== 'gic') return;
        if (e.event.kind === 'acknowledged') stacks[e.event.pe]?.push(e.event.intid);
        if (e.event.kind === 'priority-dropped') stacks[e.event.pe]?.pop();
      });
      const points: { t: number; pe: number; values: Record<string, number> }[] = [];
      let previous: { t: number; values: Record<string, number>[] } | null = null;
      while (machine.nextEventTime() !== null && machine.now() <= s.runUntil) {
        const next = machine.nextEventTime() ?? Infinity;
        if (previous && next > previous.t)
          previous.values.forEach((values, pe) => points.push({ t: previous!.t, pe, values }));
        if (next > s.runUntil) break;
        machine.step();
        previous = {
          t: machine.now(),
          values: stacks.map((stack, pe) => {
            const cpu = machine.gic.cpuInterface(pe);
            return {
              irq: Number(cpu.outputs.irq),
              fiq: Number(cpu.outputs.fiq),
              nmi: Number(cpu.outputs.nmi),
              active_intid: stack.at(-1) ?? 1023,
              pmr: cpu.pmr,
              running_priority: cpu.runningPriority,
              pending_priority: cpu.hppi?.priority ?? 0xff,
            };
          }),
        };
      }
      expect(points.length).toBeGreaterThan(50);
      for (const { t, pe, values } of points)
        for (const [name, value] of Object.entries(values))
          expect(vcd.valueAt(`gicscope.pe${pe}.${name}`, t), `${name} of PE ${pe} at ${t} ns`).toBe(
            value,
          );
    },
  );

  it('the .gtkw save file lists signals the VCD declares and applies filter files that exist', () => {
    const exported = toVcd(recordScenario(scenario('rfc-nmi')), 'rfc');
    const vcd = readVcd(exported.vcd.text);
    const declared = new Set(
      vcd.variables.map((v) => (v.width === 1 ? v.path : `${v.path}[${v.width - 1}:0]`)),
    );
    const files = new Map(exported.companions.map((f) => [f.name, f.text]));
    const gtkw = files.get('rfc.gtkw') ?? '';
    expect(gtkw).toContain('[dumpfile] "rfc.vcd"');
    const lines = gtkw.split('\n');
    const signals = lines.filter((l) => l.startsWith('gicscope.'));
    expect(signals).toHaveLength(declared.size);
    for (const signal of signals) expect(declared).toContain(signal);
    for (const line of lines.filter((l) => l.startsWith('^'))) {
      const name = line.split(' ')[1] ?? '';
      expect(files.has(name), name).toBe(true);
    }
    // a translated trace carries the file-filter flag (TR_FTRANSLATED, 0x2000)
    const flagged = lines
      .filter((l) => l.startsWith('@'))
      .map((l) => Number.parseInt(l.slice(1), 16));
    expect(flagged.some((f) => (f & 0x2000) !== 0)).toBe(true);
  });

  it('filter files name the guest’s interrupts and priorities as GTKWave displays them', () => {
    const exported = toVcd(recordScenario(scenario('rfc-nmi')), 'rfc');
    const files = new Map(exported.companions.map((f) => [f.name, f.text]));
    const intids = (files.get('rfc-intid.txt') ?? '')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(intids).toContain('1023 none');
    expect(intids.some((l) => /^27 PPI 27 \S/.test(l))).toBe(true);
    const priorities = (files.get('rfc-priority.txt') ?? '').split('\n');
    expect(priorities).toContain('FF FF idle');
    for (const line of priorities.filter((l) => l && !l.startsWith('#')))
      expect(line).toMatch(/^[0-9A-F]{2} [0-9A-F]{2} \S/);
  });
});
