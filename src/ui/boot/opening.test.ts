import { describe, expect, it } from 'vitest';
import opening from 'virtual:gicscope-opening';
import { createMemoryPair, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { Host, machineEngineFactory, ShareService } from '../../worker/index.ts';
import { Session } from '../client/session-harness.ts';
import { openFromLink } from './open-link.ts';
import { previewStore } from './opening.ts';

// The page draws the default opening from `virtual:gicscope-opening` (built by the worker's code
// at build time) until the worker's own view arrives. This test imports that very module, as the
// page does, and opens the page against the worker's host as the browser would: a clock whose
// slices end, so the run to the first chapter comes in several frames of diffs.

/** The page (its store and client) against the worker's host, as gic.worker.ts wires it. */
function pageWithWorker(): Session {
  return new Session((scheduler) => {
    const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
    const service = new ShareService(worker, {
      now: scheduler.now,
      pause: () => Promise.resolve(),
    });
    new Host(service.hostPort(), service.factory(machineEngineFactory), scheduler);
    return page;
  });
}

/** What the first screen draws from the store. */
const drawn = (state: ReturnType<ReturnType<typeof previewStore>['getState']>) => ({
  builtins: state.builtins,
  scenario: state.scenario,
  view: state.view,
  cursor: state.cursor,
  interruptGroups: state.interruptGroups,
  playing: state.playing,
  progress: state.progress,
  speed: state.speed,
  notice: state.notice,
  selectedPe: state.selectedPe,
  selectedKey: state.selectedKey,
});

describe('the default opening shipped with the page', () => {
  it('draws exactly what the page holds once the worker has opened it', async () => {
    const session = pageWithWorker();
    await session.until(
      session.client.connect(() => openFromLink('', session.store, session.client)),
    );
    const worker = session.store.getState();
    expect(worker.status).toBe('ready');
    expect(worker.recovery?.source).toEqual(opening.source);
    expect(drawn(previewStore(opening).getState())).toEqual(drawn(worker));
  });

  it('is the first built-in at its first chapter, as a fresh machine has it', () => {
    const first = opening.builtins[0];
    expect(opening.source).toEqual({ kind: 'builtin', id: first.id });
    const chapter = opening.scenario.chapters?.[0];
    expect(opening.cursor.time).toBe(chapter?.at);
    const engine = machineEngineFactory.load(opening.source);
    engine.runUntil(opening.cursor.time);
    expect(opening.cursor.seq).toBe(engine.eventSeq());
    expect(opening.view).toEqual(engine.view());
  });

  it('leaves every control that needs the worker off until the worker is there', () => {
    const state = previewStore(opening).getState();
    // Controls, the scenario picker, Run to end and the shortcuts act only on 'ready'
    expect(state.status).toBe('connecting');
  });
});
