import { workerPort, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { GicClient } from '../client/client.ts';
import { createGicStore, type GicStore } from '../store/create-store.ts';
import { installTestApi } from '../test-api/install.ts';
import { restoreFromLink } from '../views/share/link/restore.ts';

/** What the page runs on before any view exists: the store and the client that feeds it. */
export interface Session {
  readonly store: GicStore;
  readonly client: GicClient;
}

function startWorker(): Worker {
  return new Worker(new URL('../../worker/gic.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Starts the worker and loads the first scenario. The first screen waits on the worker (its
 * script, the machine, the first view) more than on anything else, so this runs from the entry
 * chunk, while React and the views are still downloading.
 */
export function startSession(page: Window): Session {
  const store = createGicStore();
  const client = new GicClient(store, () => workerPort<ToWorker, FromWorker>(startWorker()));
  installTestApi(page, store, client);
  // the URL is a link to a view (docs/sharing.md): the scenario, the moment, the selection
  void client.connect(() => restoreFromLink(page.location.search, client, store));
  return { store, client };
}
