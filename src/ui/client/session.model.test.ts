import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryPair, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { Host, machineEngineFactory } from '../../worker/index.ts';
import { runSequence, type Action, type Wiring } from './session-harness.ts';

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
  if (r < 0.92)
    return {
      do: 'write-gicd',
      // ISENABLER1, ICENABLER1, ISPENDR1, ICPENDR1, ISACTIVER1: SPIs 32–63
      offset: [0x104, 0x184, 0x204, 0x284, 0x304][int(5)],
      value: [1 << 1, 1 << 8, 1 << 9, 1 << 16, 0xffffffff][int(5)] >>> 0,
    };
  if (r < 0.97) return { do: 'speed', speed: ([0.5, 1, 10, 100, 1000, 'max'] as const)[int(6)] };
  return { do: 'reset' };
}

export const wiring: Wiring = {
  port: (scheduler) => {
    const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
    // small checkpoint spacing and budget: replays, thinning and origin moves happen often
    new Host(worker, machineEngineFactory, scheduler, {
      minSpacingEvents: 200,
      maxSpacingEvents: 800,
      budgetBytes: 4_000_000,
    });
    return page;
  },
  fresh: (scenario) => machineEngineFactory.load({ kind: 'builtin', id: scenario }),
  log:
    process.env.MBT_VERBOSE === '2'
      ? (line) => appendFileSync('/tmp/mbt.log', `${line}\n`)
      : undefined,
};

/** Smaller versions of one action: its numbers halved or set to their least. */
function simpler(action: Action): Action[] {
  const halves = (n: number, least: number) =>
    [...new Set([least, Math.floor((n + least) / 2), n - 1])].filter((m) => m >= least && m < n);
  switch (action.do) {
    case 'play-frames':
      return halves(action.frames, 1).map((frames) => ({ ...action, frames }));
    case 'step':
      return [
        ...halves(action.count, 1).map((count) => ({ ...action, count })),
        ...(action.unit === 'acknowledge' ? [{ ...action, unit: 'event' as const }] : []),
      ];
    case 'step-back':
      return halves(action.count, 1).map((count) => ({ ...action, count }));
    case 'seek':
      return halves(action.seq, -1).map((seq) => ({ ...action, seq }));
    case 'run-until':
      return halves(action.ahead, 1).map((ahead) => ({ ...action, ahead }));
    default:
      return [];
  }
}

/** Greedy shrink: drop actions, then make numbers smaller, while the sequence still fails. */
async function shrink(scenario: string, actions: Action[]): Promise<Action[]> {
  let current = actions;
  const fails = async (candidate: Action[]) =>
    (await runSequence(wiring, scenario, candidate)) !== null;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = current.length - 1; i >= 0; i -= 1) {
      const candidate = current.filter((_, j) => j !== i);
      if (await fails(candidate)) {
        current = candidate;
        changed = true;
      }
    }
    for (let i = 0; i < current.length; i += 1)
      for (const smaller of simpler(current[i])) {
        const candidate = current.map((a, j) => (j === i ? smaller : a));
        if (await fails(candidate)) {
          current = candidate;
          changed = true;
          break;
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
      const failure = await runSequence(wiring, scenario, sequence);
      if (process.env.MBT_VERBOSE)
        console.log(`seed ${seed} ${scenario}: ${(performance.now() - t0).toFixed(0)} ms`);
      actions += sequence.length;
      if (failure) {
        const failing = sequence.slice(0, failure.index + 1);
        const small = await shrink(scenario, failing);
        const again = await runSequence(wiring, scenario, small);
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
