import { workerPort, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { GicClient } from '../client/client.ts';
import { createGicStore, type GicStore } from '../store/create-store.ts';
import { installTestApi } from '../test-api/install.ts';
import { createUiStore, type UiStore } from '../app/ui-store.ts';
import { showRestAfter } from './first-screen.ts';
import { takeWorker } from './worker-start.ts';
import { parseLink } from '../views/share/link/link-format.ts';
import { restoreFromLink } from '../views/share/link/restore.ts';
import { runToFirstChapterOnLoad } from './opening-run.ts';

/** What the page runs on before any view exists: the store and the client that feeds it. */
export interface Session {
  readonly store: GicStore;
  readonly client: GicClient;
  /** how the page is shown (presenter mode …): a link may set it before React exists */
  readonly ui: UiStore;
}

/**
 * Starts the worker and loads the first scenario. The first screen waits on the worker (its
 * script, the machine, the first view) more than on anything else, so this runs from the entry
 * chunk, while React and the views are still downloading.
 */
export function startSession(page: Window): Session {
  const store = createGicStore();
  const client = new GicClient(store, () => workerPort<ToWorker, FromWorker>(takeWorker()));
  installTestApi(page, store, client);
  const ui = createUiStore();
  const opening = client.connect(async () => {
    const search = page.location.search;
    // with no link state the page opens on a moment that shows something: the first chapter
    // (not after a link that failed: its Notice says what was wrong, and stays)
    const asked = parseLink(search);
    const plain =
      asked.state.scenario === null &&
      asked.state.t === null &&
      asked.state.at === null &&
      asked.problems.length === 0;
    const run = plain ? runToFirstChapterOnLoad(store, client) : null;
    // the URL is a link to a view (docs/sharing.md): the scenario, the moment, the selection
    const { link } = await restoreFromLink(search, client, store);
    if (link.state.presenter) ui.getState().setPresenter(true);
    await run?.settled();
  });
  showRestAfter(opening);
  return { store, client, ui };
}
