import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryPair, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { Host, machineEngineFactory } from '../../worker/index.ts';
import { timelineModel, openAtCursor } from '../views/timeline/model.ts';
import { Oracle, Session, type Action } from './session-harness.ts';

// Model-based test of time travel (issue 9): seeded random sequences of user actions against the
// real page store and client, over the memory transport, to the real worker host. After every
// action the page's view, cursor, log and timeline must equal what a fresh machine driven
// straight to the same moment shows. A failing sequence is shrunk and printed, to be pasted into
// session.regressions.test.ts.

const SEQUENCES = Number(process.env.MBT_SEQUENCES ?? 120);
const ACTIONS = Number(process.env.MBT_ACTIONS ?? 24);
const FIRST_SEED = Number(process.env.MBT_SEED ?? 1);
const SCENARIOS = ['rfc-nmi', 'one-of-n', 'pmr-ladder', 'sgi-ipi'] as const;

function mulberry(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomAction(random: () => number, peCount: number, seqHint: number): Action {
  const int = (n: number) => Math.floor(random() * n);
  const r = random();
  if (r < 0.2) return { do: 'play-frames', frames: 1 + int(12) };
  if (r < 0.27) return { do: 'pause' };
  if (r < 0.42) return { do: 'step', count: 1 + int(3), unit: 'event' };
  if (r < 0.45) return { do: 'step', count: 1, unit: 'acknowledge' };
  if (r < 0.6) return { do: 'step-back', count: 1 + int(int(2) ? 2 : 8) };
  if (r < 0.69) return { do: 'seek', seq: int(seqHint + 40) - 1 };
  if (r < 0.73) return { do: 'run-until', ahead: 1 + int(40_000) };
  if (r < 0.8) return { do: 'inject-nmi' };
  if (r < 0.86)
    return {
      do: 'write-pmr',
      pe: int(peCount),
      value: [0x80, 0xa0, 0xc0, 0xe0, 0xf0, 0x1f][int(6)],
    };
  if (r < 0.89) return { do: 'toggle-mode' };
  if (r < 0.97) return { do: 'speed', speed: ([0.5, 1, 10, 100, 1000, 'max'] as const)[int(6)] };
  return { do: 'reset' };
}

function newSession(): { session: Session; oracle: Oracle } {
  const session = new Session((scheduler) => {
    const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
    new Host(worker, machineEngineFactory, scheduler, {
      minSpacingEvents: 200,
      maxSpacingEvents: 800,
      budgetBytes: 4_000_000,
    });
    return page;
  });
  return { session, oracle: null! };
}

/** The invariants after one action; returns a description of the first broken one, or null. */
function check(session: Session, oracle: Oracle): string | null {
  const drawn = session.drawn();
  const { cursor, view } = drawn;
  if (!Number.isInteger(cursor.time)) return `time ${cursor.time} is not a whole number of ns`;
  if (!view) return 'no view';
  const reference = oracle.at(cursor.moment, session.inputs);
  if (reference.seq !== cursor.seq)
    return `cursor at event ${cursor.seq}, a fresh machine at that moment is at event ${reference.seq}`;
  const a = JSON.stringify(view);
  const b = JSON.stringify(reference.view);
  if (a !== b)
    return `the page's view differs from a fresh machine's at ${cursor.time} ns:\n${firstDifference(view, reference.view)}`;
  for (let i = 1; i < drawn.rows.length; i += 1)
    if (drawn.rows[i].seq <= drawn.rows[i - 1].seq) return 'log rows out of order';
  if (drawn.newest && drawn.newest.seq > cursor.seq)
    return `the log shows event ${drawn.newest.seq} after the cursor (${cursor.seq})`;
  if (cursor.seq >= 0 && drawn.newest?.seq !== cursor.seq)
    return `the newest log row is ${drawn.newest?.seq ?? 'none'}, the cursor ${cursor.seq}`;
  // the timeline's open bars are the PEs' handler stacks
  const s = drawn.state;
  if (s.timeline.dropped === 0) {
    const model = timelineModel({
      spans: s.timeline.spans(),
      steps: s.timeline.steps(),
      instants: s.timeline.instants(),
      events: s.events.latest(s.events.capacity),
      peCount: view.cpus.length,
      cursor,
    });
    const open = openAtCursor(model);
    for (const cpu of reference.view.cpus) {
      const bars = open.get(cpu.pe)?.length ?? 0;
      if (bars !== cpu.handlers.length)
        return `PE ${cpu.pe}: the timeline has ${bars} bars open at the cursor, the PE ${cpu.handlers.length} handlers`;
    }
  }
  return null;
}

function firstDifference(a: unknown, b: unknown, path = 'view'): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: page ${JSON.stringify(a)} vs fresh ${JSON.stringify(b)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (d) return d;
  }
  return path;
}

/** Runs a sequence; returns the index of the failing action and why, or null. */
export async function runSequence(
  scenario: string,
  actions: readonly Action[],
): Promise<{ readonly index: number; readonly problem: string } | null> {
  const { session } = newSession();
  const oracle = new Oracle(() => machineEngineFactory.load({ kind: 'builtin', id: scenario }));
  await session.connect(scenario);
  const first = check(session, oracle);
  if (first) return { index: -1, problem: first };
  for (const [index, action] of actions.entries()) {
    const t0 = performance.now();
    try {
      const result = await session.run(action);
      if (action.do === 'reset') {
        // a fresh start: the oracle starts over too
        const fresh = new Oracle(() =>
          machineEngineFactory.load({ kind: 'builtin', id: scenario }),
        );
        Object.assign(oracle, fresh);
      }
      if (result && !result.ok && result.failure === 'invalid')
        return { index, problem: `refused as invalid: ${result.detail}` };
    } catch (error) {
      return { index, problem: `threw: ${error instanceof Error ? error.stack : String(error)}` };
    }
    const problem = check(session, oracle);
    if (process.env.MBT_VERBOSE === '2')
      appendFileSync(
        '/tmp/mbt.log',
        `  ${index} ${JSON.stringify(action)} ${(performance.now() - t0).toFixed(0)} ms → ` +
          `t=${session.store.getState().cursor.time} seq=${session.store.getState().cursor.seq}\n`,
      );
    if (problem) return { index, problem };
  }
  return null;
}

/** Greedy shrink: drop actions, then simplify numbers, while the sequence still fails. */
async function shrink(scenario: string, actions: Action[]): Promise<Action[]> {
  let current = actions;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = current.length - 1; i >= 0; i -= 1) {
      const candidate = current.filter((_, j) => j !== i);
      if (await runSequence(scenario, candidate)) {
        current = candidate;
        changed = true;
      }
    }
  }
  return current;
}

describe('time travel, model-based', () => {
  it(`${SEQUENCES} seeded sequences of ${ACTIONS} actions: the page always shows what a fresh machine shows at its cursor`, async () => {
    const started = performance.now();
    let actions = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEQUENCES; seed += 1) {
      const random = mulberry(seed);
      const scenario = SCENARIOS[seed % SCENARIOS.length];
      const peCount = scenario === 'sgi-ipi' ? 4 : 4;
      const sequence: Action[] = [];
      let hint = 50;
      for (let i = 0; i < ACTIONS; i += 1) {
        const action = randomAction(random, peCount, hint);
        sequence.push(action);
        hint += 30;
      }
      const t0 = performance.now();
      const failure = await runSequence(scenario, sequence);
      if (process.env.MBT_VERBOSE)
        console.log(`seed ${seed} ${scenario}: ${(performance.now() - t0).toFixed(0)} ms`);
      actions += sequence.length;
      if (failure) {
        const failing = sequence.slice(0, failure.index + 1);
        const small = await shrink(scenario, failing);
        const again = await runSequence(scenario, small);
        expect.fail(
          `seed ${seed} (${scenario}) fails at action ${failure.index}: ${failure.problem}\n` +
            `shrunk to ${small.length} actions: ${again?.problem ?? ''}\n` +
            `regression: ['${scenario}', ${JSON.stringify(small)}]`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `model-based: ${SEQUENCES} sequences, ${actions} actions in ${seconds.toFixed(1)} s`,
    );
  }, 600_000);
});
