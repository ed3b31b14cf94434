import { describe, expect, it } from 'vitest';
import { createMemoryPair, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { Host, machineEngineFactory } from '../../worker/index.ts';
import { runSequence, type Action, type Wiring } from './session-harness.ts';

// Counterexamples the model-based test (session.model.test.ts) found and shrank, kept as they
// were printed. Each failed before its fix; the comment says what was wrong.

const wiring: Wiring = {
  port: (scheduler) => {
    const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
    new Host(worker, machineEngineFactory, scheduler, {
      minSpacingEvents: 200,
      maxSpacingEvents: 800,
      budgetBytes: 4_000_000,
    });
    return page;
  },
  fresh: (scenario) => machineEngineFactory.load({ kind: 'builtin', id: scenario }),
};

const cases: [string, string, Action[]][] = [
  [
    // the machine hands out its live /proc/interrupts arrays: the diff compared them with
    // themselves and the page's counts stopped changing
    'counts follow the machine after the first frame',
    'sgi-ipi',
    [
      { do: 'run-until', ahead: 19070 },
      { do: 'step', count: 3, unit: 'event' },
      { do: 'play-frames', frames: 11 },
    ],
  ],
  [
    // after a storm of events the page's log held only the newest 2000 rows and refused older
    // ones: a seek far back showed no row at all at the cursor
    'a seek far back shows the cursor’s event as the newest row',
    'rfc-nmi',
    [
      { do: 'speed', speed: 'max' },
      // (with fewer events per busy frame this no longer fills the log: event-ring.test.ts
      // keeps the property itself)
      { do: 'play-frames', frames: 10 },
      { do: 'seek', seq: 323 },
    ],
  ],
  [
    // timeline records waiting for a frame were dropped when a step back restored a
    // checkpoint: a bar whose return happened before the checkpoint stayed open for ever
    'a step back after fast playback leaves no bar open that the PE has left',
    'rfc-nmi',
    [
      { do: 'play-frames', frames: 4 },
      { do: 'play-frames', frames: 1 },
      { do: 'step', count: 3, unit: 'event' },
      { do: 'speed', speed: 1000 },
      { do: 'play-frames', frames: 9 },
      { do: 'play-frames', frames: 6 },
      { do: 'step-back', count: 2 },
    ],
  ],
  [
    // a long job piled up timeline records while the page drew; the overflow dropped the oldest,
    // among them the return of a bar the page had open: it stayed open for ever
    'a long step to the next acknowledge delivers every return of a bar the page holds open',
    'rfc-nmi',
    [
      { do: 'speed', speed: 100 },
      { do: 'play-frames', frames: 8 },
      { do: 'write-pmr', pe: 2, value: 240 },
      { do: 'toggle-mode' },
      { do: 'step', count: 1, unit: 'acknowledge' },
    ],
  ],
  [
    // a bar opened in the cursor's own instant but after its event (the recorded future, left
    // by a step back to the middle of an instant) was drawn open: the timeline's "open" went by
    // time, the PE panel by event
    'a step back into the middle of an instant leaves the bars that open later in it closed',
    'pmr-ladder',
    [
      { do: 'run-until', ahead: 30627 },
      { do: 'step-back', count: 8 },
      { do: 'inject-nmi' },
      { do: 'step', count: 3, unit: 'event' },
      { do: 'step-back', count: 4 },
    ],
  ],
  [
    // (the harness's own bug, kept so it stays fixed) playback replayed a recorded mode change
    // while the page asked for the same mode: the worker honestly answered no-effect and
    // recorded nothing, but the harness counted the input
    'an input that did nothing is not recorded',
    'sgi-ipi',
    [
      { do: 'play-frames', frames: 8 },
      { do: 'play-frames', frames: 6 },
      { do: 'play-frames', frames: 10 },
      { do: 'play-frames', frames: 2 },
      { do: 'toggle-mode' },
      { do: 'run-until', ahead: 15600 },
      { do: 'play-frames', frames: 4 },
      { do: 'toggle-mode' },
      { do: 'seek', seq: 208 },
      { do: 'play-frames', frames: 9 },
      { do: 'toggle-mode' },
      { do: 'step', count: 1, unit: 'acknowledge' },
    ],
  ],
  [
    // playing at 1000× the page lagged the worker; a step back then sent a bar the worker had
    // opened before going back, and the next input did not tell the page to forget it (the
    // host's horizon counted only log rows): a bar stayed open on a PE that had none
    'an input after a step back forgets the timeline records the page got from the old future',
    'one-of-n',
    [
      { do: 'step-back', count: 1 },
      { do: 'inject-nmi' },
      { do: 'speed', speed: 1 },
      { do: 'speed', speed: 100 },
      { do: 'play-frames', frames: 6 },
      { do: 'speed', speed: 1000 },
      { do: 'play-frames', frames: 12 },
      { do: 'step-back', count: 2 },
      { do: 'inject-nmi' },
      { do: 'play-frames', frames: 3 },
    ],
  ],
  [
    // the page's timeline keeps 1500 bars; after a seek back to the start the replayed bars
    // were the lowest ids and went first, the far future stayed: the running handler had no bar
    'after a seek back the timeline keeps the bars near the cursor, not the far future',
    'rfc-nmi',
    [
      { do: 'speed', speed: 'max' },
      { do: 'play-frames', frames: 3 },
      { do: 'play-frames', frames: 8 },
      { do: 'play-frames', frames: 9 },
      { do: 'seek', seq: -1 },
      { do: 'play-frames', frames: 3 },
    ],
  ],
  [
    // a seek forward jumped to a later checkpoint and skipped the events between it and the
    // cursor, among them the return of a bar the page held open: it stayed open for ever
    'a seek forward replays every event, so a bar that returned on the way is closed',
    'one-of-n',
    [
      { do: 'speed', speed: 'max' },
      { do: 'play-frames', frames: 1 },
      { do: 'seek', seq: 715 },
      { do: 'seek', seq: 800 },
    ],
  ],
];

describe('time travel regressions (shrunk by the model-based test)', () => {
  for (const [name, scenario, actions] of cases)
    it(name, async () => {
      expect(await runSequence(wiring, scenario, actions)).toBeNull();
    });
});
