import type { GicClient } from '../client/index.ts';
import { visibleLog, type GicStore } from '../store/index.ts';
import { whenViewsLoaded } from '../boot/view-loads.ts';
import { whenDeferredDrawingDone } from '../deferred-drawing.ts';
import { whenAnimationsSettled } from '../motion.ts';
import type { GicscopeTestApi } from './types.ts';

declare global {
  interface Window {
    gicscope?: GicscopeTestApi;
  }
}

/** Puts `window.gicscope` on the page: the documented surface for Playwright users. */
export function installTestApi(target: Window, store: GicStore, client: GicClient): void {
  target.gicscope = {
    loadScenario: (idOrJson) =>
      client.loadScenario(
        idOrJson.trim().startsWith('{')
          ? { kind: 'json', text: idOrJson }
          : { kind: 'builtin', id: idOrJson },
      ),
    step: (n = 1) => client.step(n, 'event'),
    stepToNextInterrupt: (n = 1) => client.step(n, 'acknowledge'),
    stepBack: (n = 1) => client.stepBack(n),
    runUntil: (time) => client.runUntil(time),
    seek: (eventSeq) => client.seek(eventSeq),
    setSpeed: (speed) => client.setSpeed(speed),
    play: () => client.play(),
    pause: () => client.pause(),
    reset: () => client.reset(),
    injectNmi: () => client.injectNmi(),
    whenIdle: async () => {
      await client.whenIdle();
      await whenViewsLoaded();
      // views that just came onto the page ask the worker for what they show
      await client.whenIdle();
      await whenAnimationsSettled();
      // the paused timeline draws its off-screen lanes in idle time
      await whenDeferredDrawingDone();
      // let React commit what the last frame changed before the caller reads the page
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    },
    state: () => {
      const s = store.getState();
      const { rows } = visibleLog(s);
      const newest = rows.at(-1);
      return {
        status: s.status,
        failure: s.failure,
        scenario: s.scenario?.id ?? null,
        playing: s.playing,
        time: s.cursor.time,
        cursor: { seq: s.cursor.seq, time: s.cursor.time },
        newestEvent: newest ? { seq: newest.seq, time: newest.time, text: newest.text } : null,
        progress: s.progress && {
          label: s.progress.label,
          time: s.progress.time,
          target: s.progress.target,
          eventsPerSecond: s.progress.eventsPerSecond,
        },
        view: s.view ? structuredClone(s.view) : null,
        logSize: rows.length,
        speed: s.speed,
      };
    },
    crashWorker: () => client.crashForTest(),
  };
}
