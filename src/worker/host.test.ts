import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  createMemoryPair,
  type FrameMessage,
  type FromWorker,
  type ToWorker,
} from '../protocol/index.ts';
import { Host, type Scheduler } from './host.ts';
import { machineEngineFactory } from './machine-engine.ts';

type Reply = Extract<FromWorker, { type: 'reply' }>;

/** A host on the real machine engine, its scheduler and clock driven by hand. */
function setup(scenario = 'rfc-nmi', { acks = true } = {}) {
  const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
  const clock = { now: 0 };
  const laters: (() => void)[] = [];
  const soons: (() => void)[] = [];
  const scheduler: Scheduler = {
    now: () => (clock.now += 0.5),
    later: (tick) => {
      laters.push(tick);
      return () => laters.splice(laters.indexOf(tick) >>> 0, 1);
    },
    soon: (tick) => {
      let live = true;
      soons.push(() => live && tick());
      return () => {
        live = false;
      };
    },
  };
  const host = new Host(worker, machineEngineFactory, scheduler);
  const received: FromWorker[] = [];
  page.listen((m) => {
    received.push(m);
    // the page draws every frame at once (unless the test acks by hand)
    if (m.type === 'frame' && acks) page.send({ type: 'frame-ack', frame: m.frame });
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  let id = 100;
  const frames = () => received.filter((m): m is FrameMessage => m.type === 'frame');
  const replies = () => received.filter((m): m is Reply => m.type === 'reply');
  const reply = (n: number) => replies().find((r) => r.id === n);
  const request = async (message: Record<string, unknown>): Promise<Reply> => {
    const n = (id += 1);
    page.send({ ...message, id: n } as ToWorker);
    for (let spins = 0; spins < 10_000 && !reply(n); spins += 1) {
      await flush();
      soons.shift()?.();
    }
    return reply(n)!;
  };
  const start = async () => {
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    await flush();
    return request({ type: 'load-scenario', source: { kind: 'builtin', id: scenario } });
  };
  const cursor = () => frames().at(-1)!.cursor;
  return {
    page,
    host,
    received,
    flush,
    frames,
    replies,
    request,
    start,
    cursor,
    laters,
    soons,
    clock,
  };
}

describe('worker host protocol', () => {
  it('welcomes a page that speaks the same version, listing the built-ins', async () => {
    const { page, received, flush } = setup();
    page.send({ type: 'hello', version: PROTOCOL_VERSION });
    await flush();
    expect(received[0]).toMatchObject({ type: 'welcome', version: PROTOCOL_VERSION });
    expect(
      (received[0] as unknown as { builtins: { id: string }[] }).builtins.map((b) => b.id),
    ).toContain('rfc-nmi');
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

  it('a malformed request with an id still gets an answer; without one it is rejected', async () => {
    const { host, start, received, replies, flush } = setup();
    await start();
    host.receive({ type: 'format-disk', id: 3 });
    host.receive('garbage');
    host.receive({ type: 'step', id: 4, count: 'many', unit: 'event' });
    await flush();
    expect(replies().find((r) => r.id === 3)).toMatchObject({ ok: false, failure: 'invalid' });
    expect(replies().find((r) => r.id === 4)).toMatchObject({
      ok: false,
      failure: 'invalid',
      error: expect.stringMatching(/field "count"/) as unknown,
    });
    expect(received.filter((m) => m.type === 'rejected')).toHaveLength(1);
  });

  it('bad input is an invalid reply and the session is kept', async () => {
    const { request, start, cursor } = setup();
    await start();
    await request({ type: 'step', count: 2, unit: 'event' });
    const before = cursor();
    expect(
      await request({
        type: 'write-register',
        target: { block: 'distributor', offset: 0x10000, size: 4 },
        value: '0x1',
      }),
    ).toMatchObject({
      ok: false,
      failure: 'invalid',
      error: expect.stringMatching(/outside the Distributor frame/) as unknown,
    });
    expect(
      await request({
        type: 'write-register',
        target: { block: 'sysreg', pe: 0, name: 'ICC_PMR_EL1' },
        value: 'lots',
      }),
    ).toMatchObject({ ok: false, failure: 'invalid' });
    expect(
      await request({ type: 'load-scenario', source: { kind: 'builtin', id: 'nope' } }),
    ).toMatchObject({ ok: false, failure: 'invalid' });
    expect(cursor()).toEqual(before);
  });
});

describe('an honest API: a command that does nothing says so', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'a negative step count',
      { type: 'step', count: -1, unit: 'event' },
      /whole number ≥ 1, got -1/,
    ],
    ['a fractional step count', { type: 'step', count: 1.5, unit: 'event' }, /got 1.5/],
    ['step back 0', { type: 'step-back', count: 0 }, /got 0/],
    [
      'a time that is not a whole number of ns',
      { type: 'run-until', time: 1.5 },
      /whole number of nanoseconds/,
    ],
    ['an infinite time', { type: 'run-until', time: Infinity }, /whole number of nanoseconds/],
    ['a time past 10⁹ s', { type: 'run-until', time: 2e18 }, /from 0 to 1e18/],
    ['a negative speed', { type: 'set-speed', speed: -1 }, /speed must be/],
    ['a seek to a fractional event', { type: 'seek', eventSeq: 2.5 }, /whole number/],
  ];
  for (const [name, message, error] of cases)
    it(`refuses ${name} as invalid`, async () => {
      const { request, start } = setup();
      await start();
      const reply = await request(message);
      expect(reply).toMatchObject({ ok: false, failure: 'invalid' });
      expect((reply as { error: string }).error).toMatch(error);
    });

  it('nothing to step back to, pause while paused, the same speed twice', async () => {
    const { request, start } = setup();
    await start();
    expect(await request({ type: 'step-back', count: 1 })).toMatchObject({
      ok: false,
      failure: 'no-effect',
      error: 'nothing to step back to',
    });
    expect(await request({ type: 'pause' })).toMatchObject({ ok: false, failure: 'no-effect' });
    expect(await request({ type: 'set-speed', speed: 1 })).toMatchObject({
      ok: false,
      failure: 'no-effect',
    });
  });

  it('a time in the past is refused with where the machine is', async () => {
    const { request, start } = setup();
    await start();
    await request({ type: 'run-until', time: 50_000 });
    const reply = await request({ type: 'run-until', time: 10_000 });
    expect(reply).toMatchObject({ ok: false, failure: 'no-effect' });
    expect((reply as { error: string }).error).toMatch(
      /10 µs is in the past: the machine is at 50 µs/,
    );
  });

  it('Inject NMI with no candidate: no-effect, with the reason', async () => {
    const { request, start } = setup('binary-point');
    await start();
    await request({ type: 'run-until', time: 60_000 });
    const reply = await request({ type: 'inject-nmi' });
    expect(reply).toMatchObject({ ok: false, failure: 'no-effect' });
    expect((reply as { error: string }).error).toMatch(/no NMI injected: .*pseudo-NMIs/);
  });

  it('the same injector mode twice changes nothing', async () => {
    const { request, start } = setup();
    await start();
    expect(await request({ type: 'set-injector-mode', mode: 'architected' })).toMatchObject({
      ok: true,
    });
    expect(await request({ type: 'set-injector-mode', mode: 'architected' })).toMatchObject({
      ok: false,
      failure: 'no-effect',
    });
  });

  it('a seek to the moment the cursor is at changes nothing', async () => {
    const { request, start, cursor } = setup();
    await start();
    await request({ type: 'step', count: 5, unit: 'event' });
    const reply = await request({ type: 'seek', eventSeq: cursor().seq });
    expect(reply).toMatchObject({ ok: false, failure: 'no-effect' });
  });
});

describe('time and the cursor', () => {
  it('playback at any speed keeps time a whole number of nanoseconds', async () => {
    const { request, start, laters, frames, flush, clock } = setup();
    await start();
    await request({ type: 'set-speed', speed: 0.37 });
    await request({ type: 'play' });
    for (let tick = 0; tick < 50; tick += 1) {
      clock.now += 16.6667;
      laters.shift()?.();
      await flush();
    }
    await request({ type: 'pause' });
    for (const frame of frames()) {
      expect(Number.isInteger(frame.cursor.time)).toBe(true);
      expect(Number.isInteger(frame.diff.time)).toBe(true);
    }
    expect(frames().at(-1)!.cursor.time).toBeGreaterThan(0);
  });

  it('every frame carries the events up to its cursor and none after', async () => {
    const { request, start, frames } = setup();
    await start();
    await request({ type: 'run-until', time: 120_000 });
    await request({ type: 'step-back', count: 3 });
    await request({ type: 'step', count: 1, unit: 'event' });
    for (const frame of frames())
      for (const event of frame.events) expect(event.seq).toBeLessThanOrEqual(frame.cursor.seq);
  });

  it('an input after a step back tells the page to forget the recorded future', async () => {
    const { request, start, frames, cursor } = setup();
    await start();
    await request({ type: 'run-until', time: 100_000 });
    await request({ type: 'step-back', count: 5 });
    const at = cursor().seq;
    await request({
      type: 'write-register',
      target: { block: 'sysreg', pe: 1, name: 'ICC_PMR_EL1' },
      value: '0xf0',
    });
    expect(frames().some((f) => f.forgetAfter === at)).toBe(true);
  });
});

describe('inspection is a peek', () => {
  it('inspecting every PE and INTID, at every pause, adds no event and moves nothing', async () => {
    const { request, start, frames, cursor } = setup();
    await start();
    for (const time of [30_000, 90_000, 150_000, 210_000]) {
      await request({ type: 'run-until', time });
      const before = cursor();
      const eventsBefore = frames().reduce((n, f) => n + f.events.length, 0);
      for (let pe = 0; pe < 4; pe += 1)
        for (const intid of [null, 1, 27, 30, 33, 34, 40, 1023]) {
          const reply = await request({ type: 'inspect', pe, intid });
          expect(reply.ok).toBe(true);
          expect(frames().at(-1)!.inspection?.pe).toBe(pe);
        }
      expect(cursor()).toEqual(before);
      expect(frames().reduce((n, f) => n + f.events.length, 0)).toBe(eventsBefore);
    }
  });

  it('during playback the inspection adds no event: the same run with and without panels logs the same', async () => {
    const run = async (inspect: boolean) => {
      const { request, start, frames, laters, flush, clock } = setup();
      await start();
      if (inspect) await request({ type: 'inspect', pe: 0, intid: 33 });
      await request({ type: 'set-speed', speed: 100 });
      await request({ type: 'play' });
      for (let tick = 0; tick < 150; tick += 1) {
        clock.now += 16.7;
        laters.shift()?.();
        await flush();
      }
      await request({ type: 'pause' });
      await request({ type: 'run-until', time: 5_000_000 });
      const events = frames().flatMap((f) => f.events.map((e) => `${e.seq} ${e.text}`));
      return {
        events,
        inspected: frames().filter((f) => f.inspection).length,
        cursor: frames().at(-1)!.cursor,
      };
    };
    const plain = await run(false);
    const inspected = await run(true);
    expect(inspected.inspected).toBeGreaterThan(2);
    expect(inspected.cursor.seq).toBe(plain.cursor.seq);
    // the frames batch differently (wall time differs), but every event both carry is the same
    const bySeq = new Map(plain.events.map((e) => [e.split(' ')[0], e]));
    const common = inspected.events.filter((e) => bySeq.has(e.split(' ')[0]));
    // busy frames pace themselves on ack latency, so fewer frames overlap; hundreds still must
    expect(common.length).toBeGreaterThan(300);
    for (const event of common) expect(event).toBe(bySeq.get(event.split(' ')[0]));
  });

  it('a register write from the panel reports that write and its consequences only', async () => {
    const { request, start, frames } = setup();
    await start();
    await request({ type: 'run-until', time: 120_000 });
    await request({ type: 'inspect', pe: 0, intid: null });
    const before = frames().length;
    const reply = await request({
      type: 'write-register',
      target: { block: 'sysreg', pe: 0, name: 'ICC_PMR_EL1' },
      value: '0xe0',
    });
    expect(reply.ok).toBe(true);
    const events = frames()
      .slice(before)
      .flatMap((f) => f.events);
    expect(events.filter((e) => e.kind === 'register-read')).toEqual([]);
    expect(events[0]).toMatchObject({ kind: 'register-written', pe: 0 });
    expect(events.map((e) => e.kind)).toContain('register-edited');
    expect(events.length).toBeLessThanOrEqual(6);
  });
});

describe('bounded, cancellable work', () => {
  it('run until a far horizon runs in slices, reports progress, and Pause stops it', async () => {
    const { page, start, frames, soons, replies, flush, request } = setup();
    await start();
    page.send({ type: 'run-until', id: 7, time: 1e18 });
    for (let slice = 0; slice < 30; slice += 1) {
      await flush();
      soons.shift()?.();
    }
    expect(replies().find((r) => r.id === 7)).toBeUndefined();
    const progress = frames().findLast((f) => f.progress)?.progress;
    expect(progress).toMatchObject({ kind: 'run-until', target: 1e18 });
    expect(progress!.time).toBeGreaterThan(0);
    const paused = await request({ type: 'pause' });
    expect(paused).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^stopped running until/) as unknown,
    });
    expect(replies().find((r) => r.id === 7)).toMatchObject({
      ok: false,
      failure: 'interrupted',
      error: expect.stringMatching(/stopped by Pause/) as unknown,
    });
    expect(frames().at(-1)!.progress).toBeNull();
  });

  it('step to the next interrupt with none coming keeps going in slices until paused', async () => {
    const { page, start, soons, replies, flush, request } = setup('timer-never-fires');
    await start();
    page.send({ type: 'step', id: 9, count: 1_000_000, unit: 'acknowledge' });
    for (let slice = 0; slice < 20; slice += 1) {
      await flush();
      soons.shift()?.();
    }
    expect(replies().find((r) => r.id === 9)).toBeUndefined();
    await request({ type: 'pause' });
    expect(replies().find((r) => r.id === 9)).toMatchObject({ ok: false, failure: 'interrupted' });
  });

  it('a reply during playback (Inject NMI) comes after a busy frame, not one carrying every pending record', async () => {
    const { request, start, frames, soons, flush, received } = setup();
    await start();
    await request({ type: 'set-speed', speed: Infinity });
    await request({ type: 'play' });
    for (let slice = 0; slice < 40; slice += 1) {
      soons.shift()?.();
      await flush();
    }
    const before = frames().length;
    const injected = await request({ type: 'inject-nmi' });
    expect(injected.ok).toBe(true);
    // the frame the reply follows: the first sent for it
    const frame = frames()[before];
    expect(received.indexOf(frame)).toBeLessThan(received.indexOf(injected));
    expect(frame.playing).toBe(true);
    expect(frame.events.length).toBeLessThanOrEqual(60);
    expect(frame.eventsSkipped).toBeGreaterThan(0);
    expect(frame.timeline!.steps.length).toBeLessThanOrEqual(200);
    expect(frame.timeline!.dropped).toBeGreaterThan(0);
    await request({ type: 'pause' });
  });

  it('at max speed the worker waits while the page draws a frame, up to 100 ms', async () => {
    const { page, request, start, frames, soons, laters, flush, clock, cursor } = setup('rfc-nmi', {
      acks: false,
    });
    await start();
    const ack = () => page.send({ type: 'frame-ack', frame: frames().at(-1)!.frame });
    ack();
    await request({ type: 'set-speed', speed: Infinity });
    await request({ type: 'play' });
    ack();
    await flush();
    // slices run back to back until one sends a frame; the next then waits instead of running
    for (let slice = 0; slice < 400 && soons.length > 0; slice += 1) {
      soons.shift()!();
      await flush();
    }
    expect(soons).toHaveLength(0);
    expect(laters).toHaveLength(1);
    const sent = frames().length;
    const time = cursor().time;
    // the page draws it: the next slice runs at once
    ack();
    await flush();
    expect(laters).toHaveLength(0);
    expect(soons).toHaveLength(1);
    soons.shift()!();
    await flush();
    // a page that never draws (a hidden tab) holds the run back for 100 ms only
    clock.now += 100;
    for (let slice = 0; slice < 400 && soons.length > 0; slice += 1) {
      soons.shift()!();
      await flush();
    }
    expect(frames().length).toBeGreaterThan(sent);
    expect(laters).toHaveLength(1);
    const waitingSince = clock.now;
    while (clock.now - waitingSince < 100) {
      laters.shift()!();
      await flush();
      clock.now += 16;
    }
    laters.shift()?.();
    await flush();
    expect(soons.length).toBeGreaterThan(0);
    for (let slice = 0; slice < 20; slice += 1) {
      soons.shift()?.();
      await flush();
    }
    const pause = request({ type: 'pause' });
    ack();
    expect((await pause).ok).toBe(true);
    expect(cursor().time).toBeGreaterThan(time);
  });

  it('events that no frame carries are not kept: at most 250 per frame, the rest counted', async () => {
    const { request, start, frames } = setup();
    await start();
    await request({ type: 'run-until', time: 2_000_000 });
    const last = frames().at(-1)!;
    expect(last.events.length).toBeLessThanOrEqual(250);
    expect(last.eventsSkipped).toBeGreaterThan(0);
    expect(last.events.at(-1)!.seq).toBe(last.cursor.seq);
  });
});
