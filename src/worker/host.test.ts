import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  createMemoryPair,
  type FromWorker,
  type EventView,
  type MachineDiff,
  type MachineView,
  type ToWorker,
} from '../protocol/index.ts';
import { InputError, type Engine, type EngineFactory } from './engine.ts';
import { Host, type Scheduler } from './host.ts';

/**
 * A counter machine: each step adds one event; enough to test the host's protocol handling,
 * playback and step back without the GIC (the real engine is covered by machine-engine.test.ts).
 */
function counterEngine(id: string): Engine {
  let count = 0;
  let steps = 0;
  let time = 0;
  let seq = 0;
  let drained = 0;
  const view = (): MachineView => ({
    time,
    config: {
      peCount: 1,
      spiCount: 32,
      securityExtensions: false,
      priorityBits: 5,
      nmi: false,
      profile: 'architecture',
      oneOfN: 'round-robin',
      kernel: 'none',
      pseudoNmi: false,
      endTime: 1000,
    },
    interrupts: {},
    cpus: [],
    counters: [{ label: 'steps', intid: null, perPe: [count], description: 'steps' }],
    injector: {
      mode: 'rfc-round-robin',
      candidates: [],
      cursor: 0,
      lastChosen: null,
      injections: 0,
      problem: null,
      masking: null,
    },
    checks: [],
  });
  return {
    scenario: { id, title: id, summary: '' },
    peCount: 1,
    readRegister: () => 'read',
    inspect: () => {
      throw new Error('not inspected in these tests');
    },
    step: () => {
      if (steps >= 10) return 'idle';
      steps += 1;
      count += 1;
      time += 100;
      seq += 1;
      return 'event';
    },
    time: () => time,
    nextEventTime: () => (steps >= 10 ? null : time + 100),
    advanceTo: (t) => {
      time = Math.max(time, t);
    },
    lastStepAcknowledged: () => steps % 3 === 0,
    injectNmi: () => {
      seq += 1;
      count += 100;
      return 'injected';
    },
    setInjectorMode: (mode) => mode,
    writeRegister: () => {
      throw new InputError('offset 0x10000 is outside the Distributor frame');
    },
    snapshot: () => ({ count, steps, time, seq }),
    restore: (s) => {
      ({ count, steps, time, seq } = s as {
        count: number;
        steps: number;
        time: number;
        seq: number;
      });
      drained = Math.min(drained, seq);
    },
    view,
    diff: (): MachineDiff => ({ time, counters: view().counters }),
    drainEvents: (limit = Infinity) => {
      const events: EventView[] = [];
      for (let n = drained + 1; n <= seq; n += 1)
        events.push({
          seq: n,
          time,
          kind: 'step',
          pe: null,
          intid: null,
          text: `step ${n}`,
          warning: false,
          path: [],
          fields: {},
        });
      drained = seq;
      const skipped = Math.max(0, events.length - limit);
      return { events: events.slice(skipped), skipped };
    },
    eventSeq: () => seq,
  };
}

const factory: EngineFactory = {
  builtins: () => [{ id: 'counter', title: 'Counter', summary: '' }],
  load: (source) => {
    if (source.kind === 'builtin' && source.id === 'counter') return counterEngine('counter');
    throw new InputError(
      `no built-in scenario "${source.kind === 'builtin' ? source.id : 'json'}"`,
    );
  },
};

function setup() {
  const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
  const ticks: (() => void)[] = [];
  const scheduler: Scheduler = {
    now: () => 0,
    later: (tick) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    },
  };
  const host = new Host(worker, factory, scheduler);
  const received: FromWorker[] = [];
  page.listen((m) => received.push(m));
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { page, host, received, flush, ticks };
}

const counts = (received: FromWorker[]) =>
  received.flatMap((m) =>
    m.type === 'frame' && m.diff.counters ? [m.diff.counters[0].perPe[0]] : [],
  );

describe('worker host protocol', () => {
  it('welcomes a page that speaks the same version, listing the built-ins', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    await flush();
    expect(received).toEqual([
      {
        type: 'welcome',
        version: PROTOCOL_VERSION,
        builtins: [{ id: 'counter', title: 'Counter', summary: '' }],
      },
    ]);
  });

  it('answers a version mismatch with a clear incompatibility message', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION + 1 });
    await flush();
    expect(received[0]).toMatchObject({ type: 'incompatible', version: PROTOCOL_VERSION });
    expect((received[0] as { message: string }).message).toMatch(/different builds\. Reload/);
    page.send({ type: 'play', id: 1 });
    await flush();
    expect(received[1]).toMatchObject({ type: 'rejected' });
  });

  it('rejects an unknown message and keeps serving', async () => {
    const { page, host, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    host.receive({ type: 'format-disk', id: 3 });
    host.receive('garbage');
    host.receive({ type: 'step', id: 4, count: 'many', unit: 'event' });
    page.send({ type: 'load-scenario', id: 5, source: { kind: 'builtin', id: 'counter' } });
    await flush();
    const kinds = received.map((m) => m.type);
    expect(kinds.filter((k) => k === 'rejected')).toHaveLength(3);
    expect(received.find((m) => m.type === 'rejected')).toMatchObject({
      message: 'rejected a message: unknown message type "format-disk"',
    });
    expect(received).toContainEqual({ type: 'reply', id: 5, ok: true, detail: 'loaded counter' });
  });

  it('answers bad input with an error reply and keeps the session', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    page.send({ type: 'load-scenario', id: 1, source: { kind: 'builtin', id: 'counter' } });
    page.send({ type: 'step', id: 2, count: 2, unit: 'event' });
    page.send({
      type: 'write-register',
      id: 3,
      target: { block: 'distributor', offset: 0x10000, size: 4 },
      value: '0x1',
    });
    page.send({
      type: 'write-register',
      id: 4,
      target: { block: 'sysreg', pe: 0, name: 'ICC_PMR_EL1' },
      value: 'lots',
    });
    page.send({ type: 'load-scenario', id: 5, source: { kind: 'builtin', id: 'nope' } });
    page.send({ type: 'step', id: 6, count: 1, unit: 'event' });
    await flush();
    expect(received).toContainEqual({
      type: 'reply',
      id: 3,
      ok: false,
      error: 'offset 0x10000 is outside the Distributor frame',
    });
    expect(received).toContainEqual(
      expect.objectContaining({
        id: 4,
        ok: false,
        error: expect.stringMatching(/not a number/) as unknown,
      }),
    );
    expect(received).toContainEqual(
      expect.objectContaining({ id: 5, ok: false, error: 'no built-in scenario "nope"' }),
    );
    expect(counts(received).at(-1)).toBe(3);
  });

  it('steps back to the state before the last actions, inputs included', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    page.send({ type: 'load-scenario', id: 1, source: { kind: 'builtin', id: 'counter' } });
    page.send({ type: 'step', id: 2, count: 4, unit: 'event' });
    page.send({ type: 'inject-nmi', id: 3 });
    page.send({ type: 'step', id: 4, count: 1, unit: 'event' });
    page.send({ type: 'step-back', id: 5, count: 2 });
    page.send({ type: 'step-back', id: 6, count: 1 });
    page.send({ type: 'step', id: 7, count: 2, unit: 'event' });
    await flush();
    // after load 0; after a step back, stepping forward replays the recorded future (the NMI)
    expect(counts(received)).toEqual([0, 4, 104, 105, 4, 3, 104]);
    const rewound = received.filter((m) => m.type === 'frame' && m.rewoundTo !== null);
    expect(rewound.map((m) => (m as { rewoundTo: number }).rewoundTo)).toEqual([4, 3]);
  });

  it('steps to the next acknowledge', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    page.send({ type: 'load-scenario', id: 1, source: { kind: 'builtin', id: 'counter' } });
    page.send({ type: 'step', id: 2, count: 2, unit: 'acknowledge' });
    await flush();
    expect(counts(received).at(-1)).toBe(6);
  });

  it('sends no new playback frame until the page has drawn the last one', async () => {
    const { page, received, flush, ticks } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    page.send({ type: 'load-scenario', id: 1, source: { kind: 'builtin', id: 'counter' } });
    page.send({ type: 'set-speed', id: 2, speed: 100 });
    page.send({ type: 'play', id: 3 });
    await flush();
    const frames = () => received.filter((m) => m.type === 'frame');
    const before = frames().length;
    ticks.shift()!();
    await flush();
    expect(frames()).toHaveLength(before);
    const last = frames().at(-1) as { frame: number };
    page.send({ type: 'frame-ack', frame: last.frame });
    await flush();
    expect(frames()).toHaveLength(before + 1);
  });

  it('plays on the scheduler and stops when nothing is left', async () => {
    const { page, received, flush, ticks } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    page.send({ type: 'load-scenario', id: 1, source: { kind: 'builtin', id: 'counter' } });
    page.send({ type: 'set-speed', id: 2, speed: Infinity });
    page.send({ type: 'play', id: 3 });
    await flush();
    expect(ticks).toHaveLength(1);
    ticks.shift()!();
    await flush();
    const last = received.filter((m) => m.type === 'frame').at(-1);
    expect(last).toMatchObject({ playing: false });
    expect(counts(received).at(-1)).toBe(10);
    expect(ticks).toHaveLength(0);
  });
});
