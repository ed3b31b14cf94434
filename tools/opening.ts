// The default opening, computed by the worker's own code: the host the worker runs (behind the
// same share service, over the same engines) answers the page's own opening (a URL with no link
// state) over an in-memory port. The build ships the result (scripts/opening.mjs); the page draws
// it until the worker's view of the same moment arrives.
import { createMemoryPair, type FromWorker, type ToWorker } from '../src/protocol/index.ts';
import { recordOpening } from '../src/ui/boot/opening-record.ts';
import type { Opening } from '../src/ui/boot/opening.ts';
import { Host, machineEngineFactory, ShareService } from '../src/worker/index.ts';

export type { Opening };

/** A wall clock that never moves: the host runs the opening to its end in one slice. */
const stopped = {
  now: () => 0,
  later: (tick: () => void) => {
    const handle = setTimeout(tick, 16);
    return () => clearTimeout(handle);
  },
  soon: (tick: () => void) => {
    const handle = setTimeout(tick, 0);
    return () => clearTimeout(handle);
  },
};

export function recordDefaultOpening(): Promise<Opening> {
  return recordOpening(() => {
    const [page, worker] = createMemoryPair<ToWorker, FromWorker>();
    const service = new ShareService(worker, { now: () => 0, pause: () => Promise.resolve() });
    new Host(service.hostPort(), service.factory(machineEngineFactory), stopped);
    return page;
  });
}
