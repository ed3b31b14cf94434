import { describe, expect, it } from 'vitest';
import type { MachineInput } from '../../protocol/index.ts';
import type { Engine } from '../engine.ts';
import { runJob } from '../jobs.testing.ts';
import { goToJob, seekJob, stepBackJob, stepJob } from '../jobs.ts';
import { machineEngineFactory } from '../machine-engine.ts';
import { parseRegisterValue } from '../register-value.ts';
import { History } from './history.ts';
import { compareMoments, END, START, type Moment } from './moment.ts';

function apply(engine: Engine, input: MachineInput) {
  switch (input.kind) {
    case 'inject-nmi':
      return engine.injectNmi();
    case 'set-injector-mode':
      return engine.setInjectorMode(input.mode);
    case 'write-register':
      return engine.writeRegister(input.target, parseRegisterValue(input.value));
    case 'read-register':
      return engine.readRegister(input.target);
  }
}

// Real machine, real engine: every moment the history goes back to must be exactly the state
// the machine was in when it was there.
function session(options = {}) {
  const engine = machineEngineFactory.load({ kind: 'builtin', id: 'rfc-nmi' });
  engine.view();
  const history = new History(engine, apply, options);
  const seen: { moment: Moment; view: string; seq: number }[] = [];
  const record = () =>
    seen.push({
      moment: history.cursor,
      view: JSON.stringify(engine.view()),
      seq: engine.eventSeq(),
    });
  return { engine, history, seen, record };
}

const pmr = (value: string): MachineInput => ({
  kind: 'write-register',
  target: { block: 'sysreg', pe: 1, name: 'ICC_PMR_EL1' },
  value,
});

describe('History (checkpoints + replay of inputs)', () => {
  it('going back to any earlier moment reproduces the state exactly, inputs and idle time included', () => {
    const { engine, history, seen, record } = session({
      minSpacingEvents: 50,
      maxSpacingEvents: 50,
    });
    record();
    for (let i = 0; i < 500; i += 1) {
      if (i === 150 || i === 260) history.apply({ kind: 'inject-nmi' });
      else if (i === 300) history.apply(pmr('0xe0'));
      else if (i % 7 === 0) {
        const next = engine.nextEventTime();
        if (next !== null && next - history.cursor.time > 2) history.idleTo(next - 1);
        else history.forward();
      } else history.forward();
      record();
    }
    expect(history.checkpoints.length).toBeGreaterThan(3);
    for (const index of [499, 420, 301, 300, 299, 261, 150, 128, 40, 1, 0]) {
      runJob(goToJob(history, seen[index].moment));
      expect(JSON.stringify(engine.view()), `moment ${index}`).toBe(seen[index].view);
      expect(engine.eventSeq()).toBe(seen[index].seq);
    }
  });

  it('replays the recorded future (inputs included) when stepping forward after going back', () => {
    const { history, engine, seen, record } = session();
    record();
    for (let i = 0; i < 80; i += 1) {
      if (i === 30) history.apply({ kind: 'inject-nmi' });
      else history.forward();
      record();
    }
    runJob(goToJob(history, seen[20].moment));
    expect(history.futureInputs).toBe(1);
    while (compareMoments(history.cursor, seen[80].moment) < 0) history.forward();
    expect(JSON.stringify(engine.view())).toBe(seen[80].view);
  });

  it('a new input after going back rewrites the future: the old inputs are forgotten', () => {
    const { history, seen, record } = session();
    record();
    for (let i = 0; i < 60; i += 1) {
      if (i === 40) history.apply({ kind: 'inject-nmi' });
      else history.forward();
      record();
    }
    runJob(goToJob(history, seen[30].moment));
    history.apply(pmr('0xf0'));
    expect(history.futureInputs).toBe(0);
    expect(history.inputCount).toBe(1);
  });

  it('an input that changes nothing and says nothing is not recorded', () => {
    const { history } = session();
    const outcome = history.apply({ kind: 'set-injector-mode', mode: 'rfc-round-robin' });
    expect(outcome).toMatchObject({ effect: false, recorded: false });
    expect(history.inputCount).toBe(0);
  });

  it('a replay that meets an input at another event than recorded says it diverged', () => {
    const { history, engine } = session();
    for (let i = 0; i < 30; i += 1) history.forward();
    history.apply({ kind: 'inject-nmi' });
    for (let i = 0; i < 10; i += 1) history.forward();
    // a stray event the recording never saw (an inspection that was a guest access would do this)
    history.restoreCheckpoint(0);
    for (let i = 0; i < 20; i += 1) history.forward();
    engine.readRegister({ block: 'sysreg', pe: 0, name: 'ICC_IAR1_EL1' });
    expect(() => {
      for (let i = 0; i < 20; i += 1) history.forward();
    }).toThrow(/replay diverged/);
  });

  it('keeps the checkpoints within their byte budget, the first (the load) always', () => {
    const { history, engine } = session({
      budgetBytes: 400_000,
      minSpacingEvents: 20,
      maxSpacingEvents: 20,
    });
    for (let i = 0; i < 6000 && history.forward(); i += 1);
    const checkpoints = history.checkpoints;
    expect(checkpoints.bytes).toBeLessThanOrEqual(400_000);
    expect(checkpoints.length).toBeGreaterThan(2);
    expect(checkpoints.oldest.moment).toEqual(START);
    // older checkpoints thin out: the gaps grow with age
    const seqs = Array.from({ length: checkpoints.length }, (_, i) => checkpoints.at(i).seq);
    const gaps = seqs.slice(1).map((s, i) => s - seqs[i]);
    expect(gaps[1]).toBeGreaterThan(gaps[gaps.length - 1]);
    // and every moment is still reachable from the start
    const view = JSON.stringify(engine.view());
    const cursor = history.cursor;
    runJob(goToJob(history, START));
    runJob(goToJob(history, cursor));
    expect(JSON.stringify(engine.view())).toBe(view);
  });
});

describe('cursor jobs', () => {
  it('step back undoes exactly one visible step, and step forward redoes it', () => {
    const { history, engine, seen, record } = session();
    record();
    for (let i = 0; i < 120; i += 1) {
      const step = history.forward();
      if (step?.visible) record();
    }
    for (let back = 1; back <= 12; back += 1) {
      const outcome = runJob(stepBackJob(history, 1));
      expect(outcome.ok).toBe(true);
      const expected = seen[seen.length - 1 - back];
      expect(history.cursor, `back ${back}`).toEqual(expected.moment);
      expect(JSON.stringify(engine.view())).toBe(expected.view);
    }
    runJob(stepJob(history, 1, 'event'));
    expect(history.cursor).toEqual(seen[seen.length - 12].moment);
  });

  it('step back from idle time after an event undoes that event (not only the idle time)', () => {
    const { history, engine } = session();
    for (let i = 0; i < 50; i += 1) history.forward();
    const lastEventTime = history.cursor.time;
    const seqAtEvent = engine.eventSeq();
    const next = engine.nextEventTime()!;
    history.idleTo(next - 1);
    runJob(stepBackJob(history, 1));
    expect(history.cursor.time).toBeLessThanOrEqual(lastEventTime);
    expect(engine.eventSeq()).toBeLessThan(seqAtEvent);
  });

  it('nothing to step back to at the start', () => {
    const { history } = session();
    expect(runJob(stepBackJob(history, 1))).toMatchObject({ ok: false, failure: 'no-effect' });
  });

  it('seek lands just after the instant holding the event, in both directions', () => {
    const { history, engine, seen, record } = session();
    record();
    for (let i = 0; i < 200; i += 1) if (history.forward()?.visible) record();
    const target = seen[40];
    runJob(seekJob(history, target.seq, () => engine.eventSeq()));
    expect(history.cursor).toEqual(target.moment);
    expect(JSON.stringify(engine.view())).toBe(target.view);
    runJob(seekJob(history, seen[150].seq, () => engine.eventSeq()));
    expect(history.cursor).toEqual(seen[150].moment);
    expect(runJob(seekJob(history, seen[150].seq, () => engine.eventSeq()))).toMatchObject({
      ok: false,
      failure: 'no-effect',
    });
    runJob(seekJob(history, -1, () => engine.eventSeq()));
    expect(history.cursor).toEqual(START);
  });

  it('time is a whole number of nanoseconds after any mix of steps and idle time', () => {
    const { history } = session();
    for (let i = 0; i < 300; i += 1) {
      if (i % 5 === 0 && history.forward(END)) continue;
      history.forward();
    }
    expect(Number.isInteger(history.cursor.time)).toBe(true);
  });
});
