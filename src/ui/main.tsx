// The page entry. It starts the worker before anything else loads (the first screen waits on
// the worker's script, machine and first view more than on React), then loads the React tree
// as a second chunk, fetched in parallel with the worker's boot.
// (worker-start first: ES modules run in import order, and it starts the worker as it runs)
import './boot/worker-start.ts';
import { startSession } from './boot/session.ts';
import { registerOfflineWorker } from './boot/offline.ts';
import './styles.css';

const session = startSession(window);
registerOfflineWorker(window, session.store);
const root = document.getElementById('root');
import('./boot/render.tsx')
  .then(({ render }) => {
    if (root) render(session, root);
  })
  .catch((error: unknown) => {
    // nothing will be drawn from the worker's store: whenIdle() must not wait for it
    session.handover?.done();
    // no React to draw with: a plain message, so the page does not stay blank
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `gicscope could not load its page (${error instanceof Error ? error.message : String(error)}). Reload to try again.`;
    root?.replaceChildren(message);
  });
