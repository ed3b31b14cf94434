// Offline after the first visit (docs/sharing.md): the service worker vite-plugin-pwa generates
// (sw.js) is registered once the first screen is up and the simulation has stood still for a
// moment. Installing it precaches the whole app (~0.8 MB); registered at the load event, as the
// plugin's own script did, that download ran alongside the simulation worker's start and cost the
// first view about a quarter second on a 2-core machine, and during a storm played right after
// the first screen it made the page's frames wait for a core (issue 13).
import type { GicStore } from '../store/index.ts';
import { firstScreenShown } from './first-screen.ts';
import { simulationQuiet } from './simulation-quiet.ts';

/** How long the simulation stands still before the offline copy is installed: its install
 * compiles the whole app for the code cache (~0.7 s of CPU), and a presenter who opens the page
 * and presses Play at once should not share a core with it. */
const QUIET_MS = 3000;

export function registerOfflineWorker(page: Window, store: GicStore): void {
  // the dev server serves no sw.js
  if (!import.meta.env.PROD || !('serviceWorker' in page.navigator)) return;
  void firstScreenShown()
    .then(() => simulationQuiet(store, QUIET_MS))
    .then(() => page.navigator.serviceWorker.register('./sw.js', { scope: './' }))
    // without it the page works as before, online only; nothing to tell the user
    .catch(() => undefined);
}
