// Offline after the first visit (docs/sharing.md): the service worker vite-plugin-pwa generates
// (sw.js) is registered once the first screen is up. Installing it precaches the whole app
// (~0.8 MB); registered at the load event, as the plugin's own script did, that download ran
// alongside the simulation worker's start and cost the first view about a quarter second on a
// 2-core machine (issue 13).
import { firstScreenShown } from './first-screen.ts';

export function registerOfflineWorker(page: Window): void {
  // the dev server serves no sw.js
  if (!import.meta.env.PROD || !('serviceWorker' in page.navigator)) return;
  void firstScreenShown()
    .then(() => page.navigator.serviceWorker.register('./sw.js', { scope: './' }))
    // without it the page works as before, online only; nothing to tell the user
    .catch(() => undefined);
}
