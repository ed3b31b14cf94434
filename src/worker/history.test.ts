import { describe, expect, it } from 'vitest';
import { History } from './history.ts';
import { machineEngineFactory } from './machine-engine.ts';

// Real machine, real engine: step back must land on exactly the state the machine was in.
function session() {
  const engine = machineEngineFactory.load({ kind: 'builtin', id: 'rfc-nmi' });
  engine.view();
  const history = new History(engine);
  const seen: { position: number; view: string; seq: number }[] = [];
  const record = () =>
    seen.push({
      position: history.position,
      view: JSON.stringify(engine.view()),
      seq: engine.eventSeq(),
    });
  return { engine, history, seen, record };
}

describe('History (checkpoints + replay)', () => {
  it('rewinding to any earlier position reproduces the state exactly, inputs and bounded steps included', () => {
    const { engine, history, seen, record } = session();
    record();
    for (let i = 0; i < 400; i += 1) {
      if (i === 150 || i === 260) history.apply({ kind: 'inject-nmi' });
      else if (i % 7 === 0) history.stepUntil(engine.time() + 900);
      else history.step();
      record();
    }
    for (const target of [399, 300, 257, 128, 127, 40, 0]) {
      history.rewindTo(seen[target].position);
      expect(JSON.stringify(engine.view()), `position ${target}`).toBe(seen[target].view);
    }
  });

  it('steps forward again through the recorded future after a step back', () => {
    const { history, engine, seen, record } = session();
    record();
    for (let i = 0; i < 60; i += 1) {
      if (i === 30) history.apply({ kind: 'inject-nmi' });
      else history.stepUntil(engine.time() + 500);
      record();
    }
    history.back(25);
    for (let i = 0; i < 25; i += 1) history.step();
    expect(JSON.stringify(engine.view())).toBe(seen[60].view);
  });

  it('finds the first position whose state includes an event', () => {
    const { history, seen, record } = session();
    record();
    for (let i = 0; i < 200; i += 1) {
      history.step();
      record();
    }
    const middle = seen[120];
    expect(history.positionAfterEvent(middle.seq)).toBe(
      seen.find((s) => s.seq >= middle.seq)!.position,
    );
    expect(history.positionAfterEvent(-1)).toBe(0);
  });
});

describe('History memory bound', () => {
  it('keeps fewer checkpoints when snapshots are large, and forgets what lies before them', () => {
    // a counter whose snapshots weigh 4 MB: the 48 MB budget allows 16 checkpoints
    let count = 0;
    const ballast = 'x'.repeat(4 * 1024 * 1024);
    const engine = {
      step: () => ((count += 1), 'event' as const),
      eventSeq: () => count,
      snapshot: () => ({ count, ballast }),
      restore: (s: unknown) => {
        count = (s as { count: number }).count;
      },
    } as unknown as ConstructorParameters<typeof History>[0];
    const history = new History(engine);
    for (let i = 0; i < 128 * 40; i += 1) history.step();
    history.rewindTo(0);
    // the oldest kept checkpoint is 16 checkpoints back from the newest (position 5120)
    expect(history.position).toBe(128 * (40 - 16 + 1));
    expect(count).toBe(history.position);
    expect(history.positionAfterEvent(0)).toBe(history.position);
  });
});
