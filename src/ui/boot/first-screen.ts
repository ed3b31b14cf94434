// The first screen is the header and the block diagram at the opening moment. Everything else
// (story, chapters, sharing, timeline, panels) loads after it is painted, so that neither their
// download nor their first render stands between the page and the diagram (issue 13). No React
// here: the entry chunk's session opens the gate.
import { trackViewLoad } from './view-loads.ts';

/**
 * The longest the rest of the page waits for the opening: a link to a far moment runs for long,
 * and an opening that never ends (a link the restore choked on) must not leave the page bare.
 */
const MAX_WAIT_MS = 5000;

let open: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  open = resolve;
});

/** Resolves once the first screen has been painted (or the opening took too long). */
export function firstScreenShown(): Promise<void> {
  return shown;
}

/** Resolves after the browser has painted what the page holds now. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    // the frame callback runs before the paint; the message after it, once the paint is done
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

/**
 * Opens the gate once `opening` (the session's first load and run) is done and painted. Tracked
 * as a view load, so `whenIdle()` waits for the rest of the page to arrive too.
 */
export function showRestAfter(opening: Promise<unknown>): void {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, MAX_WAIT_MS));
  void trackViewLoad(
    Promise.race([opening.then(afterPaint), timeout]).then(() => {
      open();
    }),
  );
}

/** A view's chunk, fetched only once the first screen is up. */
export function afterFirstScreen<T>(load: () => Promise<T>): () => Promise<T> {
  return () => shown.then(load);
}
